import { describe, expect, it } from 'vitest';
import type { PullResponse, Rejection, SyncChange } from '../../../shared/contracts/http/index.ts';
import type { Absence, Dokument, Vorgang } from '../../../shared/domain/index.ts';
import { clerk, colleague, lead, makeNote, makeVorgang, testUuid, verfahren } from '../../test/fixtures.ts';
import { freshDb } from '../../test/db.ts';
import { fromVorgangRow, getMeta, setMeta, toVorgangRow, type AmtsplatzDb } from '../db/index.ts';
import { mutate } from './mutate.ts';
import { applyPage } from './pull.ts';

const clientId = '5b0c4a3e-8f1d-4c2b-9a7e-2d4f6b8c0e1a';
const at = new Date('2026-11-23T08:30:00.000Z');

function page(p: Partial<PullResponse> & { changes: SyncChange[] }): PullResponse {
  return { cursor: '1', lastMutationSeq: 0, rejections: [], exits: [], hasMore: false, ...p };
}
const vorgang = (value: Vorgang): SyncChange => ({ entity: 'vorgang', value });

async function current(db: AmtsplatzDb, id: string): Promise<Vorgang | undefined> {
  const row = await db.vorgaenge.get(id);
  return row && fromVorgangRow(row);
}

/** A Vorgang the server changed (another clerk or the lead): newer version, later updatedAt. */
function serverUpdate(v: Vorgang, patch: Partial<Vorgang>): Vorgang {
  return { ...v, ...patch, version: v.version + 3, updatedAt: '2026-11-23T09:00:00.000Z' };
}

describe('applyPage', () => {
  it('stores changed rows, rejections and the cursor of each page', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    const note = makeNote(v.id);
    await applyPage(
      db,
      clerk,
      page({
        cursor: '7',
        hasMore: true,
        changes: [
          { entity: 'user', value: lead },
          { entity: 'orgUnit', value: { id: 'ou-2', name: 'Team 2' } },
          vorgang(v),
        ],
      }),
    );
    expect(await getMeta(db, 'cursor')).toBe('7');

    const rejection: Rejection = {
      clientId,
      mutationSeq: 1,
      name: 'claim',
      code: 'already_assigned',
      message: 'taken',
      rejectedAt: '2026-11-23T09:00:00.000Z',
    };
    await applyPage(
      db,
      clerk,
      page({ cursor: '9', changes: [{ entity: 'note', value: note }], rejections: [rejection] }),
    );

    expect(await getMeta(db, 'cursor')).toBe('9');
    expect(await db.users.get(lead.id)).toEqual(lead);
    expect(await db.orgUnits.get('ou-2')).toEqual({ id: 'ou-2', name: 'Team 2' });
    expect(await db.vorgaenge.get(v.id)).toEqual(toVorgangRow(v));
    expect(await db.notes.get(note.id)).toEqual(note);
    expect(await db.rejections.toArray()).toEqual([rejection]);
  });

  it('rebases a pending claim on top of a newer server row', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));
    await mutate(db, clerk, 'claim', { vorgangId: v.id }, at);

    const newer = serverUpdate(v, { wiedervorlage: { date: '2026-12-01' } });
    await applyPage(db, clerk, page({ changes: [vorgang(newer)] }));

    expect(await current(db, v.id)).toEqual({
      ...newer,
      assigneeId: clerk.id,
      version: newer.version + 1,
      updatedAt: at.toISOString(),
    });
    expect(await db.outbox.count()).toBe(1);
    expect((await db.shadows.get(`vorgang:${v.id}`))?.value).toEqual(newer);
  });

  it('applies a pending mutation once, however often the server sends nothing about its row', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang({ assigneeId: clerk.id, status: 'in_bearbeitung' });
    await db.vorgaenge.put(toVorgangRow(v));
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, at);

    await applyPage(db, clerk, page({ changes: [] }));
    await applyPage(db, clerk, page({ changes: [vorgang(makeVorgang())] }));

    expect(await current(db, v.id)).toMatchObject({ wiedervorlage: { date: '2026-12-01' }, version: v.version + 1 });
    expect(await db.outbox.count()).toBe(1);
  });

  it('drops entries up to lastMutationSeq and re-applies only the later ones', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang({ assigneeId: clerk.id, status: 'in_bearbeitung' });
    await db.vorgaenge.put(toVorgangRow(v));
    await db.verfahren.put(verfahren);
    await mutate(db, clerk, 'changeStatus', { vorgangId: v.id, to: 'entscheidungsreif' }, at);
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, at);

    // The server has applied seq 1 only.
    const applied = serverUpdate(v, { status: 'entscheidungsreif' });
    await applyPage(db, clerk, page({ lastMutationSeq: 1, changes: [vorgang(applied)] }));

    expect(await db.outbox.toCollection().primaryKeys()).toEqual([2]);
    expect(await current(db, v.id)).toEqual({
      ...applied,
      wiedervorlage: { date: '2026-12-01' },
      version: applied.version + 1,
      updatedAt: at.toISOString(),
    });

    // Seq 2 confirmed as well: the server's row is shown as is, no shadow is left.
    const done = serverUpdate(applied, { wiedervorlage: { date: '2026-12-01' } });
    await applyPage(db, clerk, page({ lastMutationSeq: 2, changes: [vorgang(done)] }));
    expect(await db.outbox.count()).toBe(0);
    expect(await db.shadows.count()).toBe(0);
    expect(await current(db, v.id)).toEqual(done);
  });

  it('removes the effect of a rejected mutation once the server has answered it', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));
    await mutate(db, clerk, 'claim', { vorgangId: v.id }, at);
    expect((await current(db, v.id))?.assigneeId).toBe(clerk.id);

    const rejection: Rejection = {
      clientId,
      mutationSeq: 1,
      name: 'claim',
      code: 'already_assigned',
      message: 'taken',
      rejectedAt: '2026-11-23T09:00:00.000Z',
    };
    const taken = serverUpdate(v, { assigneeId: colleague.id });
    await applyPage(db, clerk, page({ lastMutationSeq: 1, rejections: [rejection], changes: [vorgang(taken)] }));

    expect(await current(db, v.id)).toEqual(taken);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejections.count()).toBe(1);
  });

  it('restores the server row when a rejection comes without the row', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));
    await mutate(db, clerk, 'claim', { vorgangId: v.id }, at);

    await applyPage(db, clerk, page({ lastMutationSeq: 1, changes: [] }));

    expect(await current(db, v.id)).toEqual(v);
  });

  it('keeps an entry whose re-run fails on the new server state, for the server to answer', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));
    await mutate(db, clerk, 'claim', { vorgangId: v.id }, at);

    const taken = serverUpdate(v, { assigneeId: colleague.id });
    await applyPage(db, clerk, page({ lastMutationSeq: 0, changes: [vorgang(taken)] }));

    expect(await current(db, v.id)).toEqual(taken);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.shadows.count()).toBe(0);
  });

  it('keeps showing the optimistic row between the pages of a long pull', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));
    await mutate(db, clerk, 'claim', { vorgangId: v.id }, at);

    const newer = serverUpdate(v, { frist: '2026-12-15' });
    await applyPage(db, clerk, page({ hasMore: true, changes: [vorgang(newer)] }));
    expect(await current(db, v.id)).toMatchObject({ assigneeId: clerk.id, frist: v.frist });

    await applyPage(db, clerk, page({ changes: [] }));
    expect(await current(db, v.id)).toMatchObject({ assigneeId: clerk.id, frist: '2026-12-15' });
  });

  it('removes a pending note again when its mutation is rejected', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    await db.vorgaenge.put(toVorgangRow(v));
    const note = makeNote(v.id);
    await mutate(db, clerk, 'addNote', { vorgangId: v.id, noteId: note.id, text: note.text }, at);
    expect(await db.notes.count()).toBe(1);

    await applyPage(db, clerk, page({ lastMutationSeq: 1, changes: [] }));
    expect(await db.notes.count()).toBe(0);
  });

  it('never hands out a seq the server has already processed', async () => {
    const db = await freshDb(clerk);
    await setMeta(db, 'lastSeq', 3);
    await applyPage(db, clerk, page({ lastMutationSeq: 10, changes: [] }));
    expect(await getMeta(db, 'lastSeq')).toBe(10);
  });

  it('stores pulled Dokumente and absences', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang();
    const d: Dokument = {
      id: testUuid(),
      vorgangId: v.id,
      name: 'Antrag.pdf',
      mediaType: 'application/pdf',
      size: 10,
      sha256: 'a'.repeat(64),
      source: 'antrag',
      uploadedBy: null,
      createdAt: '2026-11-02T09:00:00.000Z',
    };
    const a: Absence = {
      id: testUuid(),
      userId: colleague.id,
      deputyId: clerk.id,
      orgUnitId: 'ou-1',
      from: '2026-11-20',
      to: '2026-11-27',
      createdBy: colleague.id,
      createdAt: '2026-11-19T09:00:00.000Z',
      cancelled: false,
    };
    await applyPage(
      db,
      clerk,
      page({ changes: [vorgang(v), { entity: 'dokument', value: d }, { entity: 'absence', value: a }] }),
    );
    expect(await db.dokumente.where('vorgangId').equals(v.id).toArray()).toEqual([d]);
    expect(await db.absences.where('deputyId').equals(clerk.id).toArray()).toEqual([a]);

    // The stored absence makes the clerk the colleague's deputy for local mutations as well.
    const theirs = makeVorgang({ assigneeId: colleague.id, status: 'in_bearbeitung' });
    await db.vorgaenge.put(toVorgangRow(theirs));
    const res = await mutate(db, clerk, 'setWiedervorlage', { vorgangId: theirs.id, date: '2026-12-01' }, at);
    expect(res.ok).toBe(true);
  });

  it('keeps a pending absence over the server’s rows until the server confirms it', async () => {
    const db = await freshDb(clerk);
    await db.users.bulkPut([clerk, colleague]);
    const absenceId = testUuid();
    const args = { absenceId, userId: clerk.id, deputyId: colleague.id, from: '2026-12-01', to: '2026-12-05' };
    await mutate(db, clerk, 'setAbsence', args, at);
    expect(await db.shadows.get(`absence:${absenceId}`)).toEqual({
      key: `absence:${absenceId}`,
      entity: 'absence',
      value: null,
    });

    const confirmed: Absence = {
      id: absenceId,
      userId: clerk.id,
      deputyId: colleague.id,
      orgUnitId: 'ou-1',
      from: '2026-12-01',
      to: '2026-12-05',
      createdBy: clerk.id,
      createdAt: '2026-11-23T09:00:00.000Z',
      cancelled: false,
    };
    await applyPage(db, clerk, page({ hasMore: true, changes: [{ entity: 'absence', value: confirmed }] }));
    expect((await db.absences.get(absenceId))?.createdAt).toBe(at.toISOString());

    await applyPage(db, clerk, page({ lastMutationSeq: 1, changes: [] }));
    expect(await db.absences.get(absenceId)).toEqual(confirmed);
    expect(await db.shadows.count()).toBe(0);
  });

  it('drops rows that left the scope, with their shadows, cached journal and unpinned bytes', async () => {
    const db = await freshDb(clerk);
    const v = makeVorgang({ assigneeId: clerk.id });
    const kept = makeVorgang();
    const note = makeNote(v.id);
    const doc = (n: number, sha: string): Dokument => ({
      id: testUuid(),
      vorgangId: n === 1 ? v.id : kept.id,
      name: `Anlage-${n}.pdf`,
      mediaType: 'application/pdf',
      size: 10,
      sha256: sha,
      source: 'antrag',
      uploadedBy: null,
      createdAt: '2026-11-02T09:00:00.000Z',
    });
    const gone = doc(1, 'b'.repeat(64));
    const shared = doc(2, 'c'.repeat(64));
    const sameBytes = { ...doc(1, 'c'.repeat(64)) };
    await applyPage(
      db,
      clerk,
      page({
        changes: [
          vorgang(v),
          vorgang(kept),
          { entity: 'note', value: note },
          { entity: 'dokument', value: gone },
          { entity: 'dokument', value: shared },
          { entity: 'dokument', value: sameBytes },
        ],
      }),
    );
    const blob = (sha256: string, pinned: 0 | 1) => ({
      sha256,
      bytes: new Blob(['x']),
      size: 1,
      mediaType: 'application/pdf',
      lastUsed: 1,
      pinned,
    });
    await db.blobs.bulkPut([blob(gone.sha256, 0), blob(shared.sha256, 0)]);
    await db.journal.put({
      vorgangId: v.id,
      seq: 1,
      actorId: clerk.id,
      action: 'claim',
      deviceTime: null,
      serverTime: '2026-11-23T09:00:00.000Z',
      summary: {},
      prevHash: '0'.repeat(64),
      hash: '1'.repeat(64),
    });
    // A pending edit keeps a shadow of the row; the exit must not let rebase bring it back.
    await mutate(db, clerk, 'setWiedervorlage', { vorgangId: v.id, date: '2026-12-01' }, at);
    expect(await db.shadows.count()).toBe(1);

    await applyPage(
      db,
      clerk,
      page({
        changes: [],
        exits: [
          { entity: 'vorgang', id: v.id },
          { entity: 'note', id: note.id },
          { entity: 'dokument', id: gone.id },
          { entity: 'dokument', id: sameBytes.id },
        ],
      }),
    );
    expect(await db.vorgaenge.get(v.id)).toBeUndefined();
    expect(await db.notes.get(note.id)).toBeUndefined();
    expect(await db.dokumente.get(gone.id)).toBeUndefined();
    expect(await db.shadows.count()).toBe(0);
    expect(await db.journal.where('vorgangId').equals(v.id).count()).toBe(0);
    // Bytes only the gone documents named are evicted; bytes another document names stay.
    expect(await db.blobs.get(gone.sha256)).toBeUndefined();
    expect(await db.blobs.get(shared.sha256)).toBeDefined();
    expect(await db.vorgaenge.get(kept.id)).toBeDefined();
    // The outbox entry stays for the server to answer (out_of_scope).
    expect(await db.outbox.count()).toBe(1);
  });
});
