import { useId, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { User, Vorgang } from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import type { RunMutation } from './feedback.tsx';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { AbgabeDialog } from './AbgabeDialog.tsx';
import { TransferDialog } from './TransferDialog.tsx';

/**
 * Who works the Vorgang: claim it from the team queue, take it over from a colleague (after
 * a confirmation naming them), hand it to a colleague of the org unit, or return it to the
 * team queue. The server re-checks every step.
 */
export function AssignmentActions({ v, mayWork, run }: { v: Vorgang; mayWork: boolean; run: RunMutation }) {
  const { t } = useTranslation();
  const { session, lookups } = useWorkspace();
  const user = session.user;
  const assignee = v.assigneeId === null ? undefined : lookups.users.get(v.assigneeId);
  const assigneeName = assignee?.displayName ?? t('user.unknown');
  const colleagues = [...lookups.users.values()]
    .filter((u) => u.orgUnitId === v.orgUnitId && u.id !== v.assigneeId)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'de'));

  return (
    <section aria-labelledby="vg-assign" className="ap-action-group">
      <h3 id="vg-assign" className="kern-heading-small">
        {t('workspace.assign.heading')}
      </h3>
      <div className="ap-actions">
        {v.assigneeId === null && (
          <Button className="kern-btn kern-btn--primary" onPress={() => void run('claim', { vorgangId: v.id })}>
            <span className="kern-label">{t('vorgang.claim')}</span>
          </Button>
        )}
        {v.assigneeId !== null && v.assigneeId !== user.id && (
          <TakeOverDialog v={v} fromAssigneeId={v.assigneeId} name={assigneeName} run={run} />
        )}
        {mayWork && <AssignDialog v={v} colleagues={colleagues} handOver={v.assigneeId !== null} run={run} />}
        {mayWork && v.assigneeId !== null && (
          <Button
            className="kern-btn kern-btn--tertiary"
            onPress={() => void run('assign', { vorgangId: v.id, assigneeId: null })}
          >
            <span className="kern-label">{t('workspace.assign.toTeam')}</span>
          </Button>
        )}
        <TransferDialog v={v} run={run} />
        <AbgabeDialog v={v} run={run} />
      </div>
    </section>
  );
}

function TakeOverDialog(p: { v: Vorgang; fromAssigneeId: string; name: string; run: RunMutation }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      testId="takeover-dialog"
      title={t('workspace.assign.takeOverTitle')}
      trigger={
        <Button className="kern-btn kern-btn--secondary">
          <span className="kern-label">{t('workspace.assign.takeOver', { name: p.name })}</span>
        </Button>
      }
    >
      {(close) => (
        <>
          <div className="kern-dialog__body">
            <p className="kern-body">
              {t('workspace.assign.takeOverText', { aktenzeichen: p.v.aktenzeichen, name: p.name })}
            </p>
          </div>
          <footer className="kern-dialog__footer">
            <Button className="kern-btn kern-btn--secondary" onPress={close}>
              <span className="kern-label">{t('workspace.common.cancel')}</span>
            </Button>
            <Button
              className="kern-btn kern-btn--primary"
              onPress={() => {
                close();
                void p.run('takeOver', { vorgangId: p.v.id, fromAssigneeId: p.fromAssigneeId });
              }}
            >
              <span className="kern-label">{t('workspace.assign.takeOverConfirm')}</span>
            </Button>
          </footer>
        </>
      )}
    </ModalDialog>
  );
}

function AssignDialog(p: { v: Vorgang; colleagues: readonly User[]; handOver: boolean; run: RunMutation }) {
  const { t } = useTranslation();
  return (
    <ModalDialog
      testId="assign-dialog"
      title={t(p.handOver ? 'workspace.assign.handOverTitle' : 'workspace.assign.assignTitle')}
      trigger={
        <Button className="kern-btn kern-btn--secondary">
          <span className="kern-label">
            {t(p.handOver ? 'workspace.assign.handOver' : 'workspace.assign.assignTo')}
          </span>
        </Button>
      }
    >
      {(close) => <AssignForm {...p} close={close} />}
    </ModalDialog>
  );
}

function AssignForm(p: {
  v: Vorgang;
  colleagues: readonly User[];
  handOver: boolean;
  run: RunMutation;
  close: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [choice, setChoice] = useState('');
  const [attempted, setAttempted] = useState(false);
  const invalid = attempted && choice === '';

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (choice === '') return;
    if (await p.run('assign', { vorgangId: p.v.id, assigneeId: choice })) p.close();
  };

  if (p.colleagues.length === 0) {
    return (
      <>
        <div className="kern-dialog__body">
          <p className="kern-body">{t('workspace.assign.noColleagues')}</p>
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
        <div className={`kern-form-input${invalid ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={`${id}-select`}>
            {t('workspace.assign.colleague')}
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
              {p.colleagues.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName}
                </option>
              ))}
            </select>
          </div>
          {invalid && (
            <p className="kern-error" id={`${id}-error`} role="alert">
              {t('workspace.assign.colleagueRequired')}
            </p>
          )}
        </div>
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={p.close}>
          <span className="kern-label">{t('workspace.common.cancel')}</span>
        </Button>
        <Button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">
            {t(p.handOver ? 'workspace.assign.handOverConfirm' : 'workspace.assign.assignConfirm')}
          </span>
        </Button>
      </footer>
    </form>
  );
}
