import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import forge from 'node-forge';
import type { LetterAssets, Seal } from '../../../../shared/bescheid/letter/index.ts';
import { letterOf } from '../../../../shared/bescheid/letter/letter-of.ts';
import {
  TimestampError,
  createForgeSigner,
  type Signer,
  type TimeStamper,
} from '../../../../shared/bescheid/pades/index.ts';
import { sealBescheid } from '../../../../shared/bescheid/seal/index.ts';
import { canBescheidTransition } from '../../../../shared/domain/bescheid-state.ts';
import { bescheidContentHash, type Bescheid } from '../../../../shared/domain/bescheid.ts';
import { berlinDate } from '../../../../shared/domain/clock.ts';
import { MAX_DOKUMENT_BYTES, type Dokument } from '../../../../shared/domain/dokument.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import { sanitizeFileName } from '../../../../shared/domain/file-names.ts';
import { assertTransition } from '../../../../shared/domain/status.ts';
import { vorgang as vorgangSchema, type Vorgang } from '../../../../shared/domain/vorgang.ts';
import { recordSeal } from '../../../../shared/mutators/server-commands.ts';
import type { AppContext } from '../../context.ts';
import type { Queryable } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import { getUserById } from '../auth/users.ts';
import { saveBlob } from '../blobs/blobs.ts';
import { getDokument } from '../dokumente/store.ts';
import { appendJournalEvent } from '../journal/store.ts';
import { applyCommand } from '../sync/commands.ts';
import type { Authority } from './authority.ts';
import { resolveSealKeys, type ResolveSealKeysOptions, type SealKeyMaterial } from './keys.ts';
import { getBescheid } from './store.ts';
import { createHttpTimeStamper } from './tsa-client.ts';

/** Journal actor of the seal service: the seal is the authority's, not a person's. */
export const SEAL_ACTOR = 'system:siegel';

/** What sealing needs of the application context. */
export type SealDeps = Pick<AppContext, 'db' | 'blobs' | 'clock' | 'changes'>;

export interface SealOutcome {
  /** false: the Bescheid was sealed already and nothing was done. */
  sealed: boolean;
  /** The sealed PDF's Dokument. */
  dokument: Dokument;
}

export interface SealService {
  /** Signs with the authority's seal key; only its `sign` touches the key. */
  readonly signer: Signer;
  /** PEM trust anchors for verifying sealed Bescheide (GET /api/bescheid/trust). */
  readonly trustAnchorsPem: string;
  readonly authority: Authority;
  /** B-T: seals carry an RFC 3161 time-stamp (--tsa-url); B-B: the signing time is only claimed. */
  readonly level: 'B-B' | 'B-T';
  /**
   * Seals an approved Bescheid: renders exactly the approved content, signs it, stores the PDF
   * and, in one transaction, adds the Dokument, marks the Bescheid `gesiegelt`, moves the
   * Vorgang to `bescheid_erstellt` and journals it. Idempotent. Throws DomainError: not_found,
   * invalid_transition (not approved), stale_content (content differs from the approved hash;
   * the refusal is journaled), conflict (the Bescheid changed while it was being sealed),
   * internal (B-T: the time-stamp authority failed; nothing was stored, a retry may succeed).
   */
  sealApproved(deps: SealDeps, bescheidId: string): Promise<SealOutcome>;
}

/** resources/ of this checkout: fonts and the ICC profile of the letter. */
export const DEFAULT_RESOURCES_DIR = resolve(import.meta.dirname, '../../../../resources');

export async function loadLetterAssets(resourcesDir: string = DEFAULT_RESOURCES_DIR): Promise<LetterAssets> {
  const read = async (path: string) => new Uint8Array(await readFile(join(resourcesDir, path)));
  return {
    fonts: {
      regular: await read('fonts/LiberationSans-Regular.ttf'),
      bold: await read('fonts/LiberationSans-Bold.ttf'),
    },
    srgbIcc: await read('icc/sRGB.icc'),
  };
}

/** The seal certificate's common name, shown by PDF viewers as the signer; the certificate stays authoritative. */
function signerNameOf(certChainPem: string, fallback: string): string {
  try {
    const [first] = forge.pem.decode(certChainPem).filter((b) => b.type === 'CERTIFICATE');
    if (!first) return fallback;
    const { subject } = forge.pki.certificateFromAsn1(forge.asn1.fromDer(first.body));
    // forge types getField as any: it returns the attribute, or null when there is none.
    const cn = (subject.getField('CN') as { value?: unknown } | null)?.value;
    return typeof cn === 'string' && cn.trim() !== '' ? cn : fallback;
  } catch {
    return fallback;
  }
}

async function loadVorgang(q: Queryable, id: string): Promise<Vorgang> {
  const [row] = await q.query<{ doc: unknown }>('SELECT doc FROM vorgaenge WHERE id = $1', [id]);
  if (!row) throw new DomainError('not_found', `Vorgang ${id} not found`);
  return vorgangSchema.parse(row.doc);
}

async function displayName(q: Queryable, userId: string, role: string): Promise<string> {
  const user = await getUserById(q, userId);
  if (!user) throw new Error(`sealing: the ${role} of the Bescheid is not a known user`);
  return user.displayName;
}

/** Approved and exactly as approved: the only Bescheid the service seals. */
async function assertSealable(b: Bescheid): Promise<NonNullable<Bescheid['approval']>> {
  if (!canBescheidTransition(b.state, 'gesiegelt', 'sealBescheid') || b.approval === null) {
    throw new DomainError('invalid_transition', `A Bescheid in state ${b.state} cannot be sealed (not approved)`);
  }
  const hash = await bescheidContentHash(b.content);
  if (hash !== b.approval.hash || b.submittedHash !== b.approval.hash) {
    throw new DomainError('stale_content', 'The Bescheid content differs from the approved version');
  }
  return b.approval;
}

/** The sealed letter's Dokument name; the Aktenzeichen's slashes and the like become "_". */
export function sealedFileName(aktenzeichen: string): string {
  return sanitizeFileName(`Bescheid-${aktenzeichen}.pdf`, 'application/pdf');
}

export interface SealServiceInit {
  keys: SealKeyMaterial;
  authority: Authority;
  assets: LetterAssets;
  /** Makes every seal PAdES B-T; sealing then fails when the time-stamp authority does. */
  timeStamper?: TimeStamper | undefined;
}

/** Rendering and signing; a TSA failure becomes a DomainError whose message says what failed. */
async function sealPdf(request: Parameters<typeof sealBescheid>[0], assets: LetterAssets): Promise<Uint8Array> {
  try {
    return (await sealBescheid(request, assets)).pdf;
  } catch (error) {
    if (!(error instanceof TimestampError)) throw error;
    throw new DomainError('internal', `Sealing needs a time-stamp, which failed (${error.code}): ${error.message}`);
  }
}

/** A seal service over key material given as PEM text (from files, the demo PKI, or a test). */
export function createSealService({ keys, authority, assets, timeStamper }: SealServiceInit): SealService {
  const signer = createForgeSigner(keys.privateKeyPem, keys.certChainPem);
  const signerName = signerNameOf(keys.certChainPem, authority.behoerde.name);
  // Concurrent calls for one Bescheid (the push hook and a retry) share one rendering.
  const inFlight = new Map<string, Promise<SealOutcome>>();

  async function journalRefusal(deps: SealDeps, b: Bescheid, error: DomainError): Promise<void> {
    await writeTransaction(deps.db, (tx) =>
      appendJournalEvent(tx, {
        vorgangId: b.vorgangId,
        actorId: SEAL_ACTOR,
        action: 'rejected',
        deviceTime: null,
        serverTime: deps.clock.now().toISOString(),
        summary: { mutation: 'sealBescheid', code: error.code, bescheidId: b.id },
      }),
    );
  }

  async function alreadySealed(q: Queryable, b: Bescheid): Promise<SealOutcome> {
    const dokument = b.dokumentId === null ? undefined : await getDokument(q, b.dokumentId);
    if (!dokument) throw new Error(`sealed Bescheid ${b.id} has no Dokument`);
    return { sealed: false, dokument };
  }

  async function seal(deps: SealDeps, bescheidId: string): Promise<SealOutcome> {
    const b = await getBescheid(deps.db, bescheidId);
    if (!b) throw new DomainError('not_found', `Bescheid ${bescheidId} not found`);
    if (b.state === 'gesiegelt') return alreadySealed(deps.db, b);
    let approval: NonNullable<Bescheid['approval']>;
    try {
      approval = await assertSealable(b);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'stale_content') await journalRefusal(deps, b, error);
      throw error;
    }
    const v = await loadVorgang(deps.db, b.vorgangId);
    assertTransition(v.status, 'bescheid_erstellt', 'sealBescheid');
    const now = deps.clock.now();
    const sealBox: Seal = {
      authority: authority.behoerde.name,
      approvedBy: await displayName(deps.db, approval.by, 'approver'),
      approvedAt: approval.at,
      aktenzeichen: v.aktenzeichen,
      contentHash: approval.hash,
    };
    const authorName = await displayName(deps.db, b.authorId, 'author');
    const pdf = await sealPdf(
      {
        letter: letterOf({
          authority,
          content: b.content,
          aktenzeichen: v.aktenzeichen,
          sachbearbeitung: authorName,
          datum: berlinDate(now),
          createdAt: now.toISOString(),
        }),
        seal: sealBox,
        signer,
        timeStamper,
        signingTime: now,
        signerName,
        location: authority.behoerde.ort,
      },
      assets,
    );
    // Stored before the transaction: a Dokument row never names bytes the store lacks. If the
    // transaction then finds the Bescheid changed, the blob stays unreferenced (docs/documents.md).
    const blob = await saveBlob(deps.db, deps.blobs, pdf, { maxBytes: MAX_DOKUMENT_BYTES }, now);

    const result = await writeTransaction(deps.db, async (tx) => {
      const current = await getBescheid(tx, bescheidId);
      if (!current) throw new DomainError('not_found', `Bescheid ${bescheidId} not found`);
      if (current.state === 'gesiegelt') return { outcome: await alreadySealed(tx, current), event: undefined };
      const iso = now.toISOString();
      const dokument: Dokument = {
        id: randomUUID(),
        vorgangId: b.vorgangId,
        name: sealedFileName(v.aktenzeichen),
        mediaType: 'application/pdf',
        size: blob.size,
        sha256: blob.sha256,
        source: 'bescheid',
        uploadedBy: null,
        createdAt: iso,
      };
      const event = await applyCommand(
        tx,
        // Recording the seal reads no Verfahren.
        { changes: deps.changes, verfahren: [] },
        recordSeal,
        { bescheidId, version: b.version, dokument },
        { actorId: SEAL_ACTOR, now: iso },
        { actorId: SEAL_ACTOR, deviceTime: null, serverTime: iso },
      );
      return { outcome: { sealed: true, dokument }, event };
    });
    if (result.event) deps.changes.committed(result.event);
    return result.outcome;
  }

  return {
    signer,
    trustAnchorsPem: keys.trustAnchorsPem,
    authority,
    level: timeStamper ? 'B-T' : 'B-B',
    sealApproved(deps, bescheidId) {
      const running = inFlight.get(bescheidId);
      if (running) return running;
      const attempt = seal(deps, bescheidId).finally(() => inFlight.delete(bescheidId));
      inFlight.set(bescheidId, attempt);
      return attempt;
    },
  };
}

export interface OpenSealServiceOptions extends ResolveSealKeysOptions {
  /** The server's authority (resolveAuthority: `--behoerde FILE`, or the demo authority). */
  authority: Authority | undefined;
  /** `--behoerde FILE` as given: own seal keys need it, the demo authority would not do. */
  behoerde?: string;
  resourcesDir?: string;
  /** `--tsa-url`: seal as PAdES B-T with time-stamps from this RFC 3161 TSA. */
  tsaUrl?: string;
}

/**
 * Enough for a TSA across the internet. Sealing runs in a job (seal-job.ts), never in a
 * request; a stalled TSA holds that job this long, and the job retries later.
 */
export const TSA_TIMEOUT_MS = 10_000;
/** A token with the TSA's chain is a few KB; anything near this is not an RFC 3161 reply. */
export const TSA_MAX_BYTES = 65_536;

/**
 * The seal service from the server configuration, or undefined when neither seal keys nor demo
 * mode are configured (the server then seals nothing). Throws an Error naming the flag for an
 * incomplete or invalid configuration, so the server refuses to start rather than fail later.
 */
export async function openSealService(options: OpenSealServiceOptions): Promise<SealService | undefined> {
  const keys = await resolveSealKeys(options);
  if (!keys) {
    if (options.tsaUrl !== undefined) throw new Error('--tsa-url needs --seal-key and --seal-cert (or --demo)');
    return undefined;
  }
  // Demo keys go with the demo authority; keys of its own need the authority they speak for.
  if (options.sealKey !== undefined && options.behoerde === undefined) {
    throw new Error('--seal-key needs --behoerde (the authority the seal speaks for)');
  }
  const { authority } = options;
  if (authority === undefined) throw new Error('sealing needs the authority (--behoerde FILE, or --demo)');
  const timeStamper =
    options.tsaUrl === undefined
      ? undefined
      : createHttpTimeStamper(options.tsaUrl, { timeoutMs: TSA_TIMEOUT_MS, maxBytes: TSA_MAX_BYTES });
  return createSealService({ keys, authority, assets: await loadLetterAssets(options.resourcesDir), timeStamper });
}
