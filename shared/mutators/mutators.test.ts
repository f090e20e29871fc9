import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError, type User, type Vorgang } from '../domain/index.ts';
import { MemoryTx } from './memory-tx.ts';
import { runMutation, type MutatorContext } from './index.ts';

const OE1 = 'oe-1';
const clerk1: User = { id: 'u1', username: 'sb1', displayName: 'Sb 1', roles: ['clerk'], orgUnitId: OE1 };
const clerk2: User = { id: 'u2', username: 'sb2', displayName: 'Sb 2', roles: ['clerk'], orgUnitId: OE1 };
const lead: User = { id: 'u3', username: 'tl', displayName: 'TL', roles: ['lead'], orgUnitId: OE1 };
const foreign: User = { id: 'u4', username: 'sb3', displayName: 'Sb 3', roles: ['clerk'], orgUnitId: 'oe-2' };
const V_ID = '7f2a3c1e-2b4d-4e8f-9a1b-0c2d3e4f5a6b';
const NOW = '2026-11-23T10:00:00.000Z';

function vorgang(patch: Partial<Vorgang> = {}): Vorgang {
  return {
    id: V_ID,
    aktenzeichen: '32.10.05-2026/00001',
    verfahrenId: 'bewohnerparkausweis',
    status: 'eingegangen',
    applicant: { givenName: 'Jörg', familyName: 'Müller', street: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin' },
    antragsdaten: {},
    receivedAt: '2026-11-01T08:00:00.000Z',
    frist: '2026-11-15',
    assigneeId: null,
    orgUnitId: OE1,
    wiedervorlage: null,
    nachforderung: null,
    versand: null,
    prueflisteVersion: null,
    pruefliste: { manual: {}, overrides: {} },
    version: 1,
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...patch,
  };
}

let tx: MemoryTx;
const ctx = (actor: User): MutatorContext => ({ actor, now: NOW, authoritative: true });
const run = (actor: User, name: string, args: unknown) => runMutation(tx, ctx(actor), name, args);
const rejected = (p: Promise<void>, code: string) => expect(p).rejects.toMatchObject({ name: 'DomainError', code });

beforeEach(() => {
  tx = new MemoryTx();
  for (const u of [clerk1, clerk2, lead, foreign]) tx.users.set(u.id, u);
  tx.vorgaenge.set(V_ID, vorgang());
});

describe('claim', () => {
  it('assigns an unassigned Vorgang and bumps version', async () => {
    await run(clerk1, 'claim', { vorgangId: V_ID });
    expect(tx.vorgaenge.get(V_ID)).toMatchObject({ assigneeId: 'u1', version: 2, updatedAt: NOW });
  });
  it('refuses a Vorgang assigned to someone else', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u2' }));
    await rejected(run(clerk1, 'claim', { vorgangId: V_ID }), 'already_assigned');
  });
  it('hides Vorgänge of other org units', async () => {
    await rejected(run(foreign, 'claim', { vorgangId: V_ID }), 'not_found');
    expect(tx.vorgaenge.get(V_ID)?.assigneeId).toBeNull();
  });
});

describe('assign', () => {
  it('lets the assignee hand over within the org unit and return to the queue', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u1' }));
    await run(clerk1, 'assign', { vorgangId: V_ID, assigneeId: 'u2' });
    expect(tx.vorgaenge.get(V_ID)?.assigneeId).toBe('u2');
    await run(clerk2, 'assign', { vorgangId: V_ID, assigneeId: null });
    expect(tx.vorgaenge.get(V_ID)?.assigneeId).toBeNull();
  });
  it('refuses a clerk reassigning a colleague’s Vorgang but lets the lead', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u2' }));
    await rejected(run(clerk1, 'assign', { vorgangId: V_ID, assigneeId: 'u1' }), 'not_assignee');
    await run(lead, 'assign', { vorgangId: V_ID, assigneeId: 'u1' });
    expect(tx.vorgaenge.get(V_ID)?.assigneeId).toBe('u1');
  });
  it('refuses an assignee from another org unit', async () => {
    await rejected(run(lead, 'assign', { vorgangId: V_ID, assigneeId: 'u4' }), 'forbidden');
  });
});

describe('changeStatus', () => {
  it('applies allowed transitions for the assignee', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u1' }));
    await run(clerk1, 'changeStatus', { vorgangId: V_ID, to: 'in_bearbeitung' });
    expect(tx.vorgaenge.get(V_ID)?.status).toBe('in_bearbeitung');
  });
  it('rejects transitions the status machine forbids', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u1' }));
    await rejected(run(clerk1, 'changeStatus', { vorgangId: V_ID, to: 'versandt' }), 'invalid_transition');
    expect(tx.vorgaenge.get(V_ID)?.status).toBe('eingegangen');
  });
  it('rejects the dedicated Freigabe step even where the machine has it', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u3', status: 'zur_freigabe' }));
    await rejected(run(lead, 'changeStatus', { vorgangId: V_ID, to: 'freigegeben' }), 'invalid_transition');
  });
  it('never moves a Vorgang to zur_freigabe: only submitting a Bescheid does', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u1', status: 'entscheidungsreif' }));
    await rejected(run(clerk1, 'changeStatus', { vorgangId: V_ID, to: 'zur_freigabe' }), 'invalid_transition');
    expect(tx.vorgaenge.get(V_ID)?.status).toBe('entscheidungsreif');
  });
  it('rejects a clerk who is not the assignee', async () => {
    await rejected(run(clerk2, 'changeStatus', { vorgangId: V_ID, to: 'in_bearbeitung' }), 'not_assignee');
  });
});

describe('Wiedervorlage', () => {
  it('sets and clears', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u1' }));
    await run(clerk1, 'setWiedervorlage', { vorgangId: V_ID, date: '2026-12-01', note: 'Unterlagen' });
    expect(tx.vorgaenge.get(V_ID)?.wiedervorlage).toEqual({ date: '2026-12-01', note: 'Unterlagen' });
    await run(clerk1, 'clearWiedervorlage', { vorgangId: V_ID });
    expect(tx.vorgaenge.get(V_ID)?.wiedervorlage).toBeNull();
  });
  it('rejects an impossible date', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u1' }));
    await rejected(run(clerk1, 'setWiedervorlage', { vorgangId: V_ID, date: '2026-02-30' }), 'validation_failed');
  });
});

describe('addNote and validation', () => {
  const noteId = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
  it('adds a note once', async () => {
    await run(clerk2, 'addNote', { vorgangId: V_ID, noteId, text: '  Rückruf erbeten ' });
    expect(tx.notes.get(noteId)).toMatchObject({ authorId: 'u2', text: 'Rückruf erbeten', createdAt: NOW });
    await rejected(run(clerk2, 'addNote', { vorgangId: V_ID, noteId, text: 'again' }), 'conflict');
  });
  it('rejects unknown mutations, prototype keys and extra args with clear codes', async () => {
    await rejected(run(clerk1, 'deleteEverything', {}), 'unknown_mutation');
    await rejected(run(clerk1, '__proto__', {}), 'unknown_mutation');
    await rejected(run(clerk1, 'claim', { vorgangId: V_ID, assigneeId: 'u1' }), 'validation_failed');
    await rejected(run(clerk1, 'claim', { vorgangId: 'not-a-uuid' }), 'validation_failed');
  });
  it('throws DomainError instances', async () => {
    await expect(run(clerk1, 'claim', { vorgangId: 'x' })).rejects.toBeInstanceOf(DomainError);
  });
});
