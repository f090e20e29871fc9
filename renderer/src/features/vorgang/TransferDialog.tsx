import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { OrgUnit, Vorgang } from '../../../../shared/domain/index.ts';
import { TRANSFERABLE_STATUSES } from '../../../../shared/mutators/index.ts';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { useWorkspace } from '../../app/workspace.ts';
import type { RunMutation } from './feedback.tsx';

/**
 * Abgabe: the lead hands the Vorgang to another org unit (transferVorgang). Offered only to a
 * lead of the owning unit while the Vorgang may still move; the server re-checks both. After
 * the next sync the Vorgang leaves this unit's devices.
 */
export function TransferDialog({ v, run }: { v: Vorgang; run: RunMutation }) {
  const { t } = useTranslation();
  const { db, session } = useWorkspace();
  const user = session.user;
  const units = useLiveQuery(() => db.orgUnits.toArray(), [db]);
  if (!user.roles.includes('lead') || user.orgUnitId !== v.orgUnitId) return null;
  if (!TRANSFERABLE_STATUSES.includes(v.status)) return null;
  const targets = (units ?? []).filter((u) => u.id !== v.orgUnitId).sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return (
    <ModalDialog
      testId="transfer-dialog"
      title={t('workspace.transfer.title')}
      trigger={
        <Button className="kern-btn kern-btn--tertiary">
          <span className="kern-label">{t('workspace.transfer.open')}</span>
        </Button>
      }
    >
      {(close) => <TransferForm v={v} targets={targets} run={run} close={close} />}
    </ModalDialog>
  );
}

function TransferForm(p: { v: Vorgang; targets: readonly OrgUnit[]; run: RunMutation; close: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [choice, setChoice] = useState('');
  const [attempted, setAttempted] = useState(false);
  const invalid = attempted && choice === '';

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (choice === '') return;
    if (await p.run('transferVorgang', { vorgangId: p.v.id, orgUnitId: choice })) p.close();
  };

  if (p.targets.length === 0) {
    return (
      <>
        <div className="kern-dialog__body">
          <p className="kern-body">{t('workspace.transfer.noUnits')}</p>
        </div>
        <footer className="kern-dialog__footer">
          <Button className="kern-btn kern-btn--secondary" onPress={p.close}>
            <span className="kern-label">{t('workspace.common.close')}</span>
          </Button>
        </footer>
      </>
    );
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body">
        <p className="kern-body">{t('workspace.transfer.text', { aktenzeichen: p.v.aktenzeichen })}</p>
        <div className={`kern-form-input${invalid ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={`${id}-select`}>
            {t('workspace.transfer.unit')}
          </label>
          <div className="kern-form-input__select-wrapper">
            <select
              id={`${id}-select`}
              className={`kern-form-input__select${invalid ? ' kern-form-input__select--error' : ''}`}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              aria-invalid={invalid}
              aria-describedby={invalid ? `${id}-error` : undefined}
              autoFocus
            >
              <option value="">{t('workspace.assign.choose')}</option>
              {p.targets.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          {invalid && (
            <p className="kern-error" id={`${id}-error`} role="alert">
              {t('workspace.transfer.unitRequired')}
            </p>
          )}
        </div>
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={p.close}>
          <span className="kern-label">{t('workspace.common.cancel')}</span>
        </Button>
        <Button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t('workspace.transfer.confirm')}</span>
        </Button>
      </footer>
    </form>
  );
}
