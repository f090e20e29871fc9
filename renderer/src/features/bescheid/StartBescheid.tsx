import { useId, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { BESCHEID_DECISIONS, type BescheidDecision, type Vorgang } from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { authorityMissingKey, useAuthority } from './authority.ts';
import { FeeFields } from './FeeFields.tsx';
import { parseEuroInput, type BescheidForm, type FeeOverrideInput } from './form.ts';
import type { BescheidRegistries } from './resources.ts';
import { ruleFee, startForm } from './start.ts';
import { templateErrorText } from './template-error.ts';
import { FeedbackRegion, type Feedback } from './ui.tsx';

/**
 * Starting a Bescheid: the decision, a Textvorlage of the Verfahren for it, and the fee (the
 * rule's, or one set by hand with a reason). The Textvorlage renders into the editor's text.
 */
export function StartBescheid({
  vorgang,
  registries,
  onStart,
}: {
  vorgang: Vorgang;
  registries: BescheidRegistries;
  onStart: (form: BescheidForm) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const id = useId();
  const { db, session, today } = useWorkspace();
  const authority = useAuthority(db);
  const missing = authorityMissingKey(authority);
  const fee = ruleFee(registries, vorgang);
  const [decision, setDecision] = useState<BescheidDecision | null>(null);
  const [vorlageId, setVorlageId] = useState('');
  const [override, setOverride] = useState<FeeOverrideInput | null>(fee.ok ? null : { amount: '', reason: '' });
  const [attempted, setAttempted] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const vorlagen = decision === null ? [] : registries.vorlagen.list(vorgang.verfahrenId, decision);

  const choose = (d: BescheidDecision) => {
    setDecision(d);
    const options = registries.vorlagen.list(vorgang.verfahrenId, d);
    setVorlageId(options.length === 1 ? (options[0]?.id ?? '') : '');
  };

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    const cents = override === null ? null : parseEuroInput(override.amount);
    if (
      authority.kind !== 'ready' ||
      decision === null ||
      vorlageId === '' ||
      (override !== null && (cents === null || override.reason.trim() === ''))
    ) {
      return;
    }
    const started = startForm(
      {
        registries,
        vorgang,
        vorlageId,
        authority: authority.authority,
        today,
        sachbearbeitung: { name: session.user.displayName },
      },
      override === null || cents === null ? null : { cents, reason: override.reason.trim() },
    );
    if (!started.ok) {
      setFeedback({
        kind: 'danger',
        text: t('bescheid.start.failed', { reason: templateErrorText(t, started.error) }),
      });
      return;
    }
    onStart(started.value);
  };

  const decisionMissing = attempted && decision === null;
  const vorlageMissing = attempted && decision !== null && vorlageId === '';

  return (
    <form className="ap-stack ap-bescheid-start" noValidate onSubmit={submit} data-testid="bescheid-start">
      <p className="kern-body">{t('bescheid.start.intro')}</p>
      <fieldset
        className={`kern-fieldset${decisionMissing ? ' kern-fieldset--error' : ''}`}
        aria-describedby={decisionMissing ? `${id}-decision-error` : undefined}
      >
        <legend className="kern-label">{t('bescheid.decision.label')}</legend>
        <div className="kern-fieldset__body">
          {BESCHEID_DECISIONS.map((d) => (
            <div className="kern-form-check" key={d}>
              <input
                type="radio"
                className="kern-form-check__radio"
                id={`${id}-${d}`}
                name={`${id}-decision`}
                value={d}
                checked={decision === d}
                onChange={() => choose(d)}
              />
              <label className="kern-label" htmlFor={`${id}-${d}`}>
                {t(`bescheid.decision.${d}`)}
              </label>
            </div>
          ))}
        </div>
        {decisionMissing && (
          <p className="kern-error" id={`${id}-decision-error`}>
            {t('bescheid.start.decisionRequired')}
          </p>
        )}
      </fieldset>

      <div className={`kern-form-input${vorlageMissing ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${id}-vorlage`}>
          {t('bescheid.vorlage.label')}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select
            id={`${id}-vorlage`}
            className="kern-form-input__select"
            value={vorlageId}
            disabled={decision === null}
            aria-describedby={vorlageMissing ? `${id}-vorlage-error` : `${id}-vorlage-hint`}
            aria-invalid={vorlageMissing || undefined}
            onChange={(e) => setVorlageId(e.target.value)}
            data-testid="bescheid-vorlage"
          >
            <option value="">{t('bescheid.vorlage.choose')}</option>
            {vorlagen.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name[lang]}
              </option>
            ))}
          </select>
        </div>
        {vorlageMissing ? (
          <p className="kern-error" id={`${id}-vorlage-error`}>
            {t('bescheid.start.vorlageRequired')}
          </p>
        ) : (
          <p className="kern-hint" id={`${id}-vorlage-hint`}>
            {decision === null
              ? t('bescheid.vorlage.chooseDecisionFirst')
              : vorlagen.length === 0
                ? t('bescheid.vorlage.none')
                : t('bescheid.vorlage.hint')}
          </p>
        )}
      </div>

      <FeeFields
        ruleCents={fee.ok ? fee.value.cents : null}
        ruleError={fee.ok ? null : templateErrorText(t, fee.error)}
        override={override}
        onOverride={setOverride}
        showErrors={attempted}
      />

      <FeedbackRegion feedback={feedback} testId="bescheid-start-feedback" />
      {missing !== null && (
        <p className="kern-body ap-muted" id={`${id}-authority`} data-testid="bescheid-authority-missing">
          {t(missing)}
        </p>
      )}
      <div className="ap-actions">
        <Button
          type="submit"
          className="kern-btn kern-btn--primary"
          isDisabled={missing !== null}
          {...(missing === null ? {} : { 'aria-describedby': `${id}-authority` })}
          data-testid="bescheid-start-submit"
        >
          <span className="kern-label">{t('bescheid.start.submit')}</span>
        </Button>
      </div>
    </form>
  );
}
