import { describe, expect, it } from 'vitest';
import { dueWiedervorlagen } from './due-wiedervorlagen.ts';
import type { InboxEntry } from './inbox-index.ts';

const e = (id: string, p: Partial<InboxEntry>): InboxEntry => ({
  id,
  frist: '2026-12-01',
  status: 'in_bearbeitung',
  verfahrenId: 'v',
  orgUnitId: 'ou-1',
  assigneeKey: 'u-anna',
  search: '',
  updatedAt: '2026-11-23T10:00:00.000Z',
  receivedDay: '2026-11-20',
  updatedDay: '2026-11-23',
  wiedervorlage: '',
  nachforderungFrist: '',
  ...p,
});

describe('dueWiedervorlagen', () => {
  it("takes the user's open Vorgänge whose Wiedervorlage is today or earlier, oldest first", () => {
    const entries = [
      e('today', { wiedervorlage: '2026-11-23' }),
      e('earlier', { wiedervorlage: '2026-11-20' }),
      e('tomorrow', { wiedervorlage: '2026-11-24' }),
      e('none', {}),
      e('colleague', { wiedervorlage: '2026-11-23', assigneeKey: 'u-bert' }),
      e('closed', { wiedervorlage: '2026-11-23', status: 'abgeschlossen' }),
    ];
    expect(dueWiedervorlagen(entries, 'u-anna', '2026-11-23')).toEqual([
      { vorgangId: 'earlier', date: '2026-11-20' },
      { vorgangId: 'today', date: '2026-11-23' },
    ]);
    expect(dueWiedervorlagen(entries, 'u-anna', '2026-11-24').map((d) => d.vorgangId)).toEqual([
      'earlier',
      'today',
      'tomorrow',
    ]);
  });
});
