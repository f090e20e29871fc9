import type { ReactNode } from 'react';

type Kind = 'info' | 'success' | 'warning' | 'danger';

/**
 * KERN alert. Danger and warning are announced at once (role=alert); info and success
 * politely (role=status).
 */
export function Alert({
  kind,
  title,
  children,
  testId,
}: {
  kind: Kind;
  title?: string;
  children: ReactNode;
  testId?: string;
}) {
  const urgent = kind === 'danger' || kind === 'warning';
  return (
    <div className={`kern-alert kern-alert--${kind}`} role={urgent ? 'alert' : 'status'} data-testid={testId}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <span className="kern-title">{title ?? children}</span>
      </div>
      {title !== undefined && <div className="kern-alert__body">{children}</div>}
    </div>
  );
}
