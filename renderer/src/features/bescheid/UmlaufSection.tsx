import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Bescheid } from '../../../../shared/domain/index.ts';
import {
  answersFor,
  currentStep,
  openParticipants,
  participantKey,
  UMLAUF_MODES,
  type Umlauf,
  type UmlaufAntwort,
  type UmlaufMode,
  type UmlaufParticipant,
  type UmlaufStep,
} from '../../../../shared/domain/umlauf.ts';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { FeedbackRegion, useErrorText, type Feedback } from './ui.tsx';

/** The Umlauf of the Bescheid on this device (one per Bescheid: it carries the Bescheid's id), or null. */
export function useUmlauf(bescheidId: string): Umlauf | null | undefined {
  const { db } = useWorkspace();
  return useLiveQuery(async () => (await db.umlaeufe.get(bescheidId)) ?? null, [db, bescheidId]);
}

/** The Freigabe follows the completed Umlauf: until then the lead is told so instead. */
export function AfterUmlauf({ bescheid, children }: { bescheid: Bescheid; children: ReactNode }) {
  const { t } = useTranslation();
  const u = useUmlauf(bescheid.id);
  if (u === undefined) return null;
  if (u !== null && u.state !== 'abgeschlossen') {
    return (
      <p className="kern-body ap-bescheid-note" data-testid="freigabe-waits-umlauf">
        {t('bescheid.umlauf.freigabeWaits')}
      </p>
    );
  }
  return <>{children}</>;
}

/**
 * The Umlauf (Mitzeichnung) in the Bescheid tab (docs/umlauf.md): its steps with who answered
 * what and when; the start for the author or the lead while the draft is submitted; the answer
 * for a participant whose turn it is. The server re-checks every rule.
 */
export function UmlaufSection({ bescheid }: { bescheid: Bescheid }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { db, session, lookups, today } = useWorkspace();
  const u = useUmlauf(bescheid.id);
  const units = useLiveQuery(() => db.orgUnits.toArray(), [db]);
  const absences = useLiveQuery(() => db.absences.toArray(), [db]);
  const user = session.user;
  // Beside, not inside, the answer form: it goes once the answer is given, the message stays.
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  if (u === undefined) return null;
  const unitName = (id: string) => units?.find((o) => o.id === id)?.name ?? id;
  const personName = (id: string) => lookups.users.get(id)?.displayName ?? t('bescheid.unknownPerson');
  const nameOf = (p: UmlaufParticipant) => (p.kind === 'org' ? unitName(p.id) : personName(p.id));
  const mayStart =
    u === null &&
    bescheid.state === 'eingereicht' &&
    (user.id === bescheid.authorId || (user.roles.includes('lead') && user.orgUnitId === bescheid.orgUnitId));

  const mine = (u?.state === 'laufend' ? openParticipants(u) : []).filter((p) => {
    const person = p.kind === 'user' ? lookups.users.get(p.id) : undefined;
    return answersFor(
      user,
      p,
      person ? { orgUnitId: person.orgUnitId, absences: (absences ?? []).filter((a) => a.userId === p.id) } : undefined,
      today,
    );
  });
  const ownDraft = user.id === bescheid.authorId || bescheid.editorIds.includes(user.id);

  return (
    <section aria-labelledby="umlauf-heading" className="ap-section" data-testid="umlauf-section">
      <h3 id="umlauf-heading" className="kern-heading-small">
        {t('bescheid.umlauf.heading')}
      </h3>
      {u === null ? (
        <p className="kern-body">{t('bescheid.umlauf.none')}</p>
      ) : (
        <>
          <p className="kern-body" data-testid="umlauf-state" data-state={u.state}>
            {t(`bescheid.umlauf.state.${u.state}`)}
          </p>
          <table className="kern-table kern-table--small" data-testid="umlauf-steps">
            <caption className="kern-sr-only">{t('bescheid.umlauf.stepsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bescheid.umlauf.col.step')}</th>
                <th scope="col">{t('bescheid.umlauf.col.mode')}</th>
                <th scope="col">{t('bescheid.umlauf.col.participants')}</th>
                <th scope="col">{t('bescheid.umlauf.col.frist')}</th>
              </tr>
            </thead>
            <tbody>
              {u.steps.map((step, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>
                    {t(`bescheid.umlauf.mode.${step.mode}`)}
                    {step.zurKenntnis ? ` (${t('bescheid.umlauf.zurKenntnis')})` : ''}
                  </td>
                  <td>
                    <ul className="ap-plain-list">
                      {step.participants.map((p) => {
                        const a = u.answers.find((x) => x.step === i && x.participant === participantKey(p));
                        return (
                          <li key={participantKey(p)} data-participant={participantKey(p)}>
                            {nameOf(p)}:{' '}
                            {a
                              ? t('bescheid.umlauf.answered', {
                                  antwort: t(`bescheid.umlauf.antwort.${a.antwort}`),
                                  by: personName(a.by),
                                  time: formatDateTime(a.at, lang),
                                })
                              : t('bescheid.umlauf.pending')}
                            {a?.kommentar ? ` – „${a.kommentar}“` : ''}
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                  <td>{step.frist ? formatDate(step.frist, lang) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {mayStart && <StartUmlaufDialog bescheid={bescheid} />}
      {u &&
        !ownDraft &&
        mine.map((p) => (
          <AnswerForm key={participantKey(p)} u={u} participant={p} name={nameOf(p)} onFeedback={setFeedback} />
        ))}
      <FeedbackRegion feedback={feedback} testId="umlauf-feedback" />
    </section>
  );
}

function AnswerForm({
  u,
  participant,
  name,
  onFeedback: setFeedback,
}: {
  u: Umlauf;
  participant: UmlaufParticipant;
  name: string;
  onFeedback: (f: Feedback | null) => void;
}) {
  const { t } = useTranslation();
  const { handle } = useWorkspace();
  const id = useId();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const step = currentStep(u);
  const kenntnis = u.steps[step]?.zurKenntnis === true;
  const answer = async (antwort: UmlaufAntwort) => {
    const needsText = antwort === 'einwand' || antwort === 'mitgezeichnet_mit_anmerkung';
    if (needsText && text.trim() === '') {
      setFeedback({ kind: 'danger', text: t('bescheid.umlauf.textRequired') });
      document.getElementById(`${id}-text`)?.focus();
      return;
    }
    if (u.contentHash === null) return;
    const r = await handle.mutate('mitzeichnen', {
      umlaufId: u.id,
      step,
      participant: participantKey(participant),
      antwort,
      kommentar: needsText ? text.trim() : null,
      contentHash: u.contentHash,
    });
    setFeedback(
      r.ok ? { kind: 'success', text: t('bescheid.umlauf.sent') } : { kind: 'danger', text: errorText(r.error) },
    );
  };
  return (
    <div className="ap-stack" data-testid="umlauf-answer">
      <p className="kern-body">{t('bescheid.umlauf.yourTurn', { name })}</p>
      {kenntnis ? (
        <Button className="kern-btn kern-btn--primary" onPress={() => void answer('zur_kenntnis_genommen')}>
          <span className="kern-label">{t('bescheid.umlauf.antwort.zur_kenntnis_genommen')}</span>
        </Button>
      ) : (
        <>
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-text`}>
              {t('bescheid.umlauf.comment')}
            </label>
            <textarea
              id={`${id}-text`}
              className="kern-form-input__input"
              rows={3}
              maxLength={2000}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <div className="ap-actions">
            <Button className="kern-btn kern-btn--primary" onPress={() => void answer('mitgezeichnet')}>
              <span className="kern-label">{t('bescheid.umlauf.antwort.mitgezeichnet')}</span>
            </Button>
            <Button className="kern-btn kern-btn--secondary" onPress={() => void answer('mitgezeichnet_mit_anmerkung')}>
              <span className="kern-label">{t('bescheid.umlauf.antwort.mitgezeichnet_mit_anmerkung')}</span>
            </Button>
            <Button className="kern-btn kern-btn--secondary" onPress={() => void answer('einwand')}>
              <span className="kern-label">{t('bescheid.umlauf.antwort.einwand')}</span>
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

interface StepDraft {
  mode: UmlaufMode;
  zurKenntnis: boolean;
  keys: string[];
}

function StartUmlaufDialog({ bescheid }: { bescheid: Bescheid }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      testId="umlauf-start-dialog"
      title={t('bescheid.umlauf.startTitle')}
      trigger={
        <Button className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('bescheid.umlauf.start')}</span>
        </Button>
      }
    >
      {(close) => <StartUmlaufForm bescheid={bescheid} close={close} />}
    </ModalDialog>
  );
}

function StartUmlaufForm({ bescheid, close }: { bescheid: Bescheid; close: () => void }) {
  const { t } = useTranslation();
  const { db, handle, lookups } = useWorkspace();
  const id = useId();
  const errorText = useErrorText();
  const units = useLiveQuery(() => db.orgUnits.toArray(), [db]);
  const [steps, setSteps] = useState<StepDraft[]>([{ mode: 'sequential', zurKenntnis: false, keys: [] }]);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const people = [...lookups.users.values()].filter(
    (p) => p.id !== bescheid.authorId && !bescheid.editorIds.includes(p.id),
  );
  const options: { key: string; label: string }[] = [
    ...(units ?? []).map((o) => ({ key: `org:${o.id}`, label: o.name })),
    ...people.map((p) => ({ key: `user:${p.id}`, label: p.displayName })),
  ];
  const update = (i: number, patch: Partial<StepDraft>) =>
    setSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (steps.some((s) => s.keys.length === 0) || bescheid.submittedHash === null) {
      setFeedback({ kind: 'danger', text: t('bescheid.umlauf.participantsRequired') });
      return;
    }
    const built: UmlaufStep[] = steps.map((s) => ({
      mode: s.mode,
      zurKenntnis: s.zurKenntnis,
      frist: null,
      participants: s.keys.map((k) => {
        const [kind, ...rest] = k.split(':');
        return { kind: kind === 'org' ? ('org' as const) : ('user' as const), id: rest.join(':') };
      }),
    }));
    const r = await handle.mutate('startUmlauf', {
      bescheidId: bescheid.id,
      steps: built,
      contentHash: bescheid.submittedHash,
    });
    if (r.ok) close();
    else setFeedback({ kind: 'danger', text: errorText(r.error) });
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body ap-stack">
        <p className="kern-body">{t('bescheid.umlauf.startText')}</p>
        {steps.map((s, i) => (
          <fieldset key={i} className="kern-fieldset" data-testid="umlauf-step-editor">
            <legend className="kern-label">{t('bescheid.umlauf.stepN', { n: i + 1 })}</legend>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-${i}-mode`}>
                {t('bescheid.umlauf.col.mode')}
              </label>
              <div className="kern-form-input__select-wrapper">
                <select
                  id={`${id}-${i}-mode`}
                  className="kern-form-input__select"
                  value={s.mode}
                  onChange={(e) => update(i, { mode: e.target.value as UmlaufMode })}
                >
                  {UMLAUF_MODES.map((m) => (
                    <option key={m} value={m}>
                      {t(`bescheid.umlauf.mode.${m}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="kern-form-check">
              <input
                id={`${id}-${i}-kenntnis`}
                type="checkbox"
                className="kern-form-check__checkbox"
                checked={s.zurKenntnis}
                onChange={(e) => update(i, { zurKenntnis: e.target.checked })}
              />
              <label className="kern-label" htmlFor={`${id}-${i}-kenntnis`}>
                {t('bescheid.umlauf.zurKenntnis')}
              </label>
            </div>
            <fieldset className="kern-fieldset">
              <legend className="kern-label">{t('bescheid.umlauf.col.participants')}</legend>
              {options.map((o) => (
                <div className="kern-form-check" key={o.key}>
                  <input
                    id={`${id}-${i}-${o.key}`}
                    type="checkbox"
                    className="kern-form-check__checkbox"
                    checked={s.keys.includes(o.key)}
                    onChange={(e) =>
                      update(i, { keys: e.target.checked ? [...s.keys, o.key] : s.keys.filter((k) => k !== o.key) })
                    }
                  />
                  <label className="kern-label" htmlFor={`${id}-${i}-${o.key}`}>
                    {o.label}
                  </label>
                </div>
              ))}
            </fieldset>
          </fieldset>
        ))}
        {steps.length < 10 && (
          <Button
            className="kern-btn kern-btn--tertiary"
            onPress={() => setSteps([...steps, { mode: 'parallel-all', zurKenntnis: false, keys: [] }])}
          >
            <span className="kern-label">{t('bescheid.umlauf.addStep')}</span>
          </Button>
        )}
        <FeedbackRegion feedback={feedback} testId="umlauf-start-feedback" />
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={close}>
          <span className="kern-label">{t('bescheid.common.cancel')}</span>
        </Button>
        <Button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('bescheid.umlauf.startConfirm')}</span>
        </Button>
      </footer>
    </form>
  );
}
