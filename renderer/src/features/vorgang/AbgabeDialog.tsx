import { useId, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Vorgang } from '../../../../shared/domain/index.ts';
import { TRANSFERABLE_STATUSES } from '../../../../shared/mutators/index.ts';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { useWorkspace } from '../../app/workspace.ts';
import { abgabeProblems, type AbgabeField as Field } from './abgabe-form.ts';
import type { RunMutation } from './feedback.tsx';

const ERROR_KEY = {
  praefix: 'workspace.abgabe.praefixInvalid',
  kennung: 'workspace.abgabe.kennungInvalid',
  name: 'workspace.abgabe.nameRequired',
  begruendung: 'workspace.abgabe.begruendungRequired',
} as const;

/**
 * Abgabe an eine andere Behörde (abgebenAnBehoerde): the lead hands the Vorgang to the
 * competent authority, named by its Behördenkennung, with a Begründung. Offered only to a
 * lead of the owning unit while the Vorgang may still move; the server re-checks both.
 */
export function AbgabeDialog({ v, run }: { v: Vorgang; run: RunMutation }) {
  const { t } = useTranslation();
  const { session } = useWorkspace();
  const user = session.user;
  if (!user.roles.includes('lead') || user.orgUnitId !== v.orgUnitId) return null;
  if (!TRANSFERABLE_STATUSES.includes(v.status)) return null;
  return (
    <ModalDialog
      testId="abgabe-dialog"
      title={t('workspace.abgabe.title')}
      trigger={
        <Button className="kern-btn kern-btn--tertiary">
          <span className="kern-label">{t('workspace.abgabe.open')}</span>
        </Button>
      }
    >
      {(close) => <AbgabeForm v={v} run={run} close={close} />}
    </ModalDialog>
  );
}

function AbgabeForm(p: { v: Vorgang; run: RunMutation; close: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    praefix: 'ags:',
    kennung: '',
    name: '',
    begruendung: '',
  });
  const [attempted, setAttempted] = useState(false);
  const problems = attempted ? abgabeProblems(values) : [];

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    const found = abgabeProblems(values);
    if (found.length > 0) {
      document.getElementById(`${id}-${found[0] ?? 'praefix'}`)?.focus();
      return;
    }
    const ok = await p.run('abgebenAnBehoerde', {
      vorgangId: p.v.id,
      empfaenger: { praefix: values.praefix.trim(), kennung: values.kennung.trim(), name: values.name.trim() },
      begruendung: values.begruendung.trim(),
    });
    if (ok) p.close();
  };

  const field = (name: Field, label: string, hint?: string, multiline = false) => {
    const invalid = problems.includes(name);
    const describedBy = [hint ? `${id}-${name}-hint` : '', invalid ? `${id}-${name}-error` : '']
      .filter(Boolean)
      .join(' ');
    const common = {
      id: `${id}-${name}`,
      value: values[name],
      'aria-invalid': invalid,
      'aria-describedby': describedBy || undefined,
    };
    return (
      <div className={`kern-form-input${invalid ? ' kern-form-input--error' : ''}`}>
        <label className="kern-label" htmlFor={`${id}-${name}`}>
          {label}
        </label>
        {hint && (
          <div className="kern-hint" id={`${id}-${name}-hint`}>
            {hint}
          </div>
        )}
        {multiline ? (
          <textarea
            {...common}
            className="kern-form-input__input"
            rows={3}
            maxLength={1000}
            onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          />
        ) : (
          <input
            {...common}
            className="kern-form-input__input"
            type="text"
            maxLength={name === 'name' ? 200 : 64}
            onChange={(e) => setValues({ ...values, [name]: e.target.value })}
          />
        )}
        {invalid && (
          <p className="kern-error" id={`${id}-${name}-error`} role="alert">
            {t(ERROR_KEY[name])}
          </p>
        )}
      </div>
    );
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body">
        <p className="kern-body">{t('workspace.abgabe.text', { aktenzeichen: p.v.aktenzeichen })}</p>
        {field('name', t('workspace.abgabe.name'))}
        {field('praefix', t('workspace.abgabe.praefix'), t('workspace.abgabe.praefixHint'))}
        {field('kennung', t('workspace.abgabe.kennung'), t('workspace.abgabe.kennungHint'))}
        {field('begruendung', t('workspace.abgabe.begruendung'), undefined, true)}
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={p.close}>
          <span className="kern-label">{t('workspace.common.cancel')}</span>
        </Button>
        <Button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('workspace.abgabe.confirm')}</span>
        </Button>
      </footer>
    </form>
  );
}
