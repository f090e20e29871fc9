import { useEffect, useRef, useState } from 'react';
import type { LetterInput } from '../../../../shared/bescheid/letter/input.ts';
import { renderPreview, type PreviewError } from './preview-client.ts';

export type PreviewState =
  /** Nothing to show: the text is not yet a letter. */
  | { state: 'idle' }
  /** A newer text is being rendered; the previous PDF (if any) stays on screen meanwhile. */
  | { state: 'rendering'; url: string | null }
  | { state: 'ready'; url: string }
  | { state: 'failed'; error: PreviewError; url: string | null };

/**
 * A live PDF preview of a letter: rendered `delayMs` after the last change (so typing does not
 * queue renders), as a blob: URL that lives as long as it is shown.
 */
export function usePreview(letter: LetterInput | null, delayMs = 500): PreviewState {
  const key = letter === null ? null : JSON.stringify(letter);
  const [state, setState] = useState<PreviewState>({ state: 'idle' });
  const urlRef = useRef<string | null>(null);

  useEffect(() => {
    if (key === null) {
      setState({ state: 'idle' });
      return;
    }
    let cancelled = false;
    setState({ state: 'rendering', url: urlRef.current });
    const timer = setTimeout(() => {
      void renderPreview(JSON.parse(key) as LetterInput).then((r) => {
        if (cancelled) return;
        if (!r.ok) {
          setState({ state: 'failed', error: r.error, url: urlRef.current });
          return;
        }
        const previous = urlRef.current;
        const url = URL.createObjectURL(new Blob([r.value], { type: 'application/pdf' }));
        urlRef.current = url;
        setState({ state: 'ready', url });
        if (previous !== null) URL.revokeObjectURL(previous);
      });
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, delayMs]);

  useEffect(
    () => () => {
      if (urlRef.current !== null) URL.revokeObjectURL(urlRef.current);
      urlRef.current = null;
    },
    [],
  );

  return state;
}
