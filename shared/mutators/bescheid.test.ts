import { beforeEach, describe, expect, it } from 'vitest';
import {
  bescheidContentHash,
  verfahrenDef,
  type BescheidContent,
  type User,
  type VerfahrenDef,
  type Vorgang,
} from '../domain/index.ts';
import { MemoryTx } from './memory-tx.ts';
import { runMutation, type MutatorContext } from './index.ts';

const OE1 = 'oe-1';
const clerk1: User = { id: 'u1', username: 'sb1', displayName: 'Sb 1', roles: ['clerk'], orgUnitId: OE1 };
const clerk2: User = { id: 'u2', username: 'sb2', displayName: 'Sb 2', roles: ['clerk'], orgUnitId: OE1 };
const lead: User = { id: 'u3', username: 'tl', displayName: 'TL', roles: ['lead'], orgUnitId: OE1 };
const lead2: User = { id: 'u5', username: 'tl2', displayName: 'TL 2', roles: ['lead', 'clerk'], orgUnitId: OE1 };
const foreignLead: User = { id: 'u4', username: 'tl3', displayName: 'TL 3', roles: ['lead'], orgUnitId: 'oe-2' };
const V_ID = '7f2a3c1e-2b4d-4e8f-9a1b-0c2d3e4f5a6b';
const B_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
const NOW = '2026-11-23T10:00:00.000Z';

const label = (de: string) => ({ de, en: de });
const verfahren: VerfahrenDef = verfahrenDef.parse({
  id: 'testverfahren',
  version: 1,
  name: label('Test'),
  aktenplanKennzeichen: '32.10',
  fristArbeitstage: 20,
  groups: [{ id: 'g', label: label('G'), fields: [{ id: 'leistung', label: label('Leistung'), type: 'number' }] }],
  pruefliste: {
    id: 'test',
    version: 1,
    items: [{ id: 'vollstaendig', label: label('Vollständig'), kind: 'manual', required: true }],
  },
});

const content: BescheidContent = {
  decision: 'bewilligung',
  vorlageId: 'testverfahren.bewilligung',
  recipient: { addressLines: ['Frau', 'Jörg Müller', 'Hauptstr. 1', '10115 Berlin'] },
  betreff: 'Ihr Antrag vom 01.11.2026',
  anrede: 'Sehr geehrte Frau Müller,',
  sections: { tenor: { paragraphs: ['Ihrem Antrag wird stattgegeben.'] } },
  gebuehr: { cents: 3070, override: null },
};

function vorgang(patch: Partial<Vorgang> = {}): Vorgang {
  return {
    id: V_ID,
    aktenzeichen: '32.10-2026/00001',
    verfahrenId: 'testverfahren',
    status: 'entscheidungsreif',
    applicant: { givenName: 'Jörg', familyName: 'Müller', street: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin' },
    antragsdaten: { leistung: 600 },
    receivedAt: '2026-11-01T08:00:00.000Z',
    frist: '2026-12-15',
    assigneeId: 'u1',
    orgUnitId: OE1,
    wiedervorlage: null,
    nachforderung: null,
    versand: null,
    prueflisteVersion: 1,
    pruefliste: { manual: { vollstaendig: { decision: 'ok' } }, overrides: {} },
    version: 1,
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...patch,
  };
}

let tx: MemoryTx;
const ctx = (actor: User): MutatorContext => ({ actor, now: NOW, authoritative: true });
const run = (actor: User, name: string, args: unknown) => runMutation(tx, ctx(actor), name, args);
const rejected = (p: Promise<void>, code: string) => expect(p).rejects.toMatchObject({ name: 'DomainError', code });
const status = () => tx.vorgaenge.get(V_ID)?.status;
const state = () => tx.bescheide.get(B_ID)?.state;

async function drafted(): Promise<string> {
  await run(clerk1, 'saveBescheid', { bescheidId: B_ID, vorgangId: V_ID, content });
  return bescheidContentHash(content);
}
async function submitted(): Promise<string> {
  const hash = await drafted();
  await run(clerk1, 'submitBescheid', { bescheidId: B_ID, contentHash: hash });
  return hash;
}

beforeEach(() => {
  tx = new MemoryTx();
  for (const u of [clerk1, clerk2, lead, lead2, foreignLead]) tx.users.set(u.id, u);
  tx.verfahren.set(verfahren.id, verfahren);
  tx.vorgaenge.set(V_ID, vorgang());
});

describe('4-eyes Freigabe', () => {
  it('runs draft → submitted (hash frozen) → approved by a lead who did not write it', async () => {
    const hash = await submitted();
    expect(tx.bescheide.get(B_ID)).toMatchObject({ state: 'eingereicht', submittedHash: hash, authorId: 'u1' });
    expect(status()).toBe('zur_freigabe');
    await run(lead, 'approveBescheid', { bescheidId: B_ID, contentHash: hash });
    expect(tx.bescheide.get(B_ID)?.approval).toEqual({ by: 'u3', at: NOW, hash });
    expect(status()).toBe('freigegeben');
  });

  it('rejects self-approval, approval by a clerk and by a lead of another org unit', async () => {
    const hash = await submitted();
    await rejected(run(clerk1, 'approveBescheid', { bescheidId: B_ID, contentHash: hash }), 'four_eyes_violation');
    await rejected(run(clerk2, 'approveBescheid', { bescheidId: B_ID, contentHash: hash }), 'four_eyes_violation');
    await rejected(run(foreignLead, 'approveBescheid', { bescheidId: B_ID, contentHash: hash }), 'not_found');
    expect(state()).toBe('eingereicht');
  });

  it('rejects a lead who edited the draft', async () => {
    await drafted();
    tx.vorgaenge.set(V_ID, vorgang({ assigneeId: 'u5' }));
    const edited = { ...content, betreff: 'Ihr Antrag vom 01.11.2026 (berichtigt)' };
    await run(lead2, 'saveBescheid', { bescheidId: B_ID, vorgangId: V_ID, content: edited });
    const hash = await bescheidContentHash(edited);
    await run(lead2, 'submitBescheid', { bescheidId: B_ID, contentHash: hash });
    await rejected(run(lead2, 'approveBescheid', { bescheidId: B_ID, contentHash: hash }), 'four_eyes_violation');
    await run(lead, 'approveBescheid', { bescheidId: B_ID, contentHash: hash });
  });

  it('rejects a stale hash and a replayed approval', async () => {
    const hash = await submitted();
    await rejected(run(lead, 'approveBescheid', { bescheidId: B_ID, contentHash: 'f'.repeat(64) }), 'stale_content');
    await run(lead, 'approveBescheid', { bescheidId: B_ID, contentHash: hash });
    await rejected(run(lead, 'approveBescheid', { bescheidId: B_ID, contentHash: hash }), 'conflict');
  });

  it('voids submission and approval on any edit', async () => {
    const hash = await submitted();
    await run(lead, 'approveBescheid', { bescheidId: B_ID, contentHash: hash });
    const edited = { ...content, anrede: 'Sehr geehrter Herr Müller,' };
    await run(clerk1, 'saveBescheid', { bescheidId: B_ID, vorgangId: V_ID, content: edited });
    expect(tx.bescheide.get(B_ID)).toMatchObject({ state: 'entwurf', approval: null, submittedHash: null });
    expect(tx.bescheide.get(B_ID)?.editorIds).toEqual(['u1']);
    expect(status()).toBe('entscheidungsreif');
    await rejected(run(lead, 'approveBescheid', { bescheidId: B_ID, contentHash: hash }), 'invalid_transition');
  });

  it('submits only the hash of the stored content', async () => {
    await drafted();
    await rejected(run(clerk1, 'submitBescheid', { bescheidId: B_ID, contentHash: 'a'.repeat(64) }), 'stale_content');
    expect(status()).toBe('entscheidungsreif');
  });

  it('returns with a comment; the draft can be edited and submitted again', async () => {
    await submitted();
    await rejected(run(clerk1, 'returnBescheid', { bescheidId: B_ID, comment: 'selbst' }), 'four_eyes_violation');
    await run(lead, 'returnBescheid', { bescheidId: B_ID, comment: 'Begründung ergänzen' });
    expect(tx.bescheide.get(B_ID)).toMatchObject({ state: 'zurueckgegeben', returnComment: 'Begründung ergänzen' });
    expect(status()).toBe('zurueckgegeben');
    const edited = { ...content, sections: { ...content.sections, begruendung: { paragraphs: ['Weil.'] } } };
    await run(clerk1, 'saveBescheid', { bescheidId: B_ID, vorgangId: V_ID, content: edited });
    expect(status()).toBe('entscheidungsreif');
    await run(clerk1, 'submitBescheid', { bescheidId: B_ID, contentHash: await bescheidContentHash(edited) });
    expect(state()).toBe('eingereicht');
  });

  it('needs the Vorgang entscheidungsreif with a complete Prüfliste', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ status: 'in_bearbeitung' }));
    await rejected(run(clerk1, 'saveBescheid', { bescheidId: B_ID, vorgangId: V_ID, content }), 'invalid_transition');
    tx.vorgaenge.set(V_ID, vorgang({ pruefliste: { manual: {}, overrides: {} } }));
    const hash = await drafted();
    await rejected(run(clerk1, 'submitBescheid', { bescheidId: B_ID, contentHash: hash }), 'pruefliste_incomplete');
  });

  it('refuses to submit while placeholders are unresolved, naming them', async () => {
    const open = { ...content, sections: { tenor: { paragraphs: ['Die Fläche von [[antrag.flaeche]] m² …'] } } };
    await run(clerk1, 'saveBescheid', { bescheidId: B_ID, vorgangId: V_ID, content: open });
    await expect(
      run(clerk1, 'submitBescheid', { bescheidId: B_ID, contentHash: await bescheidContentHash(open) }),
    ).rejects.toMatchObject({ code: 'validation_failed', message: /antrag\.flaeche/ });
  });
});
