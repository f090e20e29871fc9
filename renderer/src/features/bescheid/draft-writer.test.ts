import { describe, expect, it } from 'vitest';
import { createDb, type AmtsplatzDb } from '../../db/index.ts';
import { v6 } from '../../db/migrations/v6.ts';
import { draftsTable } from './data.ts';
import type { BescheidDraftRow } from './draft.ts';
import { createDraftWriter } from './draft-writer.ts';
import { formFromContent } from './form.ts';
import { CONTENT } from './test-data.ts';

let n = 0;
async function db(): Promise<AmtsplatzDb> {
  const d = createDb(`bescheid-draft-writer-${++n}`, 5);
  v6(d);
  await d.open();
  return d;
}

const form = formFromContent(CONTENT, 3070);
const row = (betreff: string, updatedAt: string): BescheidDraftRow => ({
  bescheidId: 'b-1',
  vorgangId: 'v-1',
  form: { ...form, betreff },
  baseVersion: 0,
  updatedAt,
});

describe('draft writer', () => {
  it('keeps at most one put in flight and ends with the newest row', async () => {
    const d = await db();
    const writer = createDraftWriter(d);
    const puts: string[] = [];
    const table = draftsTable(d);
    const put = table.put.bind(table);
    table.put = (obj: BescheidDraftRow) => {
      puts.push(obj.form.betreff);
      return put(obj);
    };
    const writes = ['a', 'ab', 'abc', 'abcd'].map((b, i) => writer.write(row(b, `2026-11-23T10:00:0${i}.000Z`)));
    await Promise.all(writes);
    expect((await draftsTable(d).get('b-1'))?.form.betreff).toBe('abcd');
    // The first keystroke is written at once; the rest collapse into the newest.
    expect(puts).toEqual(['a', 'abcd']);
  });

  it('writes again for typing that arrives after a burst was written', async () => {
    const d = await db();
    const writer = createDraftWriter(d);
    await writer.write(row('first', '2026-11-23T10:00:00.000Z'));
    await writer.write(row('second', '2026-11-23T10:00:01.000Z'));
    expect((await draftsTable(d).get('b-1'))?.form.betreff).toBe('second');
  });
});
