import { createHash } from 'node:crypto';
import type { Akte } from '../../../../shared/domain/akte.ts';
import { aktenplanLeaf, type Aktenplan, type AktenplanLeaf } from '../../../../shared/domain/aktenplan.ts';
import { berlinDate } from '../../../../shared/domain/clock.ts';
import { dokument as dokumentSchema, type Dokument } from '../../../../shared/domain/dokument.ts';
import { DomainError } from '../../../../shared/domain/errors.ts';
import type { VerfahrenDef } from '../../../../shared/domain/verfahren.ts';
import type { Database } from '../../db/database.ts';
import type { BlobStore } from '../blobs/store.ts';
import { getEntity } from '../sync/entity-store.ts';
import type { AkteRecord, DokumentRecord, VorgangRecord } from '../xdomea/index.ts';

/**
 * The E-Akte's rows as the xdomea builders take them (server/src/modules/xdomea): a Fallakte
 * with its Vorgang and its Dokumente in filing order, optionally with their bytes. Used by the
 * DMS filing (dms.ts) and by `npm run xdomea:sample`.
 */
export interface RecordSources {
  db: Database;
  blobs: BlobStore;
  verfahren: readonly VerfahrenDef[];
  aktenplan: Aktenplan;
}

export async function dokumenteOf(db: Database, vorgangId: string): Promise<Dokument[]> {
  const rows = await db.query<{ doc: unknown }>('SELECT doc FROM dokumente WHERE vorgang_id = $1', [vorgangId]);
  // Filing order, as the Akte lists them.
  return rows
    .map((r) => dokumentSchema.parse(r.doc))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

async function bytesOf(blobs: BlobStore, d: Dokument): Promise<Uint8Array> {
  const bytes = await blobs.readAll(d.sha256);
  if (!bytes) throw new DomainError('blob_missing', `the bytes of Dokument ${d.id} are not in the blob store`);
  return bytes;
}

function einheitOf(world: RecordSources, akte: Akte): AktenplanLeaf {
  const leaf = aktenplanLeaf(world.aktenplan, akte.kennzeichen);
  if (!leaf.ok)
    throw new DomainError('validation_failed', `Akte ${akte.id}: ${akte.kennzeichen} is no leaf of the Aktenplan`);
  return leaf.value;
}

export const aktenplanOf = (e: AktenplanLeaf) => ({ kennzeichen: e.kennzeichen, titel: e.titel.de });

/** The Vorgang with its Dokumente, and what the 0401 names of its Akte. */
export async function recordParts(
  world: RecordSources,
  vorgangId: string,
  options: { withBytes: boolean },
): Promise<{ akte: Akte; einheit: AktenplanLeaf; vorgang: VorgangRecord; titel: string }> {
  const v = await getEntity(world.db, 'vorgang', vorgangId);
  const akte = await getEntity(world.db, 'akte', vorgangId);
  if (!v || !akte) throw new DomainError('not_found', `Vorgang ${vorgangId} or its Akte is not in the database`);
  const verfahrenName = world.verfahren.find((x) => x.id === v.verfahrenId)?.name.de ?? v.verfahrenId;
  const dokumente: DokumentRecord[] = [];
  for (const d of await dokumenteOf(world.db, v.id)) {
    dokumente.push({
      id: d.id,
      titel: d.name,
      dateiname: d.name,
      mediaType: d.mediaType,
      sha256: d.sha256,
      size: d.size,
      veraktetAm: d.createdAt,
      ...(options.withBytes ? { bytes: await bytesOf(world.blobs, d) } : {}),
    });
  }
  return {
    akte,
    einheit: einheitOf(world, akte),
    // Titles name the matter, not the applicant: the Antragsdaten travel in the documents.
    titel: `${verfahrenName} ${akte.aktenzeichen}`,
    vorgang: {
      id: v.id,
      aktenzeichen: v.aktenzeichen,
      titel: verfahrenName,
      eingangAm: berlinDate(v.receivedAt),
      zdaAm: akte.abschluss?.am ?? null,
      dokumente,
    },
  };
}

/** Namespace of the name-based UUIDs below; fixed, so an Akte keeps its xdomea ID across messages. */
const XDOMEA_AKTE_NAMESPACE = '2f55f30b-77e2-4f8e-a232-4784806c902d';

/**
 * The Akte's ID in xdomea. A Fallakte carries its Vorgang's id (0011_akten.sql), but xdomea
 * refuses one UUID for two objects, and the Vorgang keeps its own ID in every message (the
 * 0401 names it alone). So the Akte gets a name-based UUID (RFC 9562 version 5) derived from
 * its id: the same in the 0605, 0501 and 0503, and mapped back from the archive's 0502.
 */
export function xdomeaAkteId(akteId: string): string {
  const namespace = Buffer.from(XDOMEA_AKTE_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(akteId.toLowerCase()).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A Fallakte as the builders take it: closed, with retention, its one Vorgang and its Dokumente. */
export async function akteRecord(
  world: RecordSources,
  akteId: string,
  options: { withBytes: boolean },
): Promise<AkteRecord> {
  const { akte, einheit, vorgang, titel } = await recordParts(world, akteId, options);
  if (akte.status !== 'zda' || akte.abschluss === null)
    throw new DomainError('invalid_transition', `Akte ${akte.id} is not closed`);
  return {
    id: xdomeaAkteId(akte.id),
    aktenzeichen: akte.aktenzeichen,
    titel,
    aktenplan: aktenplanOf(einheit),
    laufzeitBeginn: akte.eroeffnetAm,
    zdaAm: akte.abschluss.am,
    aufbewahrungsfristJahre: einheit.aufbewahrungsfristJahre,
    aussonderungsart: akte.aussonderungsart ?? einheit.aussonderungsart,
    aufbewahrungBis: akte.aufbewahrungBis,
    vorgaenge: [vorgang],
  };
}
