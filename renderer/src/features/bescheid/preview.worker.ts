import { renderLetter } from '../../../../shared/bescheid/letter/index.ts';
import type { LetterAssets } from '../../../../shared/bescheid/letter/input.ts';
import type { FromPreview, ToPreview } from './preview-protocol.ts';

/**
 * Renders preview PDFs off the UI thread: a two-page letter takes 100–200 ms, which would make
 * typing stutter each time the preview catches up.
 */
let assets: LetterAssets | null = null;

function post(m: FromPreview): void {
  if (m.ok) self.postMessage(m, { transfer: [m.pdf.buffer] });
  else self.postMessage(m);
}

self.addEventListener('message', (e: MessageEvent<ToPreview>) => {
  const m = e.data;
  if (m.type === 'assets') {
    assets = m.assets;
    return;
  }
  if (assets === null) {
    post({ id: m.id, ok: false, message: 'fonts not loaded' });
    return;
  }
  renderLetter(m.letter, assets).then(
    // A copy in a buffer of its own, which the transfer hands over without another copy.
    (pdf) => post({ id: m.id, ok: true, pdf: new Uint8Array(pdf) }),
    (error: unknown) => post({ id: m.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
