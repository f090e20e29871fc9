import { beforeEach, describe, expect, it } from 'vitest';
import { manualNextStatuses, type Bescheid, type User, type Vorgang } from '../domain/index.ts';
import { MemoryTx } from './memory-tx.ts';
import { runMutation, type MutatorContext } from './index.ts';

const OE1 = 'oe-1';
const clerk1: User = { id: 'u1', username: 'sb1', displayName: 'Sb 1', roles: ['clerk'], orgUnitId: OE1 };
const clerk2: User = { id: 'u2', username: 'sb2', displayName: 'Sb 2', roles: ['clerk'], orgUnitId: OE1 };
const lead: User = { id: 'u3', username: 'tl', displayName: 'TL', roles: ['lead'], orgUnitId: OE1 };
const foreignLead: User = { id: 'u4', username: 'tl3', displayName: 'TL 3', roles: ['lead'], orgUnitId: 'oe-2' };
const V_ID = '7f2a3c1e-2b4d-4e8f-9a1b-0c2d3e4f5a6b';
const B_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const OTHER_V_ID = '0b7e6f2a-4c1d-4e8a-9f3b-2a5c6d7e8f90';
/** 23:30 UTC on 23 November is already 24 November in Berlin. */
const NOW = '2026-11-23T23:30:00.000Z';
const TODAY = '2026-11-24';
/** Sealed late on 19 November (UTC), the 20th in Berlin. */
const SEALED_AT = '2026-11-19T23:15:00.000Z';

function vorgang(patch: Partial<Vorgang> = {}): Vorgang {
  return {
    id: V_ID,
    aktenzeichen: '32.10-2026/00001',
    verfahrenId: 'testverfahren',
    status: 'bescheid_erstellt',
    applicant: { givenName: 'Jörg', familyName: 'Müller', street: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin' },
    antragsdaten: {},
    receivedAt: '2026-11-01T08:00:00.000Z',
    frist: '2026-12-15',
    assigneeId: 'u1',
    orgUnitId: OE1,
    wiedervorlage: null,
    nachforderung: null,
    versand: null,
    prueflisteVersion: null,
    pruefliste: { manual: {}, overrides: {} },
    version: 7,
    updatedAt: SEALED_AT,
    ...patch,
  };
}

function bescheid(patch: Partial<Bescheid> = {}): Bescheid {
  const hash = 'a'.repeat(64);
  return {
    id: B_ID,
    vorgangId: V_ID,
    orgUnitId: OE1,
    content: {
      decision: 'bewilligung',
      vorlageId: 'testverfahren.bewilligung',
      recipient: { addressLines: ['Jörg Müller', 'Hauptstr. 1', '10115 Berlin'] },
      betreff: 'Ihr Antrag vom 01.11.2026',
      anrede: 'Sehr geehrter Herr Müller,',
      sections: { tenor: { paragraphs: ['Ihrem Antrag wird stattgegeben.'] } },
      gebuehr: { cents: 3070, override: null },
    },
    state: 'gesiegelt',
    authorId: 'u1',
    editorIds: ['u1'],
    submittedHash: hash,
    submittedAt: '2026-11-18T09:00:00.000Z',
    approval: { by: 'u3', at: SEALED_AT, hash },
    returnComment: null,
    dokumentId: '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    version: 4,
    updatedAt: SEALED_AT,
    ...patch,
  };
}

let tx: MemoryTx;
const ctx = (actor: User): MutatorContext => ({ actor, now: NOW, authoritative: true });
const dispatch = (actor: User, args: Record<string, unknown> = {}) =>
  runMutation(tx, ctx(actor), 'recordDispatch', {
    vorgangId: V_ID,
    bescheidId: B_ID,
    channel: 'post',
    date: TODAY,
    ...args,
  });
const rejected = (p: Promise<void>, code: string, message?: RegExp) =>
  expect(p).rejects.toMatchObject({ name: 'DomainError', code, ...(message ? { message } : {}) });
const stored = () => tx.vorgaenge.get(V_ID);

beforeEach(() => {
  tx = new MemoryTx();
  for (const u of [clerk1, clerk2, lead, foreignLead]) tx.users.set(u.id, u);
  tx.vorgaenge.set(V_ID, vorgang());
  tx.bescheide.set(B_ID, bescheid());
});

describe('recordDispatch', () => {
  it('moves the Vorgang to versandt and records the postal dispatch', async () => {
    await dispatch(clerk1);
    expect(stored()).toMatchObject({
      status: 'versandt',
      versand: { channel: 'post', date: TODAY, recordedAt: NOW, recordedBy: 'u1' },
      version: 8,
      updatedAt: NOW,
    });
  });

  it('accepts the day of sealing (Berlin calendar day) and the lead of the org unit', async () => {
    await dispatch(lead, { date: '2026-11-20' });
    expect(stored()?.versand).toMatchObject({ date: '2026-11-20', recordedBy: 'u3' });
  });

  it('is not reachable through the generic status change any more', async () => {
    expect(manualNextStatuses('bescheid_erstellt')).toEqual([]);
    await rejected(
      runMutation(tx, ctx(clerk1), 'changeStatus', { vorgangId: V_ID, to: 'versandt' }),
      'invalid_transition',
    );
    expect(stored()?.status).toBe('bescheid_erstellt');
  });

  it('refuses the digital Postfach for now, saying so', async () => {
    await rejected(dispatch(clerk1, { channel: 'postfach' }), 'validation_failed', /Postfach is not available yet/);
    expect(stored()).toMatchObject({ status: 'bescheid_erstellt', versand: null });
  });

  it('refuses an unknown channel and a malformed date as invalid arguments', async () => {
    await rejected(dispatch(clerk1, { channel: 'fax' }), 'validation_failed');
    await rejected(dispatch(clerk1, { date: '2026-02-30' }), 'validation_failed');
    expect(stored()?.status).toBe('bescheid_erstellt');
  });

  it('refuses a date in the future and one before the sealing', async () => {
    await rejected(dispatch(clerk1, { date: '2026-11-25' }), 'validation_failed', /future/);
    await rejected(dispatch(clerk1, { date: '2026-11-19' }), 'validation_failed', /before the sealing on 2026-11-20/);
    expect(stored()).toMatchObject({ status: 'bescheid_erstellt', versand: null });
  });

  it('needs someone who may work the Vorgang', async () => {
    await rejected(dispatch(clerk2), 'not_assignee');
    await rejected(dispatch(foreignLead), 'not_found');
    expect(stored()?.status).toBe('bescheid_erstellt');
  });

  it('needs the Vorgang bescheid_erstellt and its sealed Bescheid', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ status: 'freigegeben' }));
    tx.bescheide.set(B_ID, bescheid({ state: 'freigegeben', dokumentId: null }));
    await rejected(dispatch(clerk1), 'invalid_transition');
    tx.vorgaenge.set(V_ID, vorgang());
    await rejected(dispatch(clerk1), 'invalid_transition', /sealed/);
    tx.bescheide.set(B_ID, bescheid({ vorgangId: OTHER_V_ID }));
    await rejected(dispatch(clerk1), 'not_found');
    tx.bescheide.delete(B_ID);
    await rejected(dispatch(clerk1), 'not_found');
    expect(stored()?.status).toBe('bescheid_erstellt');
  });

  it('records the dispatch once; a second attempt is a conflict', async () => {
    await dispatch(clerk1, { date: '2026-11-21' });
    await rejected(dispatch(lead), 'conflict');
    expect(stored()?.versand).toMatchObject({ date: '2026-11-21', recordedBy: 'u1' });
  });
});
