import { type Vorgang, vorgang as vorgangSchema } from '../../../shared/domain/vorgang.ts';
import type { VerfahrenDef } from '../../../shared/domain/verfahren.ts';
import type { Database } from '../db/database.ts';
import { nextChangeSeq, writeTransaction } from '../db/write.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { DEMO_ORG_UNITS, DEMO_USERS, demoIntakeOrgUnits } from '../modules/intake/demo-accounts.ts';
import { generateDemoVorgaenge } from '../modules/intake/demo.ts';
import { insertVorgaenge } from '../modules/vorgaenge/store.ts';

export const DEMO_PASSWORD = 'demo';

export interface SeedDemoOptions {
  count: number;
  now: Date;
  verfahren: readonly VerfahrenDef[];
  seed?: number;
  /** Tests pass a memoised hasher; argon2id costs ~0.1 s per call. */
  hashPassword?: (password: string) => Promise<string>;
  batchSize?: number;
}

export type SeedDemoResult = { seeded: false } | { seeded: true; users: number; vorgaenge: number; ms: number };

async function isEmpty(db: Pick<Database, 'query'>): Promise<boolean> {
  const [row] = await db.query<{ n: number }>(
    'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM vorgaenge) + (SELECT count(*) FROM org_units) AS n',
  );
  return row?.n === 0;
}

/**
 * Seeds the demo org units, accounts (password "demo", flagged as demo accounts) and
 * Vorgänge, atomically and only into an empty database, so restarting with --demo is a no-op.
 */
export async function seedDemo(db: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  if (!(await isEmpty(db))) return { seeded: false };
  const started = performance.now();
  const hasher = options.hashPassword ?? hashPassword;
  const hashes = await Promise.all(DEMO_USERS.map(() => hasher(DEMO_PASSWORD)));
  const batchSize = options.batchSize ?? 1000;

  const inserted = await writeTransaction(db, async (tx) => {
    // Re-checked under the write lock: two servers starting at once must not both seed.
    if (!(await isEmpty(tx))) return undefined;
    for (const oe of DEMO_ORG_UNITS) {
      await tx.query('INSERT INTO org_units (id, name) VALUES ($1, $2)', [oe.id, oe.name]);
    }
    for (const [i, u] of DEMO_USERS.entries()) {
      await tx.query(
        `INSERT INTO users (id, username, display_name, password_hash, roles, org_unit_id, is_demo, change_seq)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, true, $7)`,
        [u.id, u.username, u.displayName, hashes[i], JSON.stringify(u.roles), u.orgUnitId, await nextChangeSeq(tx)],
      );
    }
    const generated = generateDemoVorgaenge({
      count: options.count,
      now: options.now,
      verfahren: [...options.verfahren],
      orgUnits: demoIntakeOrgUnits(),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
    let batch: Vorgang[] = [];
    let total = 0;
    for (const v of generated) {
      // Clients reject rows that violate the shared schema; catch a generator bug here instead.
      batch.push(vorgangSchema.parse(v));
      if (batch.length === batchSize) {
        await insertVorgaenge(tx, batch);
        total += batch.length;
        batch = [];
      }
    }
    await insertVorgaenge(tx, batch);
    return total + batch.length;
  });
  if (inserted === undefined) return { seeded: false };
  return { seeded: true, users: DEMO_USERS.length, vorgaenge: inserted, ms: Math.round(performance.now() - started) };
}
