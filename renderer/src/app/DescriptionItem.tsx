import type { ReactNode } from 'react';

/** A term and its description in a KERN description list (`<dl class="kern-description-list">`). */
export function DescriptionItem({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{label}</dt>
      <dd className="kern-description-list-item__value" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
