import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  appendEvent,
  JOURNAL_SUMMARY_MAX_LENGTH,
  journalEvent,
  journalEventHash,
  verifyChain,
  type JournalEvent,
  type JournalEventInput,
} from './journal.ts';

const VORGANG = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90';
const OTHER_VORGANG = '5d1c3b9e-7a2f-4b6d-8e0c-1f2a3b4c5d6e';

function input(i: number, vorgangId = VORGANG): JournalEventInput {
  const minute = String(i % 60).padStart(2, '0');
  return {
    vorgangId,
    actorId: i % 3 === 0 ? 'system' : `u-${i % 5}`,
    action: ['claim', 'changeStatus', 'setWiedervorlage', 'addNote'][i % 4] ?? 'claim',
    deviceTime: i % 3 === 0 ? null : `2026-03-02T09:${minute}:00.000+01:00`,
    serverTime: `2026-03-02T10:${minute}:30.000Z`,
    summary: { step: i, to: i % 2 ? 'in_bearbeitung' : 'eingegangen', flags: [i % 2 === 0, null] },
  };
}

async function chain(n: number, vorgangId = VORGANG): Promise<JournalEvent[]> {
  const events: JournalEvent[] = [];
  for (let i = 1; i <= n; i++) events.push(await appendEvent(events.at(-1) ?? null, input(i, vorgangId)));
  return events;
}

const events50 = await chain(50);

/** A copy of the chain with one stored member of event `seq` replaced. */
function tampered<K extends keyof JournalEvent>(seq: number, key: K, value: JournalEvent[K]): JournalEvent[] {
  return events50.map((e) => (e.seq === seq ? { ...e, [key]: value } : e));
}

describe('appendEvent', () => {
  it('numbers events from 1 and links each to the previous hash', async () => {
    const [first, second] = events50;
    expect(first).toMatchObject({ seq: 1, prevHash: '', vorgangId: VORGANG });
    expect(second).toMatchObject({ seq: 2, prevHash: first?.hash });
    expect(new Set(events50.map((e) => e.hash)).size).toBe(50);
    for (const e of events50) expect(journalEvent.safeParse(e).success).toBe(true);
  });

  it('hashes the canonical JSON of the eight members (fixed vector, computed independently)', async () => {
    const e = await appendEvent(null, {
      vorgangId: VORGANG,
      actorId: 'u-müller',
      action: 'changeStatus',
      deviceTime: '2026-03-02T09:15:00.000+01:00',
      serverTime: '2026-03-02T08:20:00.000Z',
      summary: { to: 'in_bearbeitung', from: 'eingegangen', note: 'Grüße "x"\n' },
    });
    // Python: json.dumps(event, sort_keys=True, separators=(',', ':'), ensure_ascii=False), UTF-8, hashlib.sha256
    expect(e.hash).toBe('1d7664d9efe14e8c929a660af24e75b3ba160381201f3b6563ccb64502cc878a');
    expect(Object.keys(e)).toEqual([
      'vorgangId',
      'seq',
      'actorId',
      'action',
      'deviceTime',
      'serverTime',
      'summary',
      'prevHash',
      'hash',
    ]);
  });

  it('ignores members a store adds to a record', async () => {
    const stored = events50.map((e, i) => ({ ...e, rowId: i, syncedAt: 'later' }));
    expect(await verifyChain(stored)).toEqual({ ok: true, count: 50 });
    expect(await journalEventHash(stored[4] as JournalEvent)).toBe(events50[4]?.hash);
  });

  it('keeps its own copy of the summary', async () => {
    const i = input(1);
    const e = await appendEvent(null, i);
    (i.summary as Record<string, unknown>)['step'] = 99;
    expect(await verifyChain([e])).toEqual({ ok: true, count: 1 });
  });

  it('rejects invalid input and a predecessor of another Vorgang with validation_failed', async () => {
    const bad: JournalEventInput[] = [
      { ...input(1), vorgangId: 'not-a-uuid' },
      { ...input(1), actorId: '' },
      { ...input(1), action: 'Drop table' },
      { ...input(1), deviceTime: '02.03.2026 09:15' },
      { ...input(1), serverTime: '2026-03-02' },
      { ...input(1), summary: { n: Number.NaN } },
      { ...input(1), summary: { s: 'x\uD800' } },
      { ...input(1), summary: { text: 'x'.repeat(JOURNAL_SUMMARY_MAX_LENGTH) } },
    ];
    for (const b of bad) {
      await expect(appendEvent(null, b)).rejects.toThrow(DomainError);
      await expect(appendEvent(null, b)).rejects.toMatchObject({ code: 'validation_failed' });
    }
    const other = await appendEvent(null, input(1, OTHER_VORGANG));
    await expect(appendEvent(other, input(2))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(appendEvent(null, { ...input(1), summary: { text: 'x'.repeat(100) } })).resolves.toBeTruthy();
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain of 50 events and the empty chain', async () => {
    expect(await verifyChain(events50)).toEqual({ ok: true, count: 50 });
    expect(await verifyChain(events50, { vorgangId: VORGANG })).toEqual({ ok: true, count: 50 });
    expect(await verifyChain([])).toEqual({ ok: true, count: 0 });
  });

  it('finds a change to any stored member of event k exactly at k', async () => {
    for (const k of [1, 2, 17, 49, 50]) {
      const e = events50[k - 1] as JournalEvent;
      const cases: [JournalEvent[], string][] = [
        [tampered(k, 'actorId', 'u-intruder'), 'hash_mismatch'],
        [tampered(k, 'action', 'addNote' === e.action ? 'claim' : 'addNote'), 'hash_mismatch'],
        [tampered(k, 'deviceTime', '2020-01-01T00:00:00.000Z'), 'hash_mismatch'],
        [tampered(k, 'serverTime', '2020-01-01T00:00:00.000Z'), 'hash_mismatch'],
        [tampered(k, 'summary', { ...e.summary, to: 'abgeschlossen' }), 'hash_mismatch'],
        [tampered(k, 'summary', { ...e.summary, extra: Number.NaN }), 'hash_mismatch'],
        [tampered(k, 'hash', 'f'.repeat(64)), 'hash_mismatch'],
        [tampered(k, 'prevHash', '0'.repeat(64)), 'prev_mismatch'],
        [tampered(k, 'seq', k + 100), 'seq_gap'],
        [tampered(k, 'vorgangId', OTHER_VORGANG), k === 1 ? 'hash_mismatch' : 'wrong_vorgang'],
      ];
      for (const [events, reason] of cases) {
        expect(await verifyChain(events), `event ${k}`).toEqual({ ok: false, brokenAt: k, reason });
      }
    }
  });

  it('reports the next link when a changed event was re-hashed', async () => {
    const e = events50[9] as JournalEvent;
    const changed = { ...e, actorId: 'u-intruder' };
    const rehashed = { ...changed, hash: await journalEventHash(changed) };
    const events = events50.map((x) => (x.seq === 10 ? rehashed : x));
    expect(await verifyChain(events.slice(0, 10))).toEqual({ ok: true, count: 10 });
    expect(await verifyChain(events)).toEqual({ ok: false, brokenAt: 11, reason: 'prev_mismatch' });
  });

  it('detects reordering, deletion and insertion', async () => {
    const swapped = [...events50];
    [swapped[19], swapped[20]] = [swapped[20] as JournalEvent, swapped[19] as JournalEvent];
    expect(await verifyChain(swapped)).toEqual({ ok: false, brokenAt: 20, reason: 'seq_gap' });

    expect(await verifyChain(events50.filter((e) => e.seq !== 1))).toEqual({
      ok: false,
      brokenAt: 1,
      reason: 'seq_gap',
    });
    expect(await verifyChain(events50.filter((e) => e.seq !== 30))).toEqual({
      ok: false,
      brokenAt: 30,
      reason: 'seq_gap',
    });

    const forged = await appendEvent(events50[29] as JournalEvent, { ...input(31), actorId: 'u-intruder' });
    const inserted = [...events50.slice(0, 30), forged, ...events50.slice(30)];
    expect(await verifyChain(inserted)).toEqual({ ok: false, brokenAt: 32, reason: 'seq_gap' });

    const duplicated = [...events50.slice(0, 30), events50[29] as JournalEvent, ...events50.slice(30)];
    expect(await verifyChain(duplicated)).toEqual({ ok: false, brokenAt: 31, reason: 'seq_gap' });

    const renumbered = inserted.map((e, i) => ({ ...e, seq: i + 1 }));
    expect(await verifyChain(renumbered)).toEqual({ ok: false, brokenAt: 32, reason: 'prev_mismatch' });
  });

  it('cannot see a truncated tail on its own', async () => {
    // Why the server keeps the head (count and last hash) per Vorgang: see docs/fristen-journal.md.
    expect(await verifyChain(events50.slice(0, 40))).toEqual({ ok: true, count: 40 });
  });

  it('rejects events of another Vorgang, and an intact chain of the wrong Vorgang when told which', async () => {
    const other = await chain(3, OTHER_VORGANG);
    const mixed = [...events50.slice(0, 5), other[2] as JournalEvent];
    expect(await verifyChain(mixed)).toEqual({ ok: false, brokenAt: 6, reason: 'wrong_vorgang' });
    expect(await verifyChain(other)).toEqual({ ok: true, count: 3 });
    expect(await verifyChain(other, { vorgangId: VORGANG })).toEqual({
      ok: false,
      brokenAt: 1,
      reason: 'wrong_vorgang',
    });
  });
});
