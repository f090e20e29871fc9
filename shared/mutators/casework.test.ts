import { beforeEach, describe, expect, it } from 'vitest';
import { verfahrenDef, type User, type VerfahrenDef, type Vorgang } from '../domain/index.ts';
import { MemoryTx } from './memory-tx.ts';
import { runMutation, type MutatorContext } from './index.ts';

const OE1 = 'oe-1';
const clerk1: User = { id: 'u1', username: 'sb1', displayName: 'Sb 1', roles: ['clerk'], orgUnitId: OE1 };
const clerk2: User = { id: 'u2', username: 'sb2', displayName: 'Sb 2', roles: ['clerk'], orgUnitId: OE1 };
const lead: User = { id: 'u3', username: 'tl', displayName: 'TL', roles: ['lead'], orgUnitId: OE1 };
const foreign: User = { id: 'u4', username: 'sb3', displayName: 'Sb 3', roles: ['clerk'], orgUnitId: 'oe-2' };
const V_ID = '7f2a3c1e-2b4d-4e8f-9a1b-0c2d3e4f5a6b';
const NOW = '2026-11-23T10:00:00.000Z';
const HASH = 'a'.repeat(64);

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
    version: 2,
    items: [
      { id: 'vollstaendig', label: label('Vollständig'), kind: 'manual', required: true },
      { id: 'grenze', label: label('Grenze'), kind: 'rule', required: true, rule: 'leistung <= 800' },
      { id: 'hinweis', label: label('Hinweis'), kind: 'manual', required: false },
    ],
  },
  prueflisteArchive: [
    { id: 'test', version: 1, items: [{ id: 'alt', label: label('Alt'), kind: 'manual', required: true }] },
  ],
});

function vorgang(patch: Partial<Vorgang> = {}): Vorgang {
  return {
    id: V_ID,
    aktenzeichen: '32.10-2026/00001',
    verfahrenId: 'testverfahren',
    status: 'in_bearbeitung',
    applicant: { givenName: 'Jörg', familyName: 'Müller', street: 'Hauptstr. 1', postalCode: '10115', city: 'Berlin' },
    antragsdaten: { leistung: 600 },
    receivedAt: '2026-11-01T08:00:00.000Z',
    frist: '2026-12-15',
    assigneeId: 'u1',
    orgUnitId: OE1,
    wiedervorlage: null,
    nachforderung: null,
    versand: null,
    prueflisteVersion: 2,
    pruefliste: { manual: {}, overrides: {} },
    version: 1,
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...patch,
  };
}

let tx: MemoryTx;
const ctx = (actor: User, now = NOW): MutatorContext => ({ actor, now, authoritative: true });
const run = (actor: User, name: string, args: unknown, now?: string) => runMutation(tx, ctx(actor, now), name, args);
const rejected = (p: Promise<void>, code: string) => expect(p).rejects.toMatchObject({ name: 'DomainError', code });
const stored = () => {
  const v = tx.vorgaenge.get(V_ID);
  if (!v) throw new Error('Vorgang missing');
  return v;
};

beforeEach(() => {
  tx = new MemoryTx();
  for (const u of [clerk1, clerk2, lead, foreign]) tx.users.set(u.id, u);
  tx.verfahren.set(verfahren.id, verfahren);
  tx.vorgaenge.set(V_ID, vorgang());
});

describe('Prüfliste gating of entscheidungsreif', () => {
  const toReady = () => run(clerk1, 'changeStatus', { vorgangId: V_ID, to: 'entscheidungsreif' });

  it('refuses while a required manual item is undecided, naming it', async () => {
    await expect(toReady()).rejects.toMatchObject({ code: 'pruefliste_incomplete', message: /vollstaendig/ });
    expect(stored().status).toBe('in_bearbeitung');
  });

  it('allows the step once every required item is decided', async () => {
    await run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: { decision: 'ok' } });
    await toReady();
    expect(stored().status).toBe('entscheidungsreif');
  });

  it('needs a failed rule explained by an override with a reason', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ antragsdaten: { leistung: 1000 } }));
    await run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: { decision: 'ok' } });
    await expect(toReady()).rejects.toMatchObject({ code: 'pruefliste_incomplete', message: /grenze/ });
    await rejected(
      run(clerk1, 'overridePruefRule', {
        vorgangId: V_ID,
        itemId: 'grenze',
        override: { decision: 'ok', reason: '  ' },
      }),
      'validation_failed',
    );
    await run(clerk1, 'overridePruefRule', {
      vorgangId: V_ID,
      itemId: 'grenze',
      override: { decision: 'ok', reason: 'Drosselung auf 800 W nachgewiesen' },
    });
    await toReady();
    expect(stored().pruefliste.overrides.grenze?.reason).toBe('Drosselung auf 800 W nachgewiesen');
  });

  it('needs a note for a not_ok decision', async () => {
    await run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: { decision: 'not_ok' } });
    await expect(toReady()).rejects.toMatchObject({ code: 'pruefliste_incomplete' });
    await run(clerk1, 'decidePruefItem', {
      vorgangId: V_ID,
      itemId: 'vollstaendig',
      decision: { decision: 'not_ok', note: 'Unterschrift fehlt, wird abgelehnt' },
    });
    await toReady();
  });

  it('keeps the template version the Vorgang started with', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ prueflisteVersion: 1 }));
    await rejected(
      run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: { decision: 'ok' } }),
      'not_found',
    );
    await run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'alt', decision: { decision: 'ok' } });
    await toReady();
  });

  it('does not gate a Vorgang without a Prüfliste', async () => {
    tx.vorgaenge.set(V_ID, vorgang({ prueflisteVersion: null }));
    await toReady();
    expect(stored().status).toBe('entscheidungsreif');
  });
});

describe('Prüfliste mutators', () => {
  it('withdraws a decision with null, and refuses the wrong kind and unknown items', async () => {
    await run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: { decision: 'n_a' } });
    expect(stored().pruefliste.manual.vollstaendig).toEqual({ decision: 'n_a' });
    await run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: null });
    expect(stored().pruefliste.manual).toEqual({});
    await rejected(
      run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'grenze', decision: { decision: 'ok' } }),
      'validation_failed',
    );
    await rejected(
      run(clerk1, 'overridePruefRule', { vorgangId: V_ID, itemId: 'vollstaendig', override: null }),
      'validation_failed',
    );
    await rejected(
      run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'constructor', decision: { decision: 'ok' } }),
      'not_found',
    );
  });

  it('freezes the Prüfliste from entscheidungsreif on, and only lets who may work change it', async () => {
    await rejected(
      run(clerk2, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: { decision: 'ok' } }),
      'not_assignee',
    );
    tx.vorgaenge.set(V_ID, vorgang({ status: 'zur_freigabe' }));
    await rejected(
      run(clerk1, 'decidePruefItem', { vorgangId: V_ID, itemId: 'vollstaendig', decision: { decision: 'ok' } }),
      'invalid_transition',
    );
  });
});

describe('Nachforderung', () => {
  it('puts the Vorgang in wartet with its own Frist; leaving wartet ends it', async () => {
    await run(clerk1, 'requestNachforderung', { vorgangId: V_ID, frist: '2026-12-07', text: 'Lageplan fehlt' });
    expect(stored()).toMatchObject({
      status: 'wartet',
      nachforderung: { frist: '2026-12-07', requestedAt: NOW, text: 'Lageplan fehlt' },
    });
    await run(clerk1, 'changeStatus', { vorgangId: V_ID, to: 'in_bearbeitung' });
    expect(stored()).toMatchObject({ status: 'in_bearbeitung', nachforderung: null });
  });

  it('refuses a Frist that is not in the future and waiting without a Nachforderung', async () => {
    await rejected(
      run(clerk1, 'requestNachforderung', { vorgangId: V_ID, frist: '2026-11-23', text: 'x' }),
      'validation_failed',
    );
    await rejected(run(clerk1, 'changeStatus', { vorgangId: V_ID, to: 'wartet' }), 'invalid_transition');
  });
});

describe('takeOver', () => {
  it('takes over the colleague named, and conflicts when the owner changed meanwhile', async () => {
    await rejected(run(clerk2, 'takeOver', { vorgangId: V_ID, fromAssigneeId: 'u3' }), 'conflict');
    await run(clerk2, 'takeOver', { vorgangId: V_ID, fromAssigneeId: 'u1' });
    expect(stored().assigneeId).toBe('u2');
    await rejected(run(foreign, 'takeOver', { vorgangId: V_ID, fromAssigneeId: 'u2' }), 'not_found');
  });
});

describe('Vertretung', () => {
  const absenceId = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
  const absence = { absenceId, userId: 'u1', deputyId: 'u2', from: '2026-11-20', to: '2026-11-27' };

  it('lets the deputy work the absent colleague’s Vorgang only while the absence lasts', async () => {
    await rejected(run(clerk2, 'setWiedervorlage', { vorgangId: V_ID, date: '2026-12-01' }), 'not_assignee');
    await run(clerk1, 'setAbsence', absence);
    await run(clerk2, 'setWiedervorlage', { vorgangId: V_ID, date: '2026-12-01' });
    expect(stored().wiedervorlage).toEqual({ date: '2026-12-01' });
    await rejected(run(clerk2, 'clearWiedervorlage', { vorgangId: V_ID }, '2026-11-28T08:00:00.000Z'), 'not_assignee');
    await run(clerk1, 'cancelAbsence', { absenceId });
    await rejected(run(clerk2, 'clearWiedervorlage', { vorgangId: V_ID }), 'not_assignee');
  });

  it('lets the lead enter an absence for a member, but not a clerk for a colleague', async () => {
    await rejected(run(clerk2, 'setAbsence', absence), 'forbidden');
    await run(lead, 'setAbsence', absence);
    expect(tx.absences.get(absenceId)).toMatchObject({
      userId: 'u1',
      deputyId: 'u2',
      createdBy: 'u3',
      cancelled: false,
    });
  });

  it('refuses a deputy outside the org unit, oneself as deputy, and a reversed period', async () => {
    await rejected(run(clerk1, 'setAbsence', { ...absence, deputyId: 'u4' }), 'validation_failed');
    await rejected(run(clerk1, 'setAbsence', { ...absence, deputyId: 'u1' }), 'validation_failed');
    await rejected(run(clerk1, 'setAbsence', { ...absence, from: '2026-11-28' }), 'validation_failed');
  });
});

describe('notes: edit and delete', () => {
  const noteId = '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
  beforeEach(async () => {
    await run(clerk1, 'addNote', { vorgangId: V_ID, noteId, text: 'Erster Text' });
  });

  it('lets the author edit and delete, keeping no text on the deleted note', async () => {
    await run(clerk1, 'editNote', { vorgangId: V_ID, noteId, text: 'Zweiter Text' }, '2026-11-23T11:00:00.000Z');
    expect(tx.notes.get(noteId)).toMatchObject({ text: 'Zweiter Text', updatedAt: '2026-11-23T11:00:00.000Z' });
    await run(clerk1, 'deleteNote', { vorgangId: V_ID, noteId });
    expect(tx.notes.get(noteId)).toMatchObject({ text: '', deletedAt: NOW });
    await rejected(run(clerk1, 'editNote', { vorgangId: V_ID, noteId, text: 'wieder da' }), 'not_found');
  });

  it('refuses anyone else, also the lead', async () => {
    await rejected(run(clerk2, 'editNote', { vorgangId: V_ID, noteId, text: 'fremd' }), 'forbidden');
    await rejected(run(lead, 'deleteNote', { vorgangId: V_ID, noteId }), 'forbidden');
    expect(tx.notes.get(noteId)?.text).toBe('Erster Text');
  });
});

describe('addDokument', () => {
  const dokumentId = '2c3d4e5f-6071-4b8c-9dae-1f2a3b4c5d6e';
  const args = {
    vorgangId: V_ID,
    dokumentId,
    name: 'Lageplan.pdf',
    mediaType: 'application/pdf',
    size: 1234,
    sha256: HASH,
  };

  it('refuses metadata whose bytes have not arrived', async () => {
    await rejected(run(clerk1, 'addDokument', args), 'blob_missing');
    expect(tx.dokumente.size).toBe(0);
  });

  it('records the upload once the blob is there, once', async () => {
    tx.blobs.add(HASH);
    await run(clerk1, 'addDokument', args);
    expect(tx.dokumente.get(dokumentId)).toMatchObject({ source: 'upload', uploadedBy: 'u1', sha256: HASH });
    await rejected(run(clerk1, 'addDokument', args), 'conflict');
  });

  it('refuses oversized documents and bad hashes before anything else', async () => {
    tx.blobs.add(HASH);
    await rejected(run(clerk1, 'addDokument', { ...args, size: 60 * 1024 * 1024 }), 'validation_failed');
    await rejected(run(clerk1, 'addDokument', { ...args, sha256: 'A'.repeat(64) }), 'validation_failed');
  });
});
