import type { LetterAssets, LetterInput } from '../../../../shared/bescheid/letter/input.ts';
import type { Result } from '../../../../shared/domain/index.ts';
import boldUrl from '../../../../resources/fonts/LiberationSans-Bold.ttf?url&no-inline';
import regularUrl from '../../../../resources/fonts/LiberationSans-Regular.ttf?url&no-inline';
import iccUrl from '../../../../resources/icc/sRGB.icc?url&no-inline';
import type { FromPreview, ToPreview } from './preview-protocol.ts';

/** Why a preview could not be made: the bundled fonts did not load, or the letter does not render. */
export type PreviewError = { code: 'assets'; message: string } | { code: 'render'; message: string };

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The fonts and the ICC profile ship with the renderer (resources/), so previews and exports work offline. */
export async function loadLetterAssets(): Promise<LetterAssets> {
  const [regular, bold, srgbIcc] = await Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl), fetchBytes(iccUrl)]);
  return { fonts: { regular, bold }, srgbIcc };
}

interface Client {
  worker: Worker;
  ready: Promise<void>;
  waiting: Map<number, (r: FromPreview) => void>;
}

let client: Client | null = null;
let nextId = 1;

/** One worker for every preview on screen, started on the first preview and kept for the session. */
function getClient(): Client {
  if (client) return client;
  const worker = new Worker(new URL('./preview.worker.ts', import.meta.url), {
    type: 'module',
    name: 'amtsplatz-preview',
  });
  const waiting = new Map<number, (r: FromPreview) => void>();
  worker.addEventListener('message', (e: MessageEvent<FromPreview>) => {
    waiting.get(e.data.id)?.(e.data);
    waiting.delete(e.data.id);
  });
  worker.addEventListener('error', (e) => {
    for (const [id, resolve] of waiting) resolve({ id, ok: false, message: e.message || 'the preview worker failed' });
    waiting.clear();
    if (client?.worker === worker) client = null;
    worker.terminate();
  });
  const ready = loadLetterAssets().then((assets) => {
    const m: ToPreview = { type: 'assets', assets };
    worker.postMessage(m);
  });
  // A failed asset load is retried by the next preview rather than remembered for the session.
  ready.catch(() => {
    if (client?.worker === worker) client = null;
    worker.terminate();
  });
  client = { worker, ready, waiting };
  return client;
}

/** Renders a letter as PDF in the preview worker. */
export async function renderPreview(letter: LetterInput): Promise<Result<Uint8Array<ArrayBuffer>, PreviewError>> {
  const c = getClient();
  try {
    await c.ready;
  } catch (e) {
    return { ok: false, error: { code: 'assets', message: e instanceof Error ? e.message : String(e) } };
  }
  const id = nextId++;
  const answer = await new Promise<FromPreview>((resolve) => {
    c.waiting.set(id, resolve);
    const m: ToPreview = { type: 'render', id, letter };
    c.worker.postMessage(m);
  });
  return answer.ok
    ? { ok: true, value: answer.pdf }
    : { ok: false, error: { code: 'render', message: answer.message } };
}
