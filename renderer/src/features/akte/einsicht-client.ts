import type { AkteneinsichtInput } from '../../../../shared/akte/index.ts';
import { loadLetterAssets } from '../bescheid/index.ts';
import type { EinsichtAnswer, EinsichtRequest } from './einsicht.worker.ts';

/** Renders one Akteneinsicht bundle in a worker of its own, ended when the bundle is there. */
export async function renderEinsicht(input: AkteneinsichtInput): Promise<EinsichtAnswer> {
  const assets = await loadLetterAssets();
  const worker = new Worker(new URL('./einsicht.worker.ts', import.meta.url), {
    type: 'module',
    name: 'amtsplatz-einsicht',
  });
  try {
    return await new Promise<EinsichtAnswer>((resolve) => {
      worker.addEventListener('message', (e: MessageEvent<EinsichtAnswer>) => resolve(e.data));
      worker.addEventListener('error', (e) => resolve({ ok: false, code: 'internal', message: e.message }));
      const request: EinsichtRequest = { input, assets };
      worker.postMessage(request);
    });
  } finally {
    worker.terminate();
  }
}
