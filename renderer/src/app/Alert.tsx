import type { ReactNode } from 'react';

type Kind = 'info' | 'success' | 'warning' | 'danger';

interface Props {
  kind: Kind;
  title?: string;
  children: ReactNode;
  testId?: string;
  /** false inside a live region that is already on the page, so it is not announced twice. */
  announce?: boolean;
}

/**
 * KERN alert. Danger and warning are announced at once (role=alert); info and success
 * politely (role=status).
 */
export function Alert({ kind, title, children, testId, announce = true }: Props) {
  const urgent = kind === 'danger' || kind === 'warning';
  const role = announce ? (urgent ? 'alert' : 'status') : undefined;
  return (
    <div className={`kern-alert kern-alert--${kind}`} role={role} data-testid={testId}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <span className="kern-title">{title ?? children}</span>
      </div>
      {title !== undefined && <div className="kern-alert__body">{children}</div>}
    </div>
  );
}
