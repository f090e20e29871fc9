import { expect, it } from 'vitest';
import { ENTITY_NAMES, entities } from '../../../../shared/sync/entities.ts';
import { describeBackends } from '../../../test/backends.ts';
import { useSeededDb } from '../../../test/harness.ts';

describeBackends('entity registry on the server', (backend) => {
  const getDb = useSeededDb(backend);

  it('every entity’s table has the generic columns, the declared ones and the pull index', async () => {
    for (const name of ENTITY_NAMES) {
      const { server, scope } = entities[name];
      const { table, columns, pullDoc } = server;
      const present = new Set(
        (
          await getDb().query<{ column_name: string }>(
            'SELECT column_name FROM information_schema.columns WHERE table_name = $1',
            [table],
          )
        ).map((r) => r.column_name),
      );
      // Users and org units are pulled from their own columns (pullDoc) and have no doc; a public
      // entity has no owning org unit.
      const generic = ['id', 'change_seq'];
      if (pullDoc === undefined) generic.push('doc');
      if (scope.kind !== 'public') generic.push('org_unit_id');
      for (const column of [...generic, ...Object.keys(columns)]) {
        expect({ table, column, present: present.has(column) }).toEqual({ table, column, present: true });
      }
      const indexes = await getDb().query<{ indexdef: string }>(
        'SELECT indexdef FROM pg_indexes WHERE tablename = $1',
        [table],
      );
      const pullIndex = scope.kind === 'public' ? /\(change_seq\)/ : /\(org_unit_id, change_seq\)/;
      expect({ table, pullIndex: indexes.some((i) => pullIndex.test(i.indexdef)) }).toEqual({
        table,
        pullIndex: true,
      });
    }
  });
});
