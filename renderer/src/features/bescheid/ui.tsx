import { Alert } from '../../app/Alert.tsx';
import { useErrorText as useSharedErrorText } from '../../app/error-text.ts';

export interface Feedback {
  kind: 'success' | 'info' | 'warning' | 'danger';
  text: string;
}

const OFFLINE_CODES = ['offline', 'network'];

/** The translated text of an error value: a shared code, `offline`/`network` (no server), else internal. */
export const useErrorText = (): ((error: { code: string }) => string) =>
  useSharedErrorText('bescheid.common.offline', OFFLINE_CODES);

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
