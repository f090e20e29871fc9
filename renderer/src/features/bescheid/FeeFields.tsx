import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang } from '../../i18n/index.ts';
import { formatMoney } from '../../i18n/format.ts';
import { LIMITS, centsToInput, parseEuroInput, type FeeOverrideInput } from './form.ts';

/**
 * The fee: the Verfahren's fee rule decides, unless the clerk sets the fee by hand — which
 * needs a reason (journaled with the draft). When the rule cannot compute a fee, setting it by
 * hand is the only way.
 */
export function FeeFields(p: {
  ruleCents: number | null;
  /** Why the rule computes no fee (translated), when it does not. */
  ruleError: string | null;
  override: FeeOverrideInput | null;
  onOverride: (o: FeeOverrideInput | null) => void;
  onBlur?: () => void;
  /** Shows every field error at once (after an attempt to go on). */
  showErrors: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const id = useId();
  const [touched, setTouched] = useState({ amount: false, reason: false });
  const o = p.override;
  const forced = p.ruleCents === null;
  const amountInvalid =
    o !== null && parseEuroInput(o.amount) === null && (p.showErrors || touched.amount || o.amount.trim() !== '');
  const reasonMissing = o !== null && o.reason.trim() === '' && (p.showErrors || touched.reason);
  const blur = (field: 'amount' | 'reason') => {
    setTouched((x) => ({ ...x, [field]: true }));
    p.onBlur?.();
  };

  return (
    <fieldset className="kern-fieldset ap-bescheid-fee" data-testid="bescheid-fee">
      <legend className="kern-label">{t('bescheid.fee.label')}</legend>
      <div className="kern-fieldset__body ap-stack ap-bescheid-tight">
        <p className="kern-body" data-testid="bescheid-fee-rule">
          {p.ruleCents !== null
            ? t('bescheid.fee.rule', { amount: formatMoney(p.ruleCents / 100, lang) })
            : t('bescheid.fee.ruleFailed', { reason: p.ruleError ?? '' })}
        </p>
        <div className="kern-form-check">
          <input
            type="checkbox"
            className="kern-form-check__checkbox"
            id={`${id}-override`}
            checked={o !== null}
            disabled={forced}
            aria-describedby={forced ? `${id}-forced` : undefined}
            onChange={(e) =>
              p.onOverride(
                e.target.checked ? { amount: p.ruleCents === null ? '' : centsToInput(p.ruleCents), reason: '' } : null,
              )
            }
          />
          <label className="kern-label" htmlFor={`${id}-override`}>
            {t('bescheid.fee.override')}
          </label>
        </div>
        {forced && (
          <p className="kern-hint" id={`${id}-forced`}>
            {t('bescheid.fee.overrideRequired')}
          </p>
        )}
        {o !== null && (
          <>
            <div className={`kern-form-input${amountInvalid ? ' kern-form-input--error' : ''}`}>
              <label className="kern-label" htmlFor={`${id}-amount`}>
                {t('bescheid.fee.amount')}
              </label>
              <input
                id={`${id}-amount`}
                className="kern-form-input__input ap-bescheid-fee__amount"
                inputMode="decimal"
                autoComplete="off"
                value={o.amount}
                aria-invalid={amountInvalid || undefined}
                aria-describedby={amountInvalid ? `${id}-amount-error` : `${id}-amount-hint`}
                onChange={(e) => p.onOverride({ ...o, amount: e.target.value })}
                onBlur={() => blur('amount')}
                data-testid="bescheid-fee-amount"
              />
              {amountInvalid ? (
                <p className="kern-error" id={`${id}-amount-error`}>
                  {t('bescheid.fee.amountInvalid')}
                </p>
              ) : (
                <p className="kern-hint" id={`${id}-amount-hint`}>
                  {t('bescheid.fee.amountHint')}
                </p>
              )}
            </div>
            <div className={`kern-form-input${reasonMissing ? ' kern-form-input--error' : ''}`}>
              <label className="kern-label" htmlFor={`${id}-reason`}>
                {t('bescheid.fee.reason')}
              </label>
              <textarea
                id={`${id}-reason`}
                className="kern-form-input__input ap-textarea"
                rows={3}
                maxLength={LIMITS.reason}
                required
                value={o.reason}
                aria-invalid={reasonMissing || undefined}
                aria-describedby={reasonMissing ? `${id}-reason-error` : undefined}
                onChange={(e) => p.onOverride({ ...o, reason: e.target.value })}
                onBlur={() => blur('reason')}
                data-testid="bescheid-fee-reason"
              />
              {reasonMissing && (
                <p className="kern-error" id={`${id}-reason-error`}>
                  {t('bescheid.fee.reasonRequired')}
                </p>
              )}
            </div>
          </>
        )}
      </div>
    </fieldset>
  );
}
