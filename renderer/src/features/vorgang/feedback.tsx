import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MutationArgs, MutationName } from '../../../../shared/mutators/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { useErrorText as useSharedErrorText } from '../../app/error-text.ts';
import { useWorkspace } from '../../app/workspace.ts';

export type RunMutation = <N extends MutationName>(name: N, args: MutationArgs<N>) => Promise<boolean>;

export interface Feedback {
  kind: 'success' | 'info' | 'warning' | 'danger';
  /** First line is the message; further lines (one per file, say) follow as a list. */
  lines: readonly string[];
}

const OFFLINE_CODES = ['offline'];

/** Error values in the workspace's words: `offline` means no server and no local copy. */
export const useErrorText = (): ((error: { code: string }) => string) =>
  useSharedErrorText('workspace.common.offline', OFFLINE_CODES);

/**
 * Runs mutations and keeps the outcome for a FeedbackRegion near the action, so the message
 * appears (and is announced) where the clerk is working.
 */
export function useMutationFeedback(): {
  run: RunMutation;
  feedback: Feedback | null;
  setFeedback: (f: Feedback | null) => void;
} {
  const { t } = useTranslation();
  const { handle } = useWorkspace();
  const errorText = useErrorText();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const run: RunMutation = useCallback(
    async (name, args) => {
      const r = await handle.mutate(name, args);
      setFeedback(
        r.ok ? { kind: 'success', lines: [t('vorgang.done')] } : { kind: 'danger', lines: [errorText(r.error)] },
      );
      return r.ok;
    },
    [handle, t, errorText],
  );
  return { run, feedback, setFeedback };
}

/** A polite live region that is always on the page, so a new message in it is announced. */
export function FeedbackRegion({ feedback, testId }: { feedback: Feedback | null; testId: string }) {
  const [first, ...rest] = feedback?.lines ?? [];
  return (
    <div aria-live="polite" data-testid={testId}>
      {feedback && first !== undefined && (
        <Alert kind={feedback.kind} announce={false} {...(rest.length > 0 ? { title: first } : {})}>
          {rest.length > 0 ? (
            <ul className="ap-feedback-list">
              {rest.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            first
          )}
        </Alert>
      )}
    </div>
  );
}
