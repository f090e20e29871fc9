import { useRef, useState, type SyntheticEvent } from 'react';
import { Button, FieldError, Form, Label, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../app/workspace.ts';
import type { NoteRow } from '../../db/index.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { FeedbackRegion, useMutationFeedback, type RunMutation } from './feedback.tsx';
import { ModalDialog } from '../../app/ModalDialog.tsx';

/**
 * Notes of the Vorgang, oldest first. Authors edit and delete their own notes; a deleted note
 * keeps its place without its text (the journal keeps the previous text).
 */
export function NotesSection({ vorgangId, notes }: { vorgangId: string; notes: readonly NoteRow[] }) {
  const { t } = useTranslation();
  const { run, feedback } = useMutationFeedback();
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (!text.trim()) return;
    setBusy(true);
    const ok = await run('addNote', { vorgangId, noteId: crypto.randomUUID(), text: text.trim() });
    setBusy(false);
    if (ok) {
      setText('');
      setAttempted(false);
    }
  };

  return (
    <section aria-labelledby="vg-notes" className="ap-section" data-testid="notes">
      <h2 id="vg-notes" className="kern-heading-medium">
        {t('notes.heading')}
      </h2>
      <FeedbackRegion feedback={feedback} testId="notes-feedback" />
      {notes.length === 0 ? (
        <p className="kern-body">{t('notes.none')}</p>
      ) : (
        <ol className="ap-notes">
          {notes.map((n) => (
            <NoteItem key={n.id} note={n} run={run} />
          ))}
        </ol>
      )}
      <Form validationBehavior="aria" onSubmit={(e) => void submit(e)} className="ap-stack">
        <TextField className="kern-form-input" value={text} onChange={setText} isInvalid={attempted && !text.trim()}>
          <Label className="kern-label">{t('notes.text')}</Label>
          <TextArea className="kern-form-input__input ap-textarea" rows={3} maxLength={10_000} />
          <FieldError className="kern-error">{t('notes.textRequired')}</FieldError>
        </TextField>
        <div>
          <Button type="submit" className="kern-btn kern-btn--secondary" isDisabled={busy}>
            <span className="kern-label">{t('notes.add')}</span>
          </Button>
        </div>
      </Form>
    </section>
  );
}

function NoteItem({ note, run }: { note: NoteRow; run: RunMutation }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { session, lookups } = useWorkspace();
  const [editing, setEditing] = useState(false);
  const itemRef = useRef<HTMLLIElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const own = note.authorId === session.user.id;
  const deleted = note.deletedAt !== null;
  const author = lookups.users.get(note.authorId)?.displayName ?? t('user.unknown');

  const finishEditing = () => {
    setEditing(false);
    // The editor disappears with the focus in it: back to the button that opened it.
    requestAnimationFrame(() => editRef.current?.focus());
  };

  return (
    <li
      className={`ap-notes__item${deleted ? ' ap-notes__item--deleted' : ''}`}
      data-testid="note"
      data-note-id={note.id}
      data-deleted={deleted}
      ref={itemRef}
      tabIndex={-1}
    >
      {deleted && note.deletedAt !== null ? (
        <p className="kern-body ap-muted">
          {t('workspace.notes.deleted', { time: formatDateTime(note.deletedAt, lang) })}
        </p>
      ) : editing ? (
        <NoteEditor note={note} run={run} onDone={finishEditing} />
      ) : (
        <p className="kern-body ap-multiline">{note.text}</p>
      )}
      <p className="kern-body kern-body--small kern-body--muted">
        {t('notes.meta', { author, time: formatDateTime(note.createdAt, lang) })}
        {!deleted && note.updatedAt !== null && (
          <> · {t('workspace.notes.edited', { time: formatDateTime(note.updatedAt, lang) })}</>
        )}
      </p>
      {own && !deleted && !editing && (
        <div className="ap-actions">
          <Button
            className="kern-btn kern-btn--tertiary kern-btn--x-small"
            onPress={() => setEditing(true)}
            ref={editRef}
          >
            <span className="kern-icon kern-icon--edit" aria-hidden="true" />
            <span className="kern-label">{t('workspace.notes.edit')}</span>
          </Button>
          <ModalDialog
            testId="delete-note-dialog"
            title={t('workspace.notes.deleteTitle')}
            trigger={
              <Button className="kern-btn kern-btn--tertiary kern-btn--x-small">
                <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                <span className="kern-label">{t('workspace.notes.delete')}</span>
              </Button>
            }
          >
            {(close) => (
              <>
                <div className="kern-dialog__body">
                  <p className="kern-body">{t('workspace.notes.deleteText')}</p>
                  <blockquote className="kern-body ap-multiline ap-quote">{note.text}</blockquote>
                </div>
                <footer className="kern-dialog__footer">
                  <Button className="kern-btn kern-btn--secondary" onPress={close}>
                    <span className="kern-label">{t('workspace.common.cancel')}</span>
                  </Button>
                  <Button
                    className="kern-btn kern-btn--primary"
                    onPress={() => {
                      close();
                      void run('deleteNote', { vorgangId: note.vorgangId, noteId: note.id }).then((ok) => {
                        // The buttons go with the text: keep the focus on the note, not the page.
                        if (ok) requestAnimationFrame(() => itemRef.current?.focus());
                      });
                    }}
                  >
                    <span className="kern-label">{t('workspace.notes.deleteConfirm')}</span>
                  </Button>
                </footer>
              </>
            )}
          </ModalDialog>
        </div>
      )}
    </li>
  );
}

function NoteEditor({ note, run, onDone }: { note: NoteRow; run: RunMutation; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(note.text);
  const [attempted, setAttempted] = useState(false);

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (!text.trim()) return;
    if (await run('editNote', { vorgangId: note.vorgangId, noteId: note.id, text: text.trim() })) onDone();
  };

  return (
    <Form validationBehavior="aria" onSubmit={(e) => void submit(e)} className="ap-stack">
      <TextField
        className="kern-form-input"
        value={text}
        onChange={setText}
        isInvalid={attempted && !text.trim()}
        autoFocus
      >
        <Label className="kern-label">{t('workspace.notes.editLabel')}</Label>
        <TextArea className="kern-form-input__input ap-textarea" rows={3} maxLength={10_000} />
        <FieldError className="kern-error">{t('notes.textRequired')}</FieldError>
      </TextField>
      <div className="ap-actions">
        <Button type="submit" className="kern-btn kern-btn--secondary kern-btn--small">
          <span className="kern-label">{t('workspace.notes.save')}</span>
        </Button>
        <Button className="kern-btn kern-btn--tertiary kern-btn--small" onPress={onDone}>
          <span className="kern-label">{t('workspace.common.cancel')}</span>
        </Button>
      </div>
    </Form>
  );
}
