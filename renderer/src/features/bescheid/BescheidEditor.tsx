import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Bescheid, BescheidContent, Vorgang } from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatMoney } from '../../i18n/format.ts';
import { authorityMissingKey, useAuthority } from './authority.ts';
import { saveContent, submitContent, type CommandDeps } from './commands.ts';
import { bescheideTable, usePendingChanges } from './data.ts';
import { createDraftWriter } from './draft-writer.ts';
import { saveState } from './draft.ts';
import { FeeFields } from './FeeFields.tsx';
import {
  LIMITS,
  SECTION_KEYS,
  applyRendering,
  effectiveCents,
  formFromContent,
  formToContent,
  sameContent,
  type BescheidForm,
  type FormProblem,
  type TextField,
} from './form.ts';
import { fieldText, formMarkers, type MarkerHit } from './markers.ts';
import { previewLetter } from './preview-letter.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import type { BescheidRegistries } from './resources.ts';
import { renderVorlage, ruleFee, type RenderInput } from './start.ts';
import { templateErrorText } from './template-error.ts';
import { TextBlock } from './TextBlock.tsx';
import { UnresolvedList } from './UnresolvedList.tsx';
import { FeedbackRegion, useErrorText, type Feedback } from './ui.tsx';

/** Typing reaches the outbox this long after the last keystroke (and at once on leaving a field). */
const AUTOSAVE_MS = 2000;

export interface EditorStart {
  form: BescheidForm;
  /** Version of the stored Bescheid the form is based on (0: none stored yet). */
  baseVersion: number;
  /** The stored text when it changed underneath local typing. */
  conflict: BescheidForm | null;
  /** The form holds typing the stored Bescheid lacks: save it right away. */
  unsaved: boolean;
}

/**
 * The Bescheid editor: every section in a labelled text field, prefilled from the Textvorlage.
 * Each change goes to the local draft at once (crash-safe) and, 2 s after the last change or on
 * leaving a field, to the server through saveBescheid. Unresolved placeholders are listed and
 * block the submission; the preview follows the text.
 */
export function BescheidEditor(p: {
  vorgang: Vorgang;
  bescheidId: string;
  stored: Bescheid | undefined;
  start: EditorStart;
  registries: BescheidRegistries;
  onSubmitted: () => void;
  /** Just started from a Textvorlage: the start form (and its focused button) is gone. */
  focusOnMount: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, handle, session, today } = useWorkspace();
  const authority = useAuthority(db);
  const missing = authorityMissingKey(authority);
  const errorText = useErrorText();
  const headingId = useId();
  const blockedId = useId();
  const { vorgang, bescheidId, stored, registries, onSubmitted } = p;

  const [form, setForm] = useState(p.start.form);
  const [conflict, setConflict] = useState(p.start.conflict);
  const [failed, setFailed] = useState<{ code: string } | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef(form);
  const baseVersion = useRef(p.start.baseVersion);
  /** The content the stored Bescheid has (or is about to have) because of this editor. */
  const known = useRef<BescheidContent | undefined>(stored?.content);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const fields = useRef(new Map<TextField, HTMLTextAreaElement | HTMLInputElement>());
  const pending = usePendingChanges(db, bescheidId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusOnMount = useRef(p.focusOnMount);

  useEffect(() => {
    if (focusOnMount.current) headingRef.current?.focus();
  }, []);

  const deps: CommandDeps = useMemo(() => ({ db, mutate: handle.mutate }), [db, handle]);
  const ref = useMemo(() => ({ bescheidId, vorgangId: vorgang.id }), [bescheidId, vorgang.id]);
  const renderInput: RenderInput | null = useMemo(
    () =>
      authority.kind === 'ready'
        ? {
            registries,
            vorgang,
            vorlageId: form.vorlageId,
            authority: authority.authority,
            today,
            sachbearbeitung: { name: session.user.displayName },
          }
        : null,
    [registries, vorgang, form.vorlageId, authority, today, session.user.displayName],
  );

  const writer = useMemo(() => createDraftWriter(db), [db]);
  /** Keystrokes not yet in the local database: the indicator must not claim them kept. */
  const [storing, setStoring] = useState(0);
  const storeDraft = useCallback(
    (next: BescheidForm) =>
      writer.write({ ...ref, form: next, baseVersion: baseVersion.current, updatedAt: new Date().toISOString() }),
    [writer, ref],
  );

  /** Saves the current text through the outbox; saves run one after the other. */
  const save = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    timer.current = undefined;
    chain.current = chain.current.then(async () => {
      const { content } = formToContent(formRef.current);
      if (content === null) return;
      const previous = known.current;
      known.current = content;
      const r = await saveContent(deps, ref, content);
      if (!r.ok) {
        known.current = previous;
        setFailed(r.error);
        return;
      }
      setFailed(null);
      const after = await bescheideTable(db).get(bescheidId);
      if (after) baseVersion.current = after.version;
      await storeDraft(formRef.current);
    });
    chain.current = chain.current.catch(() => setFailed({ code: 'internal' }));
    return chain.current;
  }, [deps, ref, db, bescheidId, storeDraft]);

  const change = useCallback(
    (next: BescheidForm) => {
      formRef.current = next;
      setForm(next);
      setStoring((n) => n + 1);
      void storeDraft(next).finally(() => setStoring((n) => n - 1));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    },
    [storeDraft, save],
  );

  // Typing restored from the local draft goes to the server at once; typing not yet saved when
  // the editor closes (another tab, another Vorgang) is saved on the way out.
  useEffect(() => {
    if (p.start.unsaved) void save();
    return () => {
      if (timer.current !== undefined) void save();
    };
  }, [p.start.unsaved, save]);

  // A stored version this editor did not write (someone else saved): keep typing, offer theirs.
  useEffect(() => {
    if (!stored || sameContent(stored.content, known.current)) return;
    if (sameContent(stored.content, formToContent(formRef.current).content)) {
      known.current = stored.content;
      baseVersion.current = stored.version;
      return;
    }
    setConflict(formFromContent(stored.content, formRef.current.ruleCents));
  }, [stored]);

  const resolveConflict = (take: 'stored' | 'mine') => {
    if (!stored || !conflict) return;
    known.current = stored.content;
    baseVersion.current = stored.version;
    setConflict(null);
    if (take === 'stored') {
      formRef.current = conflict;
      setForm(conflict);
      void storeDraft(conflict);
    } else {
      void save();
    }
    setFeedback({
      kind: 'info',
      text: t(take === 'stored' ? 'bescheid.conflict.tookStored' : 'bescheid.conflict.keptMine'),
    });
  };

  const { content, problems } = useMemo(() => formToContent(form), [form]);
  const markers = useMemo(() => formMarkers(form), [form]);
  const state = saveState({ content, stored: stored?.content, pending, failed: failed !== null, storing: storing > 0 });
  const fee = useMemo(() => ruleFee(registries, vorgang), [registries, vorgang]);
  const cents = effectiveCents(form);

  const label = (f: TextField) => t(`bescheid.field.${f}`);
  const problemText = (pr: FormProblem): string => {
    switch (pr.code) {
      case 'required':
        return t('bescheid.problem.required', { field: label(pr.field) });
      case 'too_long':
        return t('bescheid.problem.tooLong', { field: label(pr.field), max: pr.max });
      case 'too_many_lines':
        return t('bescheid.problem.tooManyLines', { max: pr.max });
      case 'too_many_paragraphs':
        return t('bescheid.problem.tooManyParagraphs', { field: label(pr.field), max: pr.max });
      case 'fee_amount':
        return t('bescheid.fee.amountInvalid');
      case 'fee_reason':
        return t('bescheid.fee.reasonRequired');
      case 'fee_missing':
        return t('bescheid.fee.overrideRequired');
      case 'invalid':
        return t('errors.validation_failed');
    }
  };
  const fieldProblems = (f: TextField) =>
    problems.filter((pr) => 'field' in pr && pr.field === f).map((pr) => problemText(pr));

  const setField = (f: TextField, value: string) => {
    const cur = formRef.current;
    if (f === 'recipient' || f === 'betreff' || f === 'anrede') change({ ...cur, [f]: value });
    else change({ ...cur, sections: { ...cur.sections, [f]: { ...cur.sections[f], body: value } } });
  };

  const jumpTo = (hit: MarkerHit) => {
    const el = fields.current.get(hit.field);
    if (!el) return;
    el.focus();
    el.setSelectionRange(hit.start, hit.end);
  };

  /** Renders the Textvorlage again with the new fee and takes it where the text is as rendered. */
  const updateFeeText = () => {
    const cur = formRef.current;
    const now = effectiveCents(cur);
    if (now === null || cur.textCents === null) return;
    if (renderInput === null) {
      if (missing !== null) setFeedback({ kind: 'danger', text: t(missing) });
      return;
    }
    const before = renderVorlage(renderInput, cur.textCents);
    const after = renderVorlage(renderInput, now);
    if (!before.ok || !after.ok) {
      const e = before.ok ? (after.ok ? null : after.error) : before.error;
      setFeedback({ kind: 'danger', text: e ? templateErrorText(t, e) : t('errors.internal') });
      return;
    }
    const { form: next, kept } = applyRendering(cur, before.value, after.value);
    change({ ...next, textCents: now });
    setFeedback(
      kept.length === 0
        ? { kind: 'success', text: t('bescheid.fee.textUpdated') }
        : { kind: 'warning', text: t('bescheid.fee.textKept', { fields: kept.map(label).join(', ') }) },
    );
  };

  const submit = async () => {
    if (content === null) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    setSubmitting(true);
    await chain.current;
    known.current = content;
    const r = await submitContent(deps, ref, content);
    setSubmitting(false);
    if (!r.ok) {
      setFeedback({ kind: 'danger', text: t('bescheid.submit.failed', { reason: errorText(r.error) }) });
      return;
    }
    onSubmitted();
  };

  const letter =
    content && authority.kind === 'ready'
      ? previewLetter(content, {
          aktenzeichen: vorgang.aktenzeichen,
          sachbearbeitung: session.user.displayName,
          datum: today,
          authority: authority.authority,
        })
      : null;
  const blocked = markers.length > 0 || problems.length > 0;
  const vorlage = registries.vorlagen.get(form.vorlageId);

  const block = (f: TextField, multiline: boolean, rows?: number, hint?: string) => (
    <TextBlock
      key={f}
      label={label(f)}
      hint={hint}
      value={fieldText(form, f)}
      multiline={multiline}
      rows={rows}
      maxLength={f === 'anrede' ? LIMITS.line : f === 'betreff' ? LIMITS.betreff : undefined}
      markers={markers.filter((m) => m.field === f)}
      problems={fieldProblems(f)}
      onChange={(value) => setField(f, value)}
      onBlur={() => void save()}
      inputRef={(el) => {
        if (el) fields.current.set(f, el);
        else fields.current.delete(f);
      }}
      testId={`bescheid-field-${f}`}
    />
  );

  return (
    <div className="ap-bescheid-editor" data-testid="bescheid-editor" data-save-state={state}>
      <div className="ap-bescheid-editor__text ap-stack">
        <header className="ap-bescheid-editor__head">
          <h3 id={headingId} className="kern-heading-small" ref={headingRef} tabIndex={-1}>
            {t('bescheid.editor.heading', {
              decision: t(`bescheid.decision.${form.decision}`),
              vorlage: vorlage ? vorlage.name[lang] : form.vorlageId,
            })}
          </h3>
          <p
            className={`ap-bescheid-save ap-bescheid-save--${state}`}
            role="status"
            data-testid="bescheid-save-state"
            data-state={state}
          >
            {state === 'failed'
              ? t('bescheid.save.failed', { reason: errorText(failed ?? { code: 'internal' }) })
              : t(`bescheid.save.${state}`)}
          </p>
        </header>

        {/* The comment stays until the next submission, so the clerk sees it while revising. */}
        {stored?.returnComment && (
          <div className="kern-alert kern-alert--warning" data-testid="bescheid-returned">
            <div className="kern-alert__header">
              <span className="kern-icon kern-icon--warning" aria-hidden="true" />
              <span className="kern-title">{t('bescheid.returned.title')}</span>
            </div>
            <div className="kern-alert__body">
              <p className="kern-body ap-multiline" data-testid="bescheid-return-comment">
                {stored.returnComment}
              </p>
            </div>
          </div>
        )}

        {conflict && (
          <div className="ap-bescheid-note" role="alert" data-testid="bescheid-conflict">
            <p className="kern-body">{t('bescheid.conflict.text')}</p>
            <div className="ap-actions">
              <Button
                className="kern-btn kern-btn--secondary kern-btn--small"
                onPress={() => resolveConflict('stored')}
              >
                <span className="kern-label">{t('bescheid.conflict.takeStored')}</span>
              </Button>
              <Button className="kern-btn kern-btn--tertiary kern-btn--small" onPress={() => resolveConflict('mine')}>
                <span className="kern-label">{t('bescheid.conflict.keepMine')}</span>
              </Button>
            </div>
          </div>
        )}

        <FeedbackRegion feedback={feedback} testId="bescheid-feedback" />

        <form className="ap-stack" noValidate onSubmit={(e) => e.preventDefault()} aria-labelledby={headingId}>
          {block('recipient', true, 4, t('bescheid.field.recipientHint', { max: LIMITS.addressLines }))}
          {block('betreff', true, 2, t('bescheid.field.betreffHint'))}
          {block('anrede', false)}
          {SECTION_KEYS.map((k) =>
            block(
              k,
              true,
              k === 'begruendung' ? 10 : k === 'schlussformel' ? 3 : 6,
              form.sections[k].heading
                ? t('bescheid.field.sectionHintHeading', { heading: form.sections[k].heading })
                : t('bescheid.field.sectionHint'),
            ),
          )}
          <FeeFields
            ruleCents={form.ruleCents}
            ruleError={fee.ok ? null : templateErrorText(t, fee.error)}
            override={form.override}
            onOverride={(override) => change({ ...formRef.current, override })}
            onBlur={() => void save()}
            showErrors={false}
          />
          {cents !== null && form.textCents !== null && cents !== form.textCents && (
            <div className="ap-bescheid-note" data-testid="bescheid-fee-text">
              <p className="kern-body">
                {t('bescheid.fee.textOutdated', {
                  old: formatMoney(form.textCents / 100, lang),
                  amount: formatMoney(cents / 100, lang),
                })}
              </p>
              <Button className="kern-btn kern-btn--secondary kern-btn--small" onPress={updateFeeText}>
                <span className="kern-label">{t('bescheid.fee.updateText')}</span>
              </Button>
            </div>
          )}
        </form>

        <section className="ap-stack ap-bescheid-submit" aria-label={t('bescheid.submit.heading')}>
          {blocked && (
            <div className="ap-bescheid-note" id={blockedId} data-testid="bescheid-blocked">
              <p className="kern-body">{t('bescheid.submit.blocked')}</p>
              {markers.length > 0 && <UnresolvedList form={form} markers={markers} onJump={jumpTo} />}
              {problems.length > 0 && (
                <ul className="ap-bescheid-problems" data-testid="bescheid-problems">
                  {problems.map((pr, i) => (
                    <li key={i}>{problemText(pr)}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="ap-actions">
            <Button
              className="kern-btn kern-btn--primary"
              isDisabled={blocked || submitting}
              {...(blocked ? { 'aria-describedby': blockedId } : {})}
              onPress={() => void submit()}
              data-testid="bescheid-submit"
            >
              <span className="kern-label">{t('bescheid.submit.button')}</span>
            </Button>
          </div>
        </section>
      </div>
      <PreviewPanel
        letter={letter}
        title={t('bescheid.preview.frameTitle', { aktenzeichen: vorgang.aktenzeichen })}
        unavailable={missing && t(missing)}
      />
    </div>
  );
}
