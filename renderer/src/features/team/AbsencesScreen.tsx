import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { hasRole, type Absence } from '../../../../shared/domain/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { useDocumentTitle } from '../../app/document-title.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { currentLang } from '../../i18n/index.ts';
import { formatDate } from '../../i18n/format.ts';
import { AbsenceForm } from './AbsenceForm.tsx';
import { absenceState, colleaguesOf, listedAbsences, mayManageAbsence, type AbsenceDraft } from './absences.ts';
import { useAbsences } from './use-absences.ts';

type Feedback = { kind: 'success' | 'danger'; text: string } | null;

/**
 * Absences of the org unit: current and planned ones (cancelled ones greyed), entering one
 * (the own, or as lead anyone's), cancelling after a confirmation.
 */
export function AbsencesScreen() {
  const { t, i18n } = useTranslation();
  const lang = currentLang(i18n);
  const { session, db, handle, lookups, today } = useWorkspace();
  const user = session.user;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  useDocumentTitle(`${t('team.absences.title')} – ${t('app.name')}`);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const all = useAbsences(db);
  const listed = useMemo(() => listedAbsences(all, user.orgUnitId, today), [all, user.orgUnitId, today]);
  const members = useMemo(() => colleaguesOf(lookups.users.values(), user.orgUnitId), [lookups.users, user]);
  const isLead = hasRole(user, 'lead');
  const name = (id: string) => lookups.users.get(id)?.displayName ?? t('user.unknown');

  const enter = async (d: AbsenceDraft): Promise<boolean> => {
    const r = await handle.mutate('setAbsence', { absenceId: crypto.randomUUID(), ...d });
    setFeedback(
      r.ok
        ? { kind: 'success', text: t('team.absences.saved') }
        : { kind: 'danger', text: t(`errors.${r.error.code}`) },
    );
    return r.ok;
  };

  const cancel = async (a: Absence): Promise<void> => {
    const r = await handle.mutate('cancelAbsence', { absenceId: a.id });
    // The cancel button is gone with the cancelled absence: the focus goes back to the list.
    listHeadingRef.current?.focus();
    setFeedback(
      r.ok
        ? { kind: 'success', text: t('team.absences.cancelled') }
        : { kind: 'danger', text: t(`errors.${r.error.code}`) },
    );
  };

  return (
    <div className="ap-page" data-testid="absences">
      <h1 className="kern-heading-medium" ref={headingRef} tabIndex={-1}>
        {t('team.absences.title')}
      </h1>
      <p className="kern-body">{t('team.absences.intro')}</p>
      <div aria-live="polite" data-testid="absences-feedback">
        {feedback && (
          <Alert kind={feedback.kind} announce={false}>
            {feedback.text}
          </Alert>
        )}
      </div>

      <section aria-labelledby="abs-form" className="ap-section">
        <h2 id="abs-form" className="kern-heading-small">
          {t('team.absences.formHeading')}
        </h2>
        <AbsenceForm actor={user} members={members} forAnyMember={isLead} today={today} onSubmit={enter} />
      </section>

      <section aria-labelledby="abs-list" className="ap-section">
        <h2 id="abs-list" className="kern-heading-small" ref={listHeadingRef} tabIndex={-1}>
          {t('team.absences.listHeading')}
        </h2>
        {listed.length === 0 ? (
          <p className="kern-body">{t('team.absences.none')}</p>
        ) : (
          <table className="kern-table ap-absences" data-testid="absences-table">
            <thead>
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('team.absences.column.person')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('team.absences.column.period')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('team.absences.column.deputy')}
                </th>
                <th scope="col" className="kern-table__header">
                  {t('team.absences.column.state')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--action">
                  {t('team.absences.column.actions')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {listed.map((a) => {
                const state = absenceState(a, today);
                const absent = lookups.users.get(a.userId);
                const period = t('team.absences.period', {
                  from: formatDate(a.from, lang),
                  to: formatDate(a.to, lang),
                });
                return (
                  <tr
                    key={a.id}
                    className={`kern-table__row${state === 'cancelled' ? ' ap-absences__row--cancelled' : ''}`}
                    data-absence-id={a.id}
                    data-state={state}
                  >
                    <th scope="row" className="kern-table__header">
                      {name(a.userId)}
                    </th>
                    <td className="kern-table__cell">{period}</td>
                    <td className="kern-table__cell">{name(a.deputyId)}</td>
                    <td className="kern-table__cell">{t(`team.absences.state.${state}`)}</td>
                    <td className="kern-table__cell kern-table__cell--action">
                      {state !== 'cancelled' && absent && mayManageAbsence(user, absent) && (
                        <CancelAbsence
                          label={t('team.absences.cancelLabel', { name: name(a.userId) })}
                          text={t('team.absences.confirmText', {
                            name: name(a.userId),
                            from: formatDate(a.from, lang),
                            to: formatDate(a.to, lang),
                          })}
                          onConfirm={() => cancel(a)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function CancelAbsence(p: { label: string; text: string; onConfirm: () => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <DialogTrigger>
      <Button className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-label={p.label}>
        <span className="kern-label">{t('team.absences.cancel')}</span>
      </Button>
      <ModalOverlay className="ap-modal-overlay" isDismissable>
        <Modal className="ap-modal">
          <Dialog className="kern-dialog ap-dialog" role="alertdialog" data-testid="cancel-absence-dialog">
            {({ close }) => (
              <>
                <header className="kern-dialog__header">
                  <Heading slot="title" className="kern-title">
                    {t('team.absences.confirmTitle')}
                  </Heading>
                </header>
                <div className="kern-dialog__body">
                  <p className="kern-body">{p.text}</p>
                </div>
                <footer className="kern-dialog__footer">
                  <Button
                    className="kern-btn kern-btn--primary"
                    onPress={() => {
                      close();
                      void p.onConfirm();
                    }}
                  >
                    <span className="kern-label">{t('team.absences.confirm')}</span>
                  </Button>
                  <Button className="kern-btn kern-btn--secondary" onPress={close} autoFocus>
                    <span className="kern-label">{t('team.absences.keep')}</span>
                  </Button>
                </footer>
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
