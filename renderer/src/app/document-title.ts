import { useEffect } from 'react';

/** Each screen names itself in the window title (WCAG 2.4.2); null leaves the title alone. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title !== null) document.title = title;
  }, [title]);
}
