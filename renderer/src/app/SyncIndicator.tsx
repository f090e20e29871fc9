import { useRef } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { commandLabel } from '../i18n/commands.ts';
import { currentLang } from '../i18n/index.ts';
import { formatDateTime } from '../i18n/format.ts';
import { dismissRejection, useRejections, useSyncStatus, type AmtsplatzDb, type Rejection } from '../sync/index.ts';

/**
 * Sync state for the header. The state and pending count sit in a polite live region, so
 * going offline or getting back in sync is announced; the last-sync time is outside it
 * (it changes every cycle and would be noise).
 */
export function SyncIndicator({ db, onSyncNow }: { db: AmtsplatzDb; onSyncNow: () => void }) {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus(db);
  const lang = currentLang(i18n);
  return (
    <section className="ap-sync" aria-label={t('sync.label')} data-testid="sync-status" data-state={status.state}>
      <span className={`ap-sync__dot ap-sync__dot--${status.state}`} aria-hidden="true" />
      <div className="ap-sync__text">
        <p role="status" aria-atomic="true" className="ap-sync__live">
          <span className="ap-sync__state">{t(`sync.state.${status.state}`)}</span>
          {!status.initialSyncDone && status.state === 'syncing' && <span> · {t('sync.initial')}</span>}
          {status.pending > 0 && (
            <span data-testid="sync-pending"> · {t('sync.pending', { count: status.pending })}</span>
          )}
        </p>
        <p className="ap-sync__last">
          {status.lastSyncAt ? t('sync.lastSync', { time: formatDateTime(status.lastSyncAt, lang) }) : t('sync.never')}
        </p>
      </div>
      <Button className="kern-btn kern-btn--tertiary kern-btn--x-small" onPress={onSyncNow}>
        <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
        <span className="kern-label">{t('sync.syncNow')}</span>
      </Button>
      <RejectionsDialog db={db} count={status.rejectedCount} />
    </section>
  );
}

function RejectionsDialog({ db, count }: { db: AmtsplatzDb; count: number }) {
  const { t, i18n } = useTranslation();
  const rejections = useRejections(db);
  const lang = currentLang(i18n);
  const closeRef = useRef<HTMLButtonElement>(null);
  // The dismissed item (and the focused button in it) disappears: keep focus in the dialog.
  const dismiss = (r: Rejection) => {
    void dismissRejection(db, r).then(() => closeRef.current?.focus());
  };
  return (
    <DialogTrigger>
      <Button
        className={`kern-btn kern-btn--x-small ${count > 0 ? 'kern-btn--primary' : 'kern-btn--secondary'}`}
        data-testid="rejections-button"
      >
        <span className="kern-label">{t('sync.rejections', { count })}</span>
      </Button>
      <ModalOverlay className="ap-modal-overlay" isDismissable>
        <Modal className="ap-modal">
          <Dialog className="kern-dialog ap-dialog" data-testid="rejections-dialog">
            {({ close }) => (
              <>
                <header className="kern-dialog__header">
                  <Heading slot="title" className="kern-title">
                    {t('sync.rejectionsTitle')}
                  </Heading>
                </header>
                <div className="kern-dialog__body">
                  {rejections.length === 0 ? (
                    <p className="kern-body">{t('sync.noRejections')}</p>
                  ) : (
                    <>
                      <p className="kern-body">{t('sync.rejectionsIntro')}</p>
                      <ul className="ap-rejections">
                        {rejections.map((r) => (
                          <RejectionItem
                            key={`${r.clientId}:${r.mutationSeq}`}
                            r={r}
                            label={commandLabel(r.name, t)}
                            reason={t(`errors.${r.code}`)}
                            time={t('sync.rejectedAt', { time: formatDateTime(r.rejectedAt, lang) })}
                            dismissLabel={t('sync.dismiss')}
                            onDismiss={() => dismiss(r)}
                          />
                        ))}
                      </ul>
                    </>
                  )}
                </div>
                <footer className="kern-dialog__footer">
                  <Button className="kern-btn kern-btn--secondary" onPress={close} ref={closeRef}>
                    <span className="kern-label">{t('sync.close')}</span>
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

function RejectionItem(p: {
  r: Rejection;
  label: string;
  reason: string;
  time: string;
  dismissLabel: string;
  onDismiss: () => void;
}) {
  return (
    <li className="ap-rejections__item" data-testid="rejection" data-code={p.r.code}>
      <div>
        <p className="kern-body kern-body--bold">{p.label}</p>
        <p className="kern-body">{p.reason}</p>
        <p className="kern-body kern-body--small kern-body--muted">{p.time}</p>
      </div>
      <Button
        className="kern-btn kern-btn--tertiary kern-btn--x-small"
        onPress={p.onDismiss}
        aria-label={`${p.dismissLabel}: ${p.label}`}
      >
        <span className="kern-label">{p.dismissLabel}</span>
      </Button>
    </li>
  );
}
