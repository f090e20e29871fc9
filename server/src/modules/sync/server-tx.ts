import { absence as absenceSchema } from '../../../../shared/domain/absence.ts';
import { dokument as dokumentSchema } from '../../../../shared/domain/dokument.ts';
import type { User } from '../../../../shared/domain/user.ts';
import type { VerfahrenDef } from '../../../../shared/domain/verfahren.ts';
import { note as noteSchema, vorgang as vorgangSchema, type Note } from '../../../../shared/domain/vorgang.ts';
import type { MutatorTx } from '../../../../shared/mutators/types.ts';
import type { Queryable } from '../../db/database.ts';
import { nextChangeSeq } from '../../db/write.ts';
import { absencesOf, getAbsence, writeAbsence } from '../absences/store.ts';
import { getUserById } from '../auth/users.ts';
import { getBescheid, writeBescheid } from '../bescheid/store.ts';
import { isBlobStored } from '../blobs/blobs.ts';
import { getDokument, insertDokument } from '../dokumente/store.ts';
import { writeVorgang } from '../vorgaenge/store.ts';

/** What a transaction changed, for the poke after commit. */
export interface WrittenChanges {
  orgUnitIds: Set<string>;
  maxSeq: number;
}

export interface SqlMutatorTx extends MutatorTx {
  readonly written: WrittenChanges;
}

/**
 * The server's MutatorTx over one SQL write transaction (see writeTransaction). Everything a
 * mutator writes is validated against the shared schema first: a mutator bug must not put a
 * row into the database that clients would reject on pull. Verfahren come from the
 * definitions the server loaded at start (resources/verfahren), not from the database.
 */
export function sqlMutatorTx(tx: Queryable, verfahren: readonly VerfahrenDef[]): SqlMutatorTx {
  const written: WrittenChanges = { orgUnitIds: new Set(), maxSeq: 0 };
  const allocate = async (orgUnitId: string): Promise<number> => {
    const seq = await nextChangeSeq(tx);
    written.orgUnitIds.add(orgUnitId);
    written.maxSeq = Math.max(written.maxSeq, seq);
    return seq;
  };
  const orgUnitOfVorgang = async (vorgangId: string, what: string): Promise<string> => {
    const [owner] = await tx.query<{ org_unit_id: string }>('SELECT org_unit_id FROM vorgaenge WHERE id = $1', [
      vorgangId,
    ]);
    if (!owner) throw new Error(`${what}: Vorgang ${vorgangId} does not exist`);
    return owner.org_unit_id;
  };
  return {
    written,
    async getVorgang(id) {
      const [row] = await tx.query<{ doc: unknown }>('SELECT doc FROM vorgaenge WHERE id = $1', [id]);
      return row ? vorgangSchema.parse(row.doc) : undefined;
    },
    async putVorgang(v) {
      const valid = vorgangSchema.parse(v);
      await writeVorgang(tx, valid, await allocate(valid.orgUnitId));
    },
    async getNote(id) {
      const [row] = await tx.query<{ doc: unknown }>('SELECT doc FROM notes WHERE id = $1', [id]);
      return row ? noteSchema.parse(row.doc) : undefined;
    },
    async putNote(n: Note) {
      const valid = noteSchema.parse(n);
      const orgUnitId = await orgUnitOfVorgang(valid.vorgangId, 'putNote');
      const seq = await allocate(orgUnitId);
      await tx.query(
        `INSERT INTO notes (id, vorgang_id, org_unit_id, doc, change_seq) VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, change_seq = EXCLUDED.change_seq`,
        [valid.id, valid.vorgangId, orgUnitId, JSON.stringify(valid), seq],
      );
    },
    getUser: (id): Promise<User | undefined> => getUserById(tx, id),
    getVerfahren: async (id) => verfahren.find((v) => v.id === id),
    getDokument: (id) => getDokument(tx, id),
    async putDokument(d) {
      const valid = dokumentSchema.parse(d);
      const orgUnitId = await orgUnitOfVorgang(valid.vorgangId, 'putDokument');
      await insertDokument(tx, valid, orgUnitId, await allocate(orgUnitId));
    },
    hasBlob: (sha256) => isBlobStored(tx, sha256),
    getAbsence: (id) => getAbsence(tx, id),
    async putAbsence(a) {
      const valid = absenceSchema.parse(a);
      await writeAbsence(tx, valid, await allocate(valid.orgUnitId));
    },
    absencesOf: (userId) => absencesOf(tx, userId),
    getBescheid: (id) => getBescheid(tx, id),
    // writeBescheid validates against the shared schema before it writes.
    putBescheid: async (b) => writeBescheid(tx, b, await allocate(b.orgUnitId)),
  };
}
