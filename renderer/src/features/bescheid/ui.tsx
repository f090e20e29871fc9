import { useCallback, type ReactElement, type ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../../shared/domain/index.ts';
import { Alert } from '../../app/Alert.tsx';

export interface Feedback {
  kind: 'success' | 'info' | 'warning' | 'danger';
  text: string;
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** The translated text of an error value: a shared code, `offline`/`network` (no server), else internal. */
export function useErrorText(): (error: { code: string }) => string {
  const { t } = useTranslation();
  return useCallback(
    (error) =>
      isErrorCode(error.code)
        ? t(`errors.${error.code}`)
        : error.code === 'offline' || error.code === 'network'
          ? t('bescheid.common.offline')
          : t('errors.internal'),
    [t],
  );
}

/** A polite live region that stays on the page, so a message placed in it is announced. */
export function FeedbackRegion({ feedback, testId }: { feedback: Feedback | null; testId: string }) {
  return (
    <div aria-live="polite" data-testid={testId}>
      {feedback && (
        <Alert kind={feedback.kind} announce={false}>
          {feedback.text}
        </Alert>
      )}
    </div>
  );
}

/**
 * A KERN-styled modal dialog opened by `trigger` (a react-aria Button): focus stays inside,
 * Escape closes it, and the focus returns to the trigger.
 */
export function ModalDialog({
  trigger,
  title,
  children,
  testId,
}: {
  trigger: ReactElement;
  title: string;
  children: (close: () => void) => ReactNode;
  testId?: string;
}) {
  return (
    <DialogTrigger>
      {trigger}
      <ModalOverlay className="ap-modal-overlay" isDismissable>
        <Modal className="ap-modal">
          <Dialog className="kern-dialog ap-dialog" data-testid={testId}>
            {({ close }) => (
              <>
                <header className="kern-dialog__header">
                  <Heading slot="title" className="kern-title">
                    {title}
                  </Heading>
                </header>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** A term and its description in a KERN description list. */
export function Item({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
