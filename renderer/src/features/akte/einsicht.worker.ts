import { renderAkteneinsicht, type AkteneinsichtInput } from '../../../../shared/akte/index.ts';
import type { LetterAssets } from '../../../../shared/bescheid/letter/input.ts';

/** A request to the worker, and its answer: the bundle, or why it could not be made. */
export interface EinsichtRequest {
  input: AkteneinsichtInput;
  assets: LetterAssets;
}
export type EinsichtAnswer = { ok: true; pdf: Uint8Array<ArrayBuffer> } | { ok: false; code: string; message: string };

/**
 * Builds Akteneinsicht bundles off the UI thread: copying the pages of a few dozen documents
 * takes seconds, which would freeze the window.
 */
self.addEventListener('message', (e: MessageEvent<EinsichtRequest>) => {
  renderAkteneinsicht(e.data.input, e.data.assets).then(
    (pdf) => {
      const copy = new Uint8Array(pdf);
      const answer: EinsichtAnswer = { ok: true, pdf: copy };
      self.postMessage(answer, { transfer: [copy.buffer] });
    },
    (error: unknown) => {
      const code =
        typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
          ? error.code
          : 'internal';
      const answer: EinsichtAnswer = {
        ok: false,
        code,
        message: error instanceof Error ? error.message : String(error),
      };
      self.postMessage(answer);
    },
  );
});
