import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { isoDate, type Bescheid, type Vorgang } from '../../../../shared/domain/index.ts';
import { dispatchDateProblem, sealedOn } from '../../../../shared/mutators/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { recordPostalDispatch } from './commands.ts';
import { FeedbackRegion, useErrorText, type Feedback } from './ui.tsx';

/**
 * Dispatch of the sealed Bescheid: the clerk records the day it went to the post, and the
 * Vorgang becomes `versandt`. The digital Postfach is shown as the coming second channel.
 * `mayWork`: assignee, lead or deputy (the server re-checks).
 */
export function DispatchSection({
  vorgang,
  bescheid,
  mayWork,
}: {
  vorgang: Vorgang;
  bescheid: Bescheid;
  mayWork: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const id = useId();
  const { lookups } = useWorkspace();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [recording, setRecording] = useState(false);
  const versand = vorgang.versand;

  // The form (and the focused button) gives way to the outcome: the outcome takes the focus.
  useEffect(() => {
    if (!recording || versand === null) return;
    statusRef.current?.focus();
    setRecording(false);
  }, [recording, versand]);

  if (versand === null && vorgang.status !== 'bescheid_erstellt') return null;

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="ap-stack ap-bescheid-dispatch"
      data-testid="bescheid-dispatch"
    >
      <h3 id={`${id}-heading`} className="kern-heading-small">
        {t('bescheid.dispatch.heading')}
      </h3>
      <div aria-live="polite">
        {versand !== null && (
          <>
            <p className="kern-body" ref={statusRef} tabIndex={-1} data-testid="bescheid-dispatch-status">
              <strong>
                {t(`bescheid.dispatch.done.${versand.channel}`, { date: formatDate(versand.date, lang) })}
              </strong>
            </p>
            <p className="kern-body ap-muted">
              {t('bescheid.dispatch.recordedBy', {
                name: lookups.users.get(versand.recordedBy)?.displayName ?? t('bescheid.unknownPerson'),
                time: formatDateTime(versand.recordedAt, lang),
              })}
            </p>
          </>
        )}
      </div>
      {versand === null &&
        (mayWork ? (
          <DispatchForm vorgang={vorgang} bescheid={bescheid} onRecorded={() => setRecording(true)} />
        ) : (
          <p className="kern-body">{t('bescheid.dispatch.mayNotWork')}</p>
        ))}
    </section>
  );
}

function DispatchForm({
  vorgang,
  bescheid,
  onRecorded,
}: {
  vorgang: Vorgang;
  bescheid: Bescheid;
  onRecorded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const id = useId();
  const { db, handle, today } = useWorkspace();
  const errorText = useErrorText();
  const [date, setDate] = useState<string>(today);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const sealed = sealedOn(bescheid);
  const problem = !isoDate.safeParse(date).success ? 'invalid' : dispatchDateProblem(date, today, sealed);
  const showProblem = attempted && problem !== null;

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (problem !== null) return;
    setBusy(true);
    const r = await recordPostalDispatch(
      { db, mutate: handle.mutate },
      { vorgangId: vorgang.id, bescheidId: bescheid.id },
      date,
    );
    setBusy(false);
    if (r.ok) onRecorded();
    else setFeedback({ kind: 'danger', text: t('bescheid.dispatch.failed', { reason: errorText(r.error) }) });
  };

  return (
    <form className="ap-stack" noValidate onSubmit={(e) => void submit(e)}>
      <p className="kern-body">{t('bescheid.dispatch.intro', { status: t('status.versandt') })}</p>
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{t('bescheid.dispatch.channel')}</legend>
        <div className="kern-fieldset__body">
          <div className="kern-form-check">
            <input
              type="radio"
              className="kern-form-check__radio"
              id={`${id}-post`}
              name={`${id}-channel`}
              value="post"
              defaultChecked
            />
            <label className="kern-label" htmlFor={`${id}-post`}>
              {t('bescheid.dispatch.channelPost')}
            </label>
          </div>
          <div className="kern-form-check">
            <input
              type="radio"
              className="kern-form-check__radio"
              id={`${id}-postfach`}
              name={`${id}-channel`}
              value="postfach"
              disabled
              aria-describedby={`${id}-postfach-hint`}
            />
            <label className="kern-label" htmlFor={`${id}-postfach`}>
              {t('bescheid.dispatch.channelPostfach')}
            </label>
          </div>
        </div>
        <p className="kern-hint" id={`${id}-postfach-hint`}>
          {t('bescheid.dispatch.postfachUnavailable')}
        </p>
      </fieldset>
      <div className={`kern-form-input${showProblem ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${id}-date`}>
          {t('bescheid.dispatch.date')}
        </label>
        <p className="kern-hint" id={`${id}-date-hint`}>
          {t('bescheid.dispatch.dateHint', { sealed: formatDate(sealed, lang) })}
        </p>
        <input
          type="date"
          id={`${id}-date`}
          className="kern-form-input__input ap-date"
          value={date}
          min={sealed}
          max={today}
          required
          aria-invalid={showProblem || undefined}
          aria-describedby={showProblem ? `${id}-date-hint ${id}-date-error` : `${id}-date-hint`}
          onChange={(e) => setDate(e.target.value)}
          data-testid="bescheid-dispatch-date"
        />
        {showProblem && (
          <p className="kern-error" id={`${id}-date-error`}>
            {t(`bescheid.dispatch.dateProblem.${problem}`, {
              sealed: formatDate(sealed, lang),
              today: formatDate(today, lang),
            })}
          </p>
        )}
      </div>
      <FeedbackRegion feedback={feedback} testId="bescheid-dispatch-feedback" />
      <div className="ap-actions">
        <Button
          type="submit"
          className="kern-btn kern-btn--primary"
          isDisabled={busy}
          data-testid="bescheid-dispatch-record"
        >
          <span className="kern-icon kern-icon--mail" aria-hidden="true" />
          <span className="kern-label">{t('bescheid.dispatch.record')}</span>
        </Button>
      </div>
    </form>
  );
}
