import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES, entities } from '../../../shared/sync/entities.ts';
import { createDb } from './index.ts';

/** Dexie's index spec of a table as the set of its index names, primary key first. */
function spec(indexes: string): { primKey: string; indexes: string[] } {
  const [primKey = '', ...rest] = indexes.split(',').map((s) => s.trim());
  return { primKey, indexes: rest.sort() };
}

describe('entity registry on the client', () => {
  it('declares the indexes the latest Dexie schema version has, for every entity', async () => {
    const db = createDb('registry-schema');
    await db.open();
    for (const name of ENTITY_NAMES) {
      const { table, indexes } = entities[name].client;
      const schema = db.table(table).schema;
      expect({ entity: name, ...spec(indexes) }).toEqual({
        entity: name,
        primKey: schema.primKey.keyPath,
        indexes: schema.indexes.map((i) => i.name).sort(),
      });
    }
    db.close();
  });
});
