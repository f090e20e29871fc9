import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Label, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../app/workspace.ts';
import type { NoteRow } from '../../db/index.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDateTime } from '../../i18n/format.ts';
import type { RunMutation } from './VorgangScreen.tsx';

const NO_NOTES: NoteRow[] = [];

export function NotesSection({ vorgangId, run }: { vorgangId: string; run: RunMutation }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, lookups } = useWorkspace();
  const notes = useLiveQuery(
    () =>
      db.notes.where('[vorgangId+createdAt]').between([vorgangId, Dexie.minKey], [vorgangId, Dexie.maxKey]).toArray(),
    [db, vorgangId],
    NO_NOTES,
  );
  const [text, setText] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
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
      {notes.length === 0 ? (
        <p className="kern-body">{t('notes.none')}</p>
      ) : (
        <ol className="ap-notes">
          {notes.map((n) => (
            <li key={n.id} className="ap-notes__item" data-testid="note">
              <p className="kern-body ap-multiline">{n.text}</p>
              <p className="kern-body kern-body--small kern-body--muted">
                {t('notes.meta', {
                  author: lookups.users.get(n.authorId)?.displayName ?? t('user.unknown'),
                  time: formatDateTime(n.createdAt, lang),
                })}
              </p>
            </li>
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
