import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERROR_CODES, type ErrorCode } from '../../../../shared/domain/index.ts';
import type { MutationArgs, MutationName } from '../../../../shared/mutators/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { useWorkspace } from '../../app/workspace.ts';

export type RunMutation = <N extends MutationName>(name: N, args: MutationArgs<N>) => Promise<boolean>;

export interface Feedback {
  kind: 'success' | 'info' | 'warning' | 'danger';
  /** First line is the message; further lines (one per file, say) follow as a list. */
  lines: readonly string[];
}

const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/**
 * The translated text of an error that came back as a value: a shared error code, or the data
 * layer's `offline` (no server and no local copy).
 */
export function useErrorText(): (error: { code: string }) => string {
  const { t } = useTranslation();
  return useCallback(
    (error) =>
      isErrorCode(error.code)
        ? t(`errors.${error.code}`)
        : error.code === 'offline'
          ? t('workspace.common.offline')
          : t('errors.internal'),
    [t],
  );
}

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
