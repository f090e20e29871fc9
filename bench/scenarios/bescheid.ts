// Bescheid: render the 2-page sample letter with its seal box and sign it (PAdES B-B, RSA 3072
// seal key from a test PKI), in Node as the server's seal service does. Key generation is not
// timed; the first run warms up font subsetting and the JIT and is discarded.
import { readFile } from 'node:fs/promises';
import { SAMPLE_LETTER } from '../../shared/bescheid/letter/sample.ts';
import type { LetterAssets } from '../../shared/bescheid/letter/index.ts';
import { createForgeSigner } from '../../shared/bescheid/pades/index.ts';
import { sealBescheid } from '../../shared/bescheid/seal/index.ts';
import { generateTestPki } from '../../server/src/modules/bescheid/demo-pki.ts';
import { summarize } from '../lib/stats.ts';

export interface BescheidBench {
  renderMedianMs: number;
  signMedianMs: number;
  totalMedianMs: number;
  pages: number;
  runs: number;
}

export async function benchBescheid(runs = 15): Promise<BescheidBench> {
  const resource = async (p: string) =>
    new Uint8Array(await readFile(new URL(`../../resources/${p}`, import.meta.url)));
  const assets: LetterAssets = {
    fonts: {
      regular: await resource('fonts/LiberationSans-Regular.ttf'),
      bold: await resource('fonts/LiberationSans-Bold.ttf'),
    },
    srgbIcc: await resource('icc/sRGB.icc'),
  };
  const pki = generateTestPki({ keyBits: 3072 });
  const signer = createForgeSigner(pki.seal.privateKeyPem, `${pki.seal.certificatePem}${pki.root.certificatePem}`);
  const render: number[] = [];
  const sign: number[] = [];
  const total: number[] = [];
  let pages = 0;
  for (let i = 0; i <= runs; i++) {
    const signingTime = new Date(Date.UTC(2026, 10, 23, 12, 0, i));
    const { pdf, timings } = await sealBescheid(
      {
        letter: SAMPLE_LETTER,
        seal: {
          authority: SAMPLE_LETTER.letterhead.authorityName,
          approvedBy: 'Dr. Sabine Köhler',
          approvedAt: signingTime.toISOString(),
          aktenzeichen: SAMPLE_LETTER.info.aktenzeichen,
          contentHash: 'ab'.repeat(32),
        },
        signer,
        signingTime,
        signerName: 'Siegel',
        location: 'Musterstadt',
      },
      assets,
    );
    pages = new TextDecoder('latin1').decode(pdf).match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    if (i === 0) continue;
    render.push(timings.renderMs);
    sign.push(timings.signMs);
    total.push(timings.renderMs + timings.signMs);
  }
  if (pages !== 2) throw new Error(`the sample Bescheid should have 2 pages, got ${pages}`);
  return {
    renderMedianMs: summarize(render).median,
    signMedianMs: summarize(sign).median,
    totalMedianMs: summarize(total).median,
    pages,
    runs,
  };
}
