import { renderLetter, type LetterAssets, type LetterInput, type Seal } from '../letter/index.ts';
import { signPdf, type Signer, type TimeStamper } from '../pades/index.ts';

export interface SealRequest {
  /** The letter exactly as approved, without a seal (the seal box is added here). */
  letter: LetterInput;
  seal: Seal;
  signer: Signer;
  /** Makes the seal PAdES B-T: an RFC 3161 time-stamp over the signature value. */
  timeStamper?: TimeStamper | undefined;
  /** Written to the signature's /M; also the letter's createdAt, so the file is reproducible. */
  signingTime: Date;
  /** Shown by PDF viewers; the certificate stays authoritative. */
  signerName: string;
  location: string;
}

export interface SealedBescheid {
  pdf: Uint8Array;
  /** Milliseconds spent rendering and signing (including any time-stamp), for the benchmark. */
  timings: { renderMs: number; signMs: number };
}

/**
 * Renders the final Bescheid with its visible seal box and adds the PAdES signature (B-B, or
 * B-T with a timeStamper).
 * The caller has checked that `letter` is the approved content (its hash) before calling.
 */
export async function sealBescheid(req: SealRequest, assets: LetterAssets): Promise<SealedBescheid> {
  const t0 = performance.now();
  const rendered = await renderLetter(
    { ...req.letter, createdAt: req.signingTime.toISOString(), seal: req.seal },
    assets,
  );
  const t1 = performance.now();
  const pdf = await signPdf(rendered, req.signer, {
    reason: `Bescheid ${req.seal.aktenzeichen}, freigegeben von ${req.seal.approvedBy}`,
    location: req.location,
    name: req.signerName,
    signingTime: req.signingTime,
    timeStamper: req.timeStamper,
  });
  const t2 = performance.now();
  return { pdf, timings: { renderMs: t1 - t0, signMs: t2 - t1 } };
}
