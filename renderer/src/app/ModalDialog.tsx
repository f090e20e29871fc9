import type { ReactElement, ReactNode } from 'react';
import { Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';

/**
 * A KERN-styled modal dialog opened by `trigger` (a react-aria Button). react-aria traps the
 * focus inside, closes on Escape and returns the focus to the trigger.
 */
export function ModalDialog({
  trigger,
  title,
  children,
  testId,
  wide = false,
}: {
  trigger: ReactElement;
  title: string;
  children: (close: () => void) => ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <DialogTrigger>
      {trigger}
      <ModalOverlay className="ap-modal-overlay" isDismissable>
        <Modal className={wide ? 'ap-modal ap-modal--wide' : 'ap-modal'}>
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
