import { note as noteSchema, vorgang as vorgangSchema, type Note } from '../../../../shared/domain/vorgang.ts';
import type { User } from '../../../../shared/domain/user.ts';
import type { MutatorTx } from '../../../../shared/mutators/types.ts';
import type { Queryable } from '../../db/database.ts';
import { nextChangeSeq } from '../../db/write.ts';
import { getUserById } from '../auth/users.ts';
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
 * row into the database that clients would reject on pull.
 */
export function sqlMutatorTx(tx: Queryable): SqlMutatorTx {
  const written: WrittenChanges = { orgUnitIds: new Set(), maxSeq: 0 };
  const allocate = async (orgUnitId: string): Promise<number> => {
    const seq = await nextChangeSeq(tx);
    written.orgUnitIds.add(orgUnitId);
    written.maxSeq = Math.max(written.maxSeq, seq);
    return seq;
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
      const [owner] = await tx.query<{ org_unit_id: string }>('SELECT org_unit_id FROM vorgaenge WHERE id = $1', [
        valid.vorgangId,
      ]);
      if (!owner) throw new Error(`putNote: Vorgang ${valid.vorgangId} does not exist`);
      const seq = await allocate(owner.org_unit_id);
      await tx.query(
        `INSERT INTO notes (id, vorgang_id, org_unit_id, doc, change_seq) VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, change_seq = EXCLUDED.change_seq`,
        [valid.id, valid.vorgangId, owner.org_unit_id, JSON.stringify(valid), seq],
      );
    },
    getUser: (id): Promise<User | undefined> => getUserById(tx, id),
  };
}
