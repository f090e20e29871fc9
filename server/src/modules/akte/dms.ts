import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Authority } from '../../../../shared/bescheid/authority.ts';
import type { DmsAblage } from '../../../../shared/domain/akte.ts';
import type { Aktenplan } from '../../../../shared/domain/aktenplan.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import type { VerfahrenDef } from '../../../../shared/domain/verfahren.ts';
import { recordDmsAblage } from '../../../../shared/mutators/server-commands.ts';
import type { Clock } from '../../context.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { writeTransaction } from '../../db/write.ts';
import type { BlobStore } from '../blobs/store.ts';
import { defineJobHandler, type JobHandler } from '../jobs/registry.ts';
import { enqueueJob } from '../jobs/store.ts';
import { applyCommand } from '../sync/commands.ts';
import { getEntity } from '../sync/entity-store.ts';
import type { ChangeFeed } from '../sync/events.ts';
import {
  buildSgoAblegen,
  parseEmpfangBestaetigen,
  parseFvImportBestaetigen,
  sentXdomeaMessageSchema,
  XdomeaError,
  type SentXdomeaMessage,
  type XdomeaParty,
} from '../xdomea/index.ts';
import { E_AKTE_ACTOR } from './antrag-job.ts';
import { derivedUuid } from './derived-id.ts';
import { akteRecord } from './xdomea-records.ts';

/**
 * Filing closed Akten into the authority's DMS (docs/e-akte.md, "DMS"): at z.d.A. a durable
 * job builds the FVDaten.SGOAblegen.0605 message and hands it to a connector; the DMS's
 * answers (0629 received, 0630 imported with its ID) come back through the connector's inbox.
 */

/**
 * How messages reach the DMS and its answers come back. `deliver` must be idempotent for one
 * file name (a retried job delivers the same ProzessID again); `answers` lists what waits in the
 * inbox, `settle` takes an answer out of it.
 */
export interface DmsConnector {
  readonly describe: string;
  deliver(fileName: string, bytes: Uint8Array): Promise<void>;
  answers(): Promise<string[]>;
  read(name: string): Promise<Uint8Array>;
  settle(name: string, outcome: { ok: true } | { ok: false; reason: string }): Promise<void>;
}

/** An answer larger than this is no receipt. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const ANSWER_NAME =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}_[A-Za-z]+\.[A-Za-z]+\.\d{4}\.(zip|xml)$/i;

/** The ProzessID and kind of file an answer's name gives, or undefined for a name that is none. */
export function answerName(name: string): { prozessId: string; ext: 'zip' | 'xml' } | undefined {
  const m = ANSWER_NAME.exec(name);
  if (!m) return undefined;
  return { prozessId: name.slice(0, 36).toLowerCase(), ext: m[1]?.toLowerCase() === 'xml' ? 'xml' : 'zip' };
}

/**
 * The drop directory most DMS imports are fed by (VIS, enaio, Fabasoft): messages go to
 * `ausgang/`, written under a temporary name and renamed when complete (an importer never sees
 * half a file); answers are read from `eingang/` and moved to `eingang/verarbeitet/` or, with a
 * `.grund.txt` beside them, to `eingang/fehler/`.
 */
export function dropDirConnector(dir: string): DmsConnector {
  const ausgang = join(dir, 'ausgang');
  const eingang = join(dir, 'eingang');
  const ready = (async () => {
    for (const d of [ausgang, eingang, join(eingang, 'verarbeitet'), join(eingang, 'fehler')]) {
      await mkdir(d, { recursive: true, mode: 0o700 });
    }
  })();
  return {
    describe: `drop directory ${dir}`,
    async deliver(fileName, bytes) {
      await ready;
      const part = join(ausgang, `.${fileName}.${randomUUID()}.part`);
      const handle = await open(part, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      // Same name, same ProzessID: a repeated delivery replaces the first one whole.
      await rename(part, join(ausgang, fileName));
    },
    async answers() {
      await ready;
      const entries = await readdir(eingang, { withFileTypes: true });
      return entries
        .filter((e) => e.isFile() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort();
    },
    async read(name) {
      const path = join(eingang, name);
      const s = await stat(path);
      if (!s.isFile()) throw new DomainError('validation_failed', `${name} is not a file`);
      if (s.size > MAX_ANSWER_BYTES) throw new DomainError('payload_too_large', `${name} is ${s.size} bytes`);
      return new Uint8Array(await readFile(path));
    },
    async settle(name, outcome) {
      const target = join(eingang, outcome.ok ? 'verarbeitet' : 'fehler');
      await rename(join(eingang, name), join(target, name));
      if (!outcome.ok) await writeFile(join(target, `${name}.grund.txt`), `${outcome.reason}\n`, { mode: 0o600 });
    },
  };
}

/** Everything the DMS filing needs; present only where a DMS is configured. */
export interface DmsDeps {
  db: Database;
  blobs: BlobStore;
  clock: Clock;
  changes: ChangeFeed;
  verfahren: readonly VerfahrenDef[];
  aktenplan: Aktenplan;
  authority: Authority;
  connector: DmsConnector;
}

export const DMS_ABLAGE_JOB_KIND = 'dms-ablage';
const payload = z.object({ akteId: z.uuid(), version: z.number().int().nonnegative() }).strict();

/** The ProzessID of the delivery of this Akte as it was closed (its version at z.d.A.). */
export function dmsProzessId(akteId: string, version: number): string {
  return derivedUuid(`dms-ablage:${akteId}:${version}`);
}

/** The z.d.A.'s effect where a DMS is connected: the delivery job, in the same transaction. */
export async function enqueueDmsAblage(tx: Queryable, vorgangId: string): Promise<void> {
  const [row] = await tx.query<{ id: string; version: number }>(
    `SELECT id, (doc->>'version')::int AS version FROM akten WHERE vorgang_id = $1 AND status = 'zda'`,
    [vorgangId],
  );
  if (!row) return;
  await enqueueJob(tx, {
    kind: DMS_ABLAGE_JOB_KIND,
    idempotencyKey: `${row.id}:${row.version}`,
    payload: { akteId: row.id, version: row.version },
  });
}

/** The parties of the message: the DMS belongs to the authority, so both carry its Behördenkennung. */
export function dmsParties(authority: Authority): { absender: XdomeaParty; empfaenger: XdomeaParty } {
  const own = authority.behoerdenkennung;
  if (!own) throw new DomainError('validation_failed', 'The authority has no Behördenkennung for xdomea messages');
  const kennung = { praefix: own.praefix, behoerdenschluessel: own.kennung, name: authority.behoerde.name };
  return {
    absender: { kennung, organisationseinheit: 'Amtsplatz' },
    empfaenger: { kennung, organisationseinheit: 'DMS' },
  };
}

async function record(deps: DmsDeps, akteId: string, dms: DmsAblage): Promise<void> {
  const iso = deps.clock.now().toISOString();
  const event = await writeTransaction(deps.db, async (tx) => {
    await tx.query(`UPDATE dms_ablagen SET state = $2, updated_at = $3 WHERE prozess_id = $1`, [
      dms.prozessId,
      dms.state,
      iso,
    ]);
    return applyCommand(
      tx,
      { changes: deps.changes, verfahren: deps.verfahren },
      recordDmsAblage,
      { akteId, dms },
      { actorId: E_AKTE_ACTOR, now: iso },
      { actorId: E_AKTE_ACTOR, deviceTime: null, serverTime: iso },
    );
  });
  if (event) deps.changes.committed(event);
}

/**
 * Delivers a closed Akte. Exactly once as far as the DMS can tell: the ProzessID derives from
 * the Akte and its version at z.d.A., so a run repeated after a crash (between delivery and
 * record) delivers the same file under the same name, which the DMS takes as the same Prozess.
 * An Akte reopened meanwhile is not delivered (its next z.d.A. asks again).
 */
export function dmsAblageJobHandler(deps: DmsDeps): JobHandler {
  return defineJobHandler({
    kind: DMS_ABLAGE_JOB_KIND,
    payload,
    maxAttempts: 12,
    backoff: { baseMs: 10_000, maxMs: 30 * 60_000 },
    permanent: ['not_found', 'validation_failed', 'blob_missing'],
    async run(_ctx, { akteId, version }) {
      const akte = await getEntity(deps.db, 'akte', akteId);
      if (!akte) throw new DomainError('not_found', `Akte ${akteId} not found`);
      if (akte.status !== 'zda') return;
      const prozessId = dmsProzessId(akteId, version);
      if (akte.dms?.prozessId === prozessId) return;
      const message = buildSgoAblegen({
        akte: await akteRecord(deps, akte.id, { withBytes: true }),
        ...dmsParties(deps.authority),
        erstellerkennung: akte.abschluss?.verfuegtVon ?? E_AKTE_ACTOR,
        erstellungszeitpunkt: deps.clock.now(),
        prozessId,
      });
      const now = deps.clock.now().toISOString();
      await deps.db.query(
        `INSERT INTO dms_ablagen (prozess_id, akte_id, sent, state, created_at, updated_at)
         VALUES ($1, $2, $3::jsonb, 'ausstehend', $4, $4) ON CONFLICT (prozess_id) DO NOTHING`,
        [prozessId, akteId, JSON.stringify(message.sent), now],
      );
      await deps.connector.deliver(message.fileName, message.zip);
      await record(deps, akteId, { state: 'ausstehend', prozessId, dmsId: null, grund: null, at: now });
    },
  });
}

/**
 * Reads the DMS's answers waiting in the connector's inbox. Each is checked against the
 * message it answers (schema, type, ProzessID, parties) before anything changes; an answer
 * that fails, or names no delivery of ours, is set aside with its reason and changes nothing.
 * Resolves to how many answers changed a delivery's state.
 */
export async function readDmsAnswers(deps: DmsDeps): Promise<number> {
  return settleAnswers(deps.connector, (name) => readAnswer(deps, name));
}

/** What reading one answer came to: it changed something or not, or it was set aside with a reason. */
export type AnswerOutcome = { ok: true; changed: boolean } | { ok: false; reason: string };

/**
 * The one loop over a connector's inbox (DMS, Abgabe, archive): each answer is read; one the
 * reader refuses (an xdomea or domain error) is set aside with its reason, any other error
 * stops the round; every answer read is settled. Resolves to how many answers changed something.
 */
export async function settleAnswers(
  connector: DmsConnector,
  read: (name: string) => Promise<AnswerOutcome>,
): Promise<number> {
  let changed = 0;
  for (const name of await connector.answers()) {
    const outcome = await read(name).catch((error: unknown): AnswerOutcome => {
      if (error instanceof XdomeaError || error instanceof DomainError) return { ok: false, reason: error.message };
      throw error;
    });
    if (outcome.ok && outcome.changed) changed += 1;
    await connector.settle(name, outcome.ok ? { ok: true } : outcome);
  }
  return changed;
}

async function readAnswer(deps: DmsDeps, name: string): Promise<AnswerOutcome> {
  const parsed = answerName(name);
  if (!parsed) return { ok: false, reason: `${name}: not named {ProzessID}_{Nachrichtentyp}.zip or .xml` };
  const { prozessId } = parsed;
  const [row] = await deps.db.query<{ akte_id: string; sent: unknown; state: string }>(
    'SELECT akte_id, sent, state FROM dms_ablagen WHERE prozess_id = $1',
    [prozessId],
  );
  if (!row) return { ok: false, reason: `${name}: no delivery of ours has ProzessID ${prozessId}` };
  const sent: SentXdomeaMessage = sentXdomeaMessageSchema.parse(row.sent);
  const bytes = await deps.connector.read(name);
  const input = parsed.ext === 'xml' ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : bytes;
  const at = deps.clock.now().toISOString();
  let next: DmsAblage;
  if (name.includes('ImportBestaetigen.0630')) {
    const answer = await parseFvImportBestaetigen(input, sent);
    const dmsId = answer.objekte.find((o) => o.dmsId !== null)?.dmsId ?? null;
    const grund = answer.erfolgreich
      ? null
      : answer.rueckmeldungen
          .map((r) => [r.code, 'text' in r ? r.text : undefined].filter(Boolean).join(' '))
          .join('; ') || 'the DMS reported a failed import';
    next = { state: answer.erfolgreich ? 'abgelegt' : 'fehler', prozessId, dmsId, grund, at };
  } else if (name.includes('EmpfangBestaetigen.0629')) {
    await parseEmpfangBestaetigen(input, sent);
    // A receipt after the import confirmation says nothing new.
    if (row.state !== 'ausstehend') return { ok: true, changed: false };
    next = { state: 'empfangen', prozessId, dmsId: null, grund: null, at };
  } else {
    return { ok: false, reason: `${name}: not an answer to FVDaten.SGOAblegen.0605` };
  }
  const akte = await getEntity(deps.db, 'akte', row.akte_id);
  const same =
    akte?.dms && akte.dms.state === next.state && akte.dms.dmsId === next.dmsId && akte.dms.prozessId === prozessId;
  if (same) return { ok: true, changed: false };
  await record(deps, row.akte_id, next);
  return { ok: true, changed: true };
}

/** How often the server looks into the connector's inbox for the DMS's answers. */
export const DMS_ANSWER_POLL_MS = 30_000;

/**
 * Reads a connector's answers while the app runs: at start and every `pollMs`. A failure (an
 * unreadable inbox) is logged with its system message and retried at the next round.
 */
export function startAnswerPolling(
  read: () => Promise<number>,
  log: { warn(obj: object, msg: string): void },
  what: string,
  pollMs = DMS_ANSWER_POLL_MS,
): () => void {
  let running = false;
  const round = () => {
    if (running) return;
    running = true;
    read()
      .catch((error: unknown) => {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, `reading the ${what} failed`);
      })
      .finally(() => {
        running = false;
      });
  };
  round();
  const timer = setInterval(round, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Reads the DMS's answers while the app runs (startAnswerPolling). */
export function startDmsAnswers(
  deps: DmsDeps,
  log: { warn(obj: object, msg: string): void },
  pollMs = DMS_ANSWER_POLL_MS,
): () => void {
  return startAnswerPolling(() => readDmsAnswers(deps), log, 'DMS answers', pollMs);
}
