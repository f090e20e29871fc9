import { useId, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  PRUEFLISTE_DECISIONS,
  allFields,
  renderExplanation,
  type FieldDef,
  type PrueflisteDecision,
  type VerfahrenDef,
  type Vorgang,
  type VorgangPruefliste,
} from '../../../../shared/domain/index.ts';
import { currentLang } from '../../i18n/index.ts';
import { FeedbackRegion, useMutationFeedback, type RunMutation } from './feedback.tsx';
import { localized } from './format-field.ts';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import {
  manualDecisionInput,
  openItemLabels,
  overrideInput,
  prueflisteReadOnlyReason,
  prueflisteRows,
  type PruefRow,
} from './pruefliste-view.ts';

/**
 * Every item of the Vorgang's Prüfliste version: rule items with their result and why, manual
 * items with the clerk's decision. A summary on top says whether the Prüfliste is complete.
 */
export function PrueflistePane(p: {
  v: Vorgang;
  def: VerfahrenDef | undefined;
  pruefliste: VorgangPruefliste | undefined;
  mayWork: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { run, feedback } = useMutationFeedback();
  const { v, pruefliste } = p;

  if (pruefliste === undefined) {
    return (
      <section aria-labelledby="vg-pruefliste" className="ap-section" data-testid="pruefliste">
        <h2 id="vg-pruefliste" className="kern-heading-medium">
          {t('workspace.pruefliste.heading')}
        </h2>
        <p className="kern-body">
          {p.def === undefined && v.prueflisteVersion !== null
            ? t('antragsdaten.unknownVerfahren')
            : t('workspace.pruefliste.none')}
        </p>
      </section>
    );
  }
  const readOnly = prueflisteReadOnlyReason(v.status, p.mayWork);
  const rows = prueflisteRows(pruefliste, v.pruefliste);
  const fields = p.def ? allFields(p.def) : [];
  const open = openItemLabels(pruefliste, lang);

  return (
    <section aria-labelledby="vg-pruefliste" className="ap-section" data-testid="pruefliste">
      <h2 id="vg-pruefliste" className="kern-heading-medium">
        {t('workspace.pruefliste.heading')}
      </h2>
      <p className="kern-body kern-body--small ap-muted">
        {t('workspace.pruefliste.version', { id: pruefliste.template.id, version: pruefliste.template.version })}
      </p>
      <div
        className={`ap-pl-summary ap-pl-summary--${pruefliste.completeness.complete ? 'complete' : 'incomplete'}`}
        data-testid="pruefliste-summary"
        data-complete={pruefliste.completeness.complete}
      >
        {pruefliste.completeness.complete ? (
          <p className="kern-body">
            <span className="kern-icon kern-icon--success" aria-hidden="true" /> {t('workspace.pruefliste.complete')}
          </p>
        ) : (
          <>
            <p className="kern-body kern-body--bold">{t('workspace.pruefliste.incomplete')}</p>
            <ul className="ap-pl-summary__list">
              {open.missing.length > 0 && (
                <li>
                  {t('workspace.pruefliste.missing', { count: open.missing.length, items: open.missing.join(', ') })}
                </li>
              )}
              {open.unexplained.length > 0 && (
                <li>
                  {t('workspace.pruefliste.unexplained', {
                    count: open.unexplained.length,
                    items: open.unexplained.join(', '),
                  })}
                </li>
              )}
            </ul>
          </>
        )}
      </div>
      {readOnly !== null && (
        <p className="kern-body" data-testid="pruefliste-readonly">
          {readOnly === 'status'
            ? t('workspace.pruefliste.readOnlyStatus', { status: t(`status.${v.status}`) })
            : t('workspace.pruefliste.readOnlyRights')}
        </p>
      )}
      <FeedbackRegion feedback={feedback} testId="pruefliste-feedback" />
      <ol className="ap-pl">
        {rows.map((row) => (
          <PruefItem key={row.item.id} row={row} v={v} fields={fields} readOnly={readOnly !== null} run={run} />
        ))}
      </ol>
    </section>
  );
}

const STATUS_BADGE: Readonly<Record<PruefRow['status'], string>> = {
  done: 'ap-chip--success',
  missing: 'ap-chip--warning',
  unexplained: 'ap-chip--danger',
  pending: 'ap-chip--info',
};

function PruefItem(p: { row: PruefRow; v: Vorgang; fields: readonly FieldDef[]; readOnly: boolean; run: RunMutation }) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { item, status } = p.row;
  const headingId = useId();
  const label = localized(item.label, lang);
  return (
    <li className="ap-pl__item" data-testid={`pruef-item-${item.id}`} data-status={status} data-kind={item.kind}>
      <div className="ap-pl__head">
        <h3 id={headingId} className="kern-heading-small ap-pl__label">
          {label}
        </h3>
        <span className="ap-pl__badges">
          <span className="ap-chip">
            {item.required ? t('workspace.pruefliste.required') : t('workspace.pruefliste.optional')}
          </span>
          <span className="ap-chip">{t(`workspace.pruefliste.kind.${item.kind}`)}</span>
          <span className={`ap-chip ${STATUS_BADGE[status]}`} data-testid="pruef-item-status">
            {t(`workspace.pruefliste.itemStatus.${status}`)}
          </span>
        </span>
      </div>
      {item.help && <p className="kern-body kern-body--small ap-muted">{localized(item.help, lang)}</p>}
      {item.kind === 'rule' ? (
        <RuleBody {...p} label={label} headingId={headingId} />
      ) : (
        <ManualBody {...p} headingId={headingId} />
      )}
    </li>
  );
}

function RuleBody(p: {
  row: PruefRow;
  v: Vorgang;
  fields: readonly FieldDef[];
  readOnly: boolean;
  run: RunMutation;
  label: string;
  headingId: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { result, override, item } = p.row;
  const outcome = result?.outcome ?? 'error';
  return (
    <div className="ap-stack ap-stack--tight">
      <p className="kern-body" data-testid="rule-result" data-outcome={outcome}>
        <span className={`ap-outcome ap-outcome--${outcome}`}>
          {t('workspace.pruefliste.ruleResult', { outcome: t(`workspace.pruefliste.outcome.${outcome}`) })}
        </span>
        {result && (
          <span className="ap-outcome__why">{renderExplanation(result.explanation, lang, { fields: p.fields })}</span>
        )}
      </p>
      {override && (
        <div className="ap-pl__override" data-testid="rule-override" data-decision={override.decision}>
          <p className="kern-body kern-body--bold">
            {t('workspace.pruefliste.overridden', {
              decision: t(`workspace.pruefliste.decision.${override.decision}`),
            })}
          </p>
          <p className="kern-body ap-multiline">{t('workspace.pruefliste.reasonShown', { reason: override.reason })}</p>
        </div>
      )}
      {!p.readOnly && (
        <div className="ap-actions">
          <OverrideDialog {...p} />
          {override && (
            <Button
              className="kern-btn kern-btn--tertiary kern-btn--small"
              aria-describedby={p.headingId}
              onPress={() => void p.run('overridePruefRule', { vorgangId: p.v.id, itemId: item.id, override: null })}
            >
              <span className="kern-label">{t('workspace.pruefliste.overrideWithdraw')}</span>
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function OverrideDialog(p: { row: PruefRow; v: Vorgang; run: RunMutation; label: string; headingId: string }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      testId="override-dialog"
      title={t('workspace.pruefliste.overrideTitle')}
      trigger={
        <Button className="kern-btn kern-btn--secondary kern-btn--small" aria-describedby={p.headingId}>
          <span className="kern-label">{t('workspace.pruefliste.override')}</span>
        </Button>
      }
    >
      {(close) => <OverrideForm {...p} close={close} />}
    </ModalDialog>
  );
}

function OverrideForm(p: { row: PruefRow; v: Vorgang; run: RunMutation; label: string; close: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [decision, setDecision] = useState<PrueflisteDecision | null>(p.row.override?.decision ?? null);
  const [reason, setReason] = useState(p.row.override?.reason ?? '');
  const [attempted, setAttempted] = useState(false);
  const check = overrideInput(decision, reason);
  const error = attempted && !check.ok ? check.error : null;

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (!check.ok) {
      document.getElementById(check.error === 'decision_required' ? `${id}-ok` : `${id}-reason`)?.focus();
      return;
    }
    const ok = await p.run('overridePruefRule', { vorgangId: p.v.id, itemId: p.row.item.id, override: check.value });
    if (ok) p.close();
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body ap-stack">
        <p className="kern-body">{t('workspace.pruefliste.overrideIntro', { item: p.label })}</p>
        <DecisionRadios
          id={id}
          legend={t('workspace.pruefliste.overrideLegend')}
          value={decision}
          onChange={setDecision}
          error={error === 'decision_required' ? t('workspace.pruefliste.decisionRequired') : null}
        />
        <div className={`kern-form-input${error === 'reason_required' ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={`${id}-reason`}>
            {t('workspace.pruefliste.reason')}
          </label>
          <textarea
            id={`${id}-reason`}
            className="kern-form-input__input ap-textarea"
            rows={3}
            maxLength={2000}
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error === 'reason_required'}
            aria-describedby={error === 'reason_required' ? `${id}-reason-error` : undefined}
          />
          {error === 'reason_required' && (
            <p className="kern-error" id={`${id}-reason-error`}>
              {t('workspace.pruefliste.reasonRequired')}
            </p>
          )}
        </div>
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={p.close}>
          <span className="kern-label">{t('workspace.common.cancel')}</span>
        </Button>
        <Button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('workspace.pruefliste.overrideSave')}</span>
        </Button>
      </footer>
    </form>
  );
}

function ManualBody(p: { row: PruefRow; v: Vorgang; readOnly: boolean; run: RunMutation; headingId: string }) {
  const { t } = useTranslation();
  const { manual } = p.row;
  if (p.readOnly) {
    return (
      <div className="ap-stack ap-stack--tight" data-testid="manual-decision" data-decision={manual?.decision ?? ''}>
        <p className="kern-body">
          {manual
            ? t('workspace.pruefliste.decided', { decision: t(`workspace.pruefliste.decision.${manual.decision}`) })
            : t('workspace.pruefliste.undecided')}
        </p>
        {manual?.note && (
          <p className="kern-body ap-multiline">{t('workspace.pruefliste.noteShown', { note: manual.note })}</p>
        )}
      </div>
    );
  }
  // Keyed by the stored decision, so the form starts over when it changes (here or by sync).
  return <ManualForm key={JSON.stringify(manual ?? null)} {...p} />;
}

function ManualForm(p: { row: PruefRow; v: Vorgang; run: RunMutation; headingId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { manual, item } = p.row;
  const [decision, setDecision] = useState<PrueflisteDecision | null>(manual?.decision ?? null);
  const [note, setNote] = useState(manual?.note ?? '');
  const [attempted, setAttempted] = useState(false);
  const check = manualDecisionInput(decision, note);
  const error = attempted && !check.ok ? check.error : null;
  const noteInvalid = error === 'note_required';

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (!check.ok) {
      document.getElementById(check.error === 'decision_required' ? `${id}-ok` : `${id}-note`)?.focus();
      return;
    }
    await p.run('decidePruefItem', { vorgangId: p.v.id, itemId: item.id, decision: check.value });
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="ap-stack ap-pl__form" aria-labelledby={p.headingId}>
      <DecisionRadios
        id={id}
        legend={t('workspace.pruefliste.decisionLegend')}
        value={decision}
        onChange={setDecision}
        error={error === 'decision_required' ? t('workspace.pruefliste.decisionRequired') : null}
      />
      <div className={`kern-form-input${noteInvalid ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${id}-note`}>
          {t('workspace.pruefliste.note')}
        </label>
        <div className="kern-hint" id={`${id}-note-hint`}>
          {t('workspace.pruefliste.noteHint')}
        </div>
        <textarea
          id={`${id}-note`}
          className={`kern-form-input__input ap-textarea${noteInvalid ? ' kern-form-input__input--error' : ''}`}
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          required={decision === 'not_ok'}
          aria-invalid={noteInvalid}
          aria-describedby={noteInvalid ? `${id}-note-hint ${id}-note-error` : `${id}-note-hint`}
        />
        {noteInvalid && (
          <p className="kern-error" id={`${id}-note-error`}>
            {t('workspace.pruefliste.noteRequired')}
          </p>
        )}
      </div>
      <div className="ap-actions">
        <Button type="submit" className="kern-btn kern-btn--secondary kern-btn--small">
          <span className="kern-label">{t('workspace.pruefliste.save')}</span>
        </Button>
        {manual && (
          <Button
            className="kern-btn kern-btn--tertiary kern-btn--small"
            onPress={() => void p.run('decidePruefItem', { vorgangId: p.v.id, itemId: item.id, decision: null })}
          >
            <span className="kern-label">{t('workspace.pruefliste.withdraw')}</span>
          </Button>
        )}
      </div>
    </form>
  );
}

/** ok / nicht ok / n.a. as native radios in a fieldset (KERN styles them; every reader knows them). */
function DecisionRadios(p: {
  id: string;
  legend: string;
  value: PrueflisteDecision | null;
  onChange: (d: PrueflisteDecision) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      className={`kern-fieldset${p.error ? ' kern-fieldset--error' : ''}`}
      aria-describedby={p.error ? `${p.id}-decision-error` : undefined}
    >
      <legend className="kern-label">{p.legend}</legend>
      <div className="kern-fieldset__body kern-fieldset__body--horizontal">
        {PRUEFLISTE_DECISIONS.map((d) => (
          <div className="kern-form-check" key={d}>
            <input
              type="radio"
              className={`kern-form-check__radio${p.error ? ' kern-form-check__radio--error' : ''}`}
              id={`${p.id}-${d}`}
              name={`${p.id}-decision`}
              value={d}
              checked={p.value === d}
              onChange={() => p.onChange(d)}
            />
            <label className="kern-label" htmlFor={`${p.id}-${d}`}>
              {t(`workspace.pruefliste.decision.${d}`)}
            </label>
          </div>
        ))}
      </div>
      {p.error && (
        <p className="kern-error" id={`${p.id}-decision-error`}>
          {p.error}
        </p>
      )}
    </fieldset>
  );
}
