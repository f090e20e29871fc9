import { useId, useLayoutEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { bulkAssign, type BulkAssignResult } from './bulk-assign.ts';

const TEAM_QUEUE = '';

type Phase =
  | { kind: 'choose' }
  | { kind: 'running'; handled: number }
  | { kind: 'done'; result: BulkAssignResult; aktenzeichen: ReadonlyMap<string, string> };

interface Props {
  ids: readonly string[];
  colleagues: readonly User[];
  onClose: () => void;
  /** After the run: the ids that were assigned (the caller unmarks them). */
  onAssigned: (ids: readonly string[]) => void;
}

/**
 * Mounted while open (so each opening starts fresh with the current colleagues).
 * "Zuweisen an …" for the lead's marked rows: pick a colleague of the org unit (or the team
 * queue), then one assign mutation per Vorgang, with progress and a summary of what was done
 * and what was rejected, and why.
 */
export function AssignDialog(p: Props) {
  const { t } = useTranslation();
  const { handle, db } = useWorkspace();
  const selectId = useId();
  const [assignee, setAssignee] = useState(p.colleagues[0]?.id ?? TEAM_QUEUE);
  const [phase, setPhase] = useState<Phase>({ kind: 'choose' });
  const total = p.ids.length;
  const closeRef = useRef<HTMLButtonElement>(null);
  // The form (and the button that had the focus, disabled while running) is gone: the focus goes
  // to the result's Schließen button. In a layout effect, i.e. once React has committed the
  // button: a frame callback requested next to setPhase can run before that commit (the update
  // after the await is not flushed synchronously), find no button and leave the focus on <body>.
  const done = phase.kind === 'done';
  useLayoutEffect(() => {
    if (done) closeRef.current?.focus();
  }, [done]);

  const close = () => {
    if (phase.kind !== 'running') p.onClose();
  };

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (phase.kind !== 'choose' || total === 0) return;
    const ids = [...p.ids];
    setPhase({ kind: 'running', handled: 0 });
    const result = await bulkAssign(
      ids,
      assignee === TEAM_QUEUE ? null : assignee,
      (args) => handle.mutate('assign', args),
      (handled) => setPhase({ kind: 'running', handled }),
    );
    const rejectedIds = result.rejected.map((r) => r.vorgangId);
    const rows = await db.vorgaenge.bulkGet(rejectedIds);
    const aktenzeichen = new Map<string, string>();
    rows.forEach((r, i) => aktenzeichen.set(rejectedIds[i] ?? '', r?.aktenzeichen ?? rejectedIds[i] ?? ''));
    const rejected = new Set(rejectedIds);
    p.onAssigned(ids.filter((id) => !rejected.has(id)));
    setPhase({ kind: 'done', result, aktenzeichen });
  };

  return (
    <ModalOverlay
      className="ap-modal-overlay"
      isOpen
      isDismissable={phase.kind !== 'running'}
      isKeyboardDismissDisabled={phase.kind === 'running'}
      onOpenChange={(open) => {
        if (!open) close();
      }}
    >
      <Modal className="ap-modal">
        <Dialog className="kern-dialog ap-dialog" data-testid="assign-dialog">
          <header className="kern-dialog__header">
            <Heading slot="title" className="kern-title">
              {t('team.assign.title', { count: total })}
            </Heading>
          </header>
          {phase.kind === 'done' ? (
            <>
              <div className="kern-dialog__body">
                <div role="status" data-testid="assign-result">
                  <p className="kern-body kern-body--bold">
                    {t('team.assign.result', { done: phase.result.done, rejected: phase.result.rejected.length })}
                  </p>
                  {phase.result.rejected.length > 0 && (
                    <ul className="ap-plain-list">
                      {phase.result.rejected.map((r) => (
                        <li key={r.vorgangId} className="kern-body">
                          {t('team.assign.rejectedItem', {
                            aktenzeichen: phase.aktenzeichen.get(r.vorgangId) ?? r.vorgangId,
                            reason: t(`errors.${r.code}`),
                          })}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
                <p className="kern-body kern-body--small">{t('team.assign.serverNote')}</p>
              </div>
              <footer className="kern-dialog__footer">
                <Button className="kern-btn kern-btn--primary" onPress={close} ref={closeRef}>
                  <span className="kern-label">{t('team.assign.close')}</span>
                </Button>
              </footer>
            </>
          ) : (
            <form onSubmit={(e) => void submit(e)}>
              <div className="kern-dialog__body">
                <div className="kern-form-input">
                  <label className="kern-label" htmlFor={selectId}>
                    {t('team.assign.to')}
                  </label>
                  <div className="kern-form-input__select-wrapper">
                    <select
                      id={selectId}
                      className="kern-form-input__select"
                      value={assignee}
                      disabled={phase.kind === 'running'}
                      onChange={(e) => setAssignee(e.target.value)}
                      data-testid="assign-to"
                    >
                      {p.colleagues.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.displayName}
                        </option>
                      ))}
                      <option value={TEAM_QUEUE}>{t('team.assign.toTeamQueue')}</option>
                    </select>
                  </div>
                </div>
                <p className="kern-body" role="status">
                  {phase.kind === 'running' ? t('team.assign.running', { handled: phase.handled, total }) : ''}
                </p>
              </div>
              <footer className="kern-dialog__footer">
                <Button type="submit" className="kern-btn kern-btn--primary" isDisabled={phase.kind === 'running'}>
                  <span className="kern-label">{t('team.assign.submit')}</span>
                </Button>
                <Button className="kern-btn kern-btn--secondary" onPress={close} isDisabled={phase.kind === 'running'}>
                  <span className="kern-label">{t('team.assign.cancel')}</span>
                </Button>
              </footer>
            </form>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
