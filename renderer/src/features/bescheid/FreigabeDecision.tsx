import { useEffect, useId, useState, type SyntheticEvent } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { approvalBlocker, type Bescheid } from '../../../../shared/domain/index.ts';
import { useWorkspace } from '../../app/workspace.ts';
import { submittedContentIntact } from './approval.ts';
import { approve, returnWithComment } from './commands.ts';
import { ModalDialog } from '../../app/ModalDialog.tsx';
import { FeedbackRegion, useErrorText, type Feedback } from './ui.tsx';

/**
 * The lead's 4-eyes decision on a submitted Bescheid: approve exactly the submitted version, or
 * return it with a comment. Anyone else — the author, an editor, a clerk, a lead of another
 * unit — is offered nothing but the reason.
 */
export function FreigabeDecision({ bescheid }: { bescheid: Bescheid }) {
  const { t } = useTranslation();
  const { session, db, handle } = useWorkspace();
  const errorText = useErrorText();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [intact, setIntact] = useState<boolean | null>(null);
  const user = session.user;
  const blocker = approvalBlocker(user, bescheid);

  useEffect(() => {
    let cancelled = false;
    void submittedContentIntact(bescheid).then((ok) => {
      if (!cancelled) setIntact(ok);
    });
    return () => {
      cancelled = true;
    };
  }, [bescheid]);

  if (blocker !== null) {
    return (
      <p className="kern-body ap-bescheid-note" data-testid="freigabe-blocked">
        {t(`bescheid.freigabe.blocked.${blocker}`)}
      </p>
    );
  }
  if (bescheid.state !== 'eingereicht') return null;

  const deps = { db, mutate: handle.mutate };
  const doApprove = async (close: () => void) => {
    const r = await approve(deps, bescheid.id);
    close();
    setFeedback(
      r.ok
        ? { kind: 'success', text: t('bescheid.freigabe.approved') }
        : { kind: 'danger', text: t('bescheid.freigabe.failed', { reason: errorText(r.error) }) },
    );
  };
  const doReturn = async (comment: string, close: () => void) => {
    const r = await returnWithComment(deps, bescheid.id, comment);
    close();
    setFeedback(
      r.ok
        ? { kind: 'success', text: t('bescheid.freigabe.returnedDone') }
        : { kind: 'danger', text: t('bescheid.freigabe.failed', { reason: errorText(r.error) }) },
    );
  };

  return (
    <section
      className="ap-stack ap-bescheid-decision"
      aria-label={t('bescheid.freigabe.heading')}
      data-testid="freigabe"
    >
      {intact === false && (
        <p className="kern-body ap-bescheid-note" role="alert" data-testid="freigabe-stale">
          {t('bescheid.freigabe.stale')}
        </p>
      )}
      <p className="kern-body">
        {t('bescheid.freigabe.intro')}{' '}
        <span className="ap-muted">
          {t('bescheid.freigabe.hash')} <code data-testid="freigabe-hash">{bescheid.submittedHash}</code>
        </span>
      </p>
      <FeedbackRegion feedback={feedback} testId="freigabe-feedback" />
      <div className="ap-actions">
        <ModalDialog
          testId="freigabe-approve-dialog"
          title={t('bescheid.freigabe.approveTitle')}
          trigger={
            <Button className="kern-btn kern-btn--primary" isDisabled={intact !== true} data-testid="freigabe-approve">
              <span className="kern-icon kern-icon--check" aria-hidden="true" />
              <span className="kern-label">{t('bescheid.freigabe.approve')}</span>
            </Button>
          }
        >
          {(close) => (
            <>
              <div className="kern-dialog__body">
                <p className="kern-body">{t('bescheid.freigabe.approveConfirm')}</p>
              </div>
              <footer className="kern-dialog__footer">
                <Button className="kern-btn kern-btn--secondary" onPress={close}>
                  <span className="kern-label">{t('bescheid.common.cancel')}</span>
                </Button>
                <Button className="kern-btn kern-btn--primary" onPress={() => void doApprove(close)}>
                  <span className="kern-label">{t('bescheid.freigabe.approve')}</span>
                </Button>
              </footer>
            </>
          )}
        </ModalDialog>
        <ModalDialog
          testId="freigabe-return-dialog"
          title={t('bescheid.freigabe.returnTitle')}
          trigger={
            <Button className="kern-btn kern-btn--secondary" data-testid="freigabe-return">
              <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
              <span className="kern-label">{t('bescheid.freigabe.return')}</span>
            </Button>
          }
        >
          {(close) => <ReturnForm onReturn={(comment) => doReturn(comment, close)} onCancel={close} />}
        </ModalDialog>
      </div>
    </section>
  );
}

function ReturnForm({ onReturn, onCancel }: { onReturn: (comment: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [comment, setComment] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const missing = attempted && comment.trim() === '';

  const submit = async (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (comment.trim() === '') return;
    setBusy(true);
    await onReturn(comment);
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <div className="kern-dialog__body ap-stack">
        <p className="kern-body">{t('bescheid.freigabe.returnIntro')}</p>
        <div className={`kern-form-input${missing ? ' kern-form-input--error' : ''}`}>
          <label className="kern-label" htmlFor={`${id}-comment`}>
            {t('bescheid.freigabe.comment')}
          </label>
          <textarea
            id={`${id}-comment`}
            className="kern-form-input__input ap-textarea"
            rows={5}
            maxLength={2000}
            required
            autoFocus
            value={comment}
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${id}-error` : undefined}
            onChange={(e) => setComment(e.target.value)}
            data-testid="freigabe-comment"
          />
          {missing && (
            <p className="kern-error" id={`${id}-error`}>
              {t('bescheid.freigabe.commentRequired')}
            </p>
          )}
        </div>
      </div>
      <footer className="kern-dialog__footer">
        <Button className="kern-btn kern-btn--secondary" onPress={onCancel}>
          <span className="kern-label">{t('bescheid.common.cancel')}</span>
        </Button>
        <Button
          type="submit"
          className="kern-btn kern-btn--primary"
          isDisabled={busy}
          data-testid="freigabe-return-submit"
        >
          <span className="kern-label">{t('bescheid.freigabe.return')}</span>
        </Button>
      </footer>
    </form>
  );
}
