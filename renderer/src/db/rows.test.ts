import { describe, expect, it } from 'vitest';
import { makeVorgang } from '../../test/fixtures.ts';
import { fromVorgangRow, toVorgangRow } from './rows.ts';

describe('toVorgangRow', () => {
  it('derives the index fields and round-trips to the shared entity', () => {
    const v = makeVorgang({ assigneeId: null });
    const row = toVorgangRow(v);
    expect(row.assigneeKey).toBe('');
    expect(toVorgangRow({ ...v, assigneeId: 'u-1' }).assigneeKey).toBe('u-1');
    expect(row.search).toBe(`${v.aktenzeichen} muller jurgen mueller juergen`);
    expect(fromVorgangRow(row)).toEqual(v);
  });

  it('adds the German transcription of names with umlauts, so "mueller" finds Müller', () => {
    const v = makeVorgang({
      aktenzeichen: '32.10.05-2026/00042',
      applicant: { givenName: 'Anna-Lena', familyName: 'Groß-Öztürk', street: '', postalCode: '', city: '' },
    });
    const { search } = toVorgangRow(v);
    for (const q of ['00042', 'gross', 'oztu', 'oeztuerk', 'lena']) expect(search).toContain(q);
    expect(search).not.toContain('meier');
  });
});
