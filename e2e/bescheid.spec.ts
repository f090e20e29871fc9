import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bescheidContentHash } from '../shared/domain/bescheid.ts';
import { expect, test } from './fixtures.ts';
import { wcagViolations } from './support/axe.ts';
import { goOffline } from './support/offline.ts';
import { entscheidungsreif } from './support/casework.ts';
import { BescheidPage } from './pages/BescheidPage.ts';
import { VorgangPage } from './pages/VorgangPage.ts';

function run(cmd: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

test('the clerk drafts and submits a Bewilligung, cannot approve it; the lead approves; the server seals; the clerk downloads a valid PDF, dispatches it and verfügt z.d.A.; the Akte holds every document', async ({
  api,
  loginAs,
}, testInfo) => {
  test.setTimeout(240_000);
  const lead = await api('teamleitung1');
  const clerkApi = await api('sachbearbeiter1');
  const target = await entscheidungsreif(lead, clerkApi, 6);

  const clerk = await loginAs('sachbearbeiter1');
  const clerkVorgang = new VorgangPage(clerk.page);
  const clerkBescheid = new BescheidPage(clerk.page);
  await clerkVorgang.goto(target.id);
  await expect(clerkVorgang.status).toContainText('Entscheidungsreif');

  await test.step('the clerk drafts a Bewilligung from a Textvorlage and submits it', async () => {
    await clerkBescheid.openTab();
    await clerkBescheid.startDraft('bewilligung');
    await expect(clerkBescheid.field('tenor')).not.toBeEmpty();
    await clerkBescheid.editSection('begruendung', '\n\nDie Unterlagen sind vollständig.', { append: true });
    await clerkBescheid.expectSaveState('saved');
    expect(await wcagViolations(clerk.page), 'axe on the Bescheid editor').toEqual([]);
    await clerkBescheid.submit();
    await expect(clerkVorgang.status).toContainText('Zur Freigabe');
  });

  const submitted = [...(await lead.pullAll()).bescheide.values()].find((b) => b.vorgangId === target.id);
  if (!submitted?.submittedHash) throw new Error('the server has no submitted Bescheid for the Vorgang');
  expect(submitted).toMatchObject({ state: 'eingereicht', authorId: clerkApi.user.id });
  expect(await bescheidContentHash(submitted.content)).toBe(submitted.submittedHash);

  await test.step('the author is offered no approval, and a forged one is rejected and journaled', async () => {
    await expect(clerkBescheid.freigabe.getByRole('button', { name: 'Freigeben' })).toHaveCount(0);
    await expect(clerkBescheid.freigabeBlocked).toBeVisible();
    const forged = await clerkApi.mutate('approveBescheid', {
      bescheidId: submitted.id,
      contentHash: submitted.submittedHash,
    });
    expect(forged).toMatchObject({ status: 'rejected', error: { code: 'four_eyes_violation' } });
    const rejected = (await lead.journal(target.id)).filter((e) => e.action === 'rejected');
    expect(rejected.map((e) => e.summary)).toContainEqual(
      expect.objectContaining({ mutation: 'approveBescheid', code: 'four_eyes_violation' }),
    );
    expect((await lead.pullAll()).bescheide.get(submitted.id)?.state).toBe('eingereicht');
  });

  await test.step('the lead approves from the Freigabe queue', async () => {
    const leadUi = await loginAs('teamleitung1');
    const leadBescheid = new BescheidPage(leadUi.page);
    await leadBescheid.gotoQueue();
    await expect(leadBescheid.queueRow(target.aktenzeichen)).toBeVisible();
    expect(await wcagViolations(leadUi.page), 'axe on the Freigabe queue').toEqual([]);
    await leadBescheid.openFromQueue(target.aktenzeichen);
    await leadBescheid.approve();
    const journal = await lead.journal(target.id);
    expect(journal.find((e) => e.action === 'approveBescheid')).toMatchObject({
      actorId: lead.user.id,
      summary: { bescheidId: submitted.id, contentHash: submitted.submittedHash },
    });
  });

  await test.step('the server seals it; the clerk downloads the PDF and checks the seal', async () => {
    await clerkBescheid.expectSealed();
    await expect(clerkVorgang.status).toContainText('Bescheid erstellt');
    expect(await wcagViolations(clerk.page), 'axe on the sealed Bescheid').toEqual([]);
    const verification = await clerkBescheid.verificationResult();
    expect(verification).toMatchObject({ valid: true, checks: { valid: true, unchanged: true, chain: true } });

    const download = await clerkBescheid.downloadSealed();
    mkdirSync(testInfo.outputDir, { recursive: true });
    const saved = join(testInfo.outputDir, 'bescheid.pdf');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    const snap = await lead.pullAll();
    const sealed = [...snap.dokumente.values()].find((d) => d.vorgangId === target.id && d.source === 'bescheid');
    expect(sealed?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(snap.bescheide.get(submitted.id)?.state).toBe('gesiegelt');

    expect(run('qpdf', ['--check', saved]).code).toBe(0);
    const sig = run('pdfsig', [saved]);
    expect(sig.out).toContain('Signature Validation: Signature is Valid.');
    expect(sig.out).toContain('Signature Type: ETSI.CAdES.detached');
    const text = execFileSync('pdftotext', [saved, '-'], { encoding: 'utf8' });
    expect(text).toContain(target.aktenzeichen);
  });

  await test.step('the clerk records the postal dispatch; the Vorgang is versandt', async () => {
    await clerkBescheid.recordDispatch();
    await expect(clerkVorgang.status).toContainText('Versandt');
    expect(await wcagViolations(clerk.page), 'axe on the recorded dispatch').toEqual([]);
    // The outbox pushes in the background: the server has it once the push went through.
    await expect.poll(async () => (await lead.vorgang(target.id))?.status).toBe('versandt');
    const sent = await lead.vorgang(target.id);
    expect(sent?.versand).toMatchObject({ channel: 'post', recordedBy: clerkApi.user.id });
    const dispatched = (await lead.journal(target.id)).find((e) => e.action === 'recordDispatch');
    expect(dispatched).toMatchObject({
      actorId: clerkApi.user.id,
      summary: { channel: 'post', date: sent?.versand?.date, from: 'bescheid_erstellt', to: 'versandt' },
    });
    // The server files the Versandvermerk on its own, as a job, journaled with its hash.
    await expect
      .poll(async () => {
        const docs = [...(await lead.pullAll()).dokumente.values()];
        return docs.filter((d) => d.vorgangId === target.id && d.source === 'versandvermerk').length;
      })
      .toBe(1);
    expect((await lead.journal(target.id)).map((e) => e.action)).toContain('fileVersandvermerk');
  });
  await test.step('the clerk verfügt z.d.A.; the Vorgang and its Akte are read-only, the retention fixed', async () => {
    await expect(clerk.page.getByTestId('zda-state')).toHaveCount(0);
    await clerk.page.getByTestId('zda-open').click();
    const dialog = clerk.page.getByTestId('zda-dialog');
    await expect(dialog.getByRole('radio', { name: 'Bescheid versandt' })).toBeChecked();
    expect(await wcagViolations(clerk.page), 'axe on the z.d.A. dialog').toEqual([]);
    await dialog.getByTestId('zda-submit').click();
    await expect(clerkVorgang.status).toContainText('Abgeschlossen');
    await expect(clerk.page.getByTestId('zda-state')).toContainText('Aufbewahrung bis 31.12.');
    // Read-only in the UI: no status buttons, no note field, no upload.
    await expect(clerk.page.getByTestId('zda-open')).toHaveCount(0);
    await expect(clerk.page.getByRole('button', { name: /Status ändern zu/ })).toHaveCount(0);
    await expect.poll(async () => (await lead.vorgang(target.id))?.status).toBe('abgeschlossen');
    const akte = (await lead.pullAll()).akten.get(target.id);
    expect(akte).toMatchObject({
      status: 'zda',
      abschluss: { grund: 'bescheid_versandt', verfuegtVon: clerkApi.user.id },
    });
    expect(akte?.aufbewahrungBis).toMatch(/^\d{4}-12-31$/);
    // A later edit forged through push is refused by the server, and journaled.
    const forged = await clerkApi.mutate('addNote', {
      noteId: crypto.randomUUID(),
      vorgangId: target.id,
      text: 'nachträglich',
    });
    expect(forged).toMatchObject({ status: 'rejected', error: { code: 'closed' } });
    const journal = await lead.journal(target.id);
    expect(journal.map((e) => e.action)).toContain('verfuegeZda');
    expect(journal.filter((e) => e.action === 'rejected').map((e) => e.summary)).toContainEqual(
      expect.objectContaining({ mutation: 'addNote', code: 'closed' }),
    );
  });

  await test.step('the Akten view: the Aktenplan tree by keyboard, the Akte with every document and its hash', async () => {
    await clerk.page.getByRole('link', { name: 'Akten', exact: true }).click();
    const tree = clerk.page.getByRole('treegrid', { name: 'Aktenplan' });
    await expect(tree).toBeVisible();
    expect(await wcagViolations(clerk.page), 'axe on the Akten view').toEqual([]);
    // Keyboard only: into the tree, open the groups down to the Verfahren's leaf, select it.
    const kennzeichen = target.aktenzeichen.split('-')[0] ?? '';
    await tree.getByRole('row').first().focus();
    for (let i = 0; i < 40; i += 1) {
      const focused = clerk.page.locator('[data-testid="aktenplan-item"]:focus');
      const key = await focused.getAttribute('data-kennzeichen');
      if (key === kennzeichen) break;
      await clerk.page.keyboard.press(key !== null && kennzeichen.startsWith(`${key}.`) ? 'ArrowRight' : 'ArrowDown');
      if (
        key !== null &&
        kennzeichen.startsWith(`${key}.`) &&
        (await focused.getAttribute('aria-expanded')) === 'true'
      ) {
        await clerk.page.keyboard.press('ArrowDown');
      }
    }
    await clerk.page.keyboard.press('Enter');
    const row = clerk.page.locator(`[data-testid="akte-row"][data-akte-id="${target.id}"]`);
    await expect(row).toBeVisible();
    await clerk.page.getByTestId('akten-filter-status').selectOption('zda');
    await expect(row).toBeVisible();
    await clerk.page.getByTestId('akten-filter-status').selectOption('laufend');
    await expect(row).toHaveCount(0);
    await clerk.page.getByTestId('akten-filter-status').selectOption('alle');
    await row.getByRole('link', { name: target.aktenzeichen }).click();
    await expect(clerk.page.getByTestId('akte-status')).toContainText('z. d. A. seit');
    // The demo server files closed Akten into its drop-directory DMS (xdomea 0605), as a job.
    await expect(clerk.page.getByTestId('akte-dms')).toContainText('übermittelt am', { timeout: 30_000 });
    const delivered = readdirSync(join('.tmp', 'e2e-data', 'dms', 'ausgang')).filter((n) =>
      n.endsWith('_FVDaten.SGOAblegen.0605.zip'),
    );
    expect(delivered).toHaveLength(1);
    const docs = clerk.page.getByTestId('akte-documents').getByTestId('dokument-row');
    const snapshot = await lead.pullAll();
    const expected = [...snapshot.dokumente.values()].filter((d) => d.vorgangId === target.id);
    expect(expected.some((d) => d.source === 'bescheid')).toBe(true);
    expect(expected.some((d) => d.source === 'versandvermerk')).toBe(true);
    await expect(docs).toHaveCount(expected.length);
    for (const d of expected) {
      await expect(clerk.page.locator(`[data-testid="dokument-row"][data-sha256="${d.sha256}"]`)).toBeVisible();
    }
    expect(await wcagViolations(clerk.page), 'axe on the Akte').toEqual([]);

    // Akteneinsicht: one PDF, structurally valid, listing every document with its hash.
    const [download] = await Promise.all([
      clerk.page.waitForEvent('download'),
      clerk.page.getByTestId('akteneinsicht').click(),
    ]);
    const bundle = join(testInfo.outputDir, 'akteneinsicht.pdf');
    await download.saveAs(bundle);
    expect(run('qpdf', ['--check', bundle]).code).toBe(0);
    const index = execFileSync('pdftotext', ['-layout', bundle, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(index).toContain(target.aktenzeichen);
    for (const d of expected) expect(index).toContain(d.sha256);
  });

  await test.step('offline: the Akte and its cached documents stay readable, the Akteneinsicht too', async () => {
    const connection = await goOffline(clerk.context, new URL(clerk.page.url()).origin);
    await clerk.page.reload();
    await new VorgangPage(clerk.page).sync.expectState('offline');
    await expect(clerk.page.getByTestId('akte-status')).toContainText('z. d. A. seit');
    const offlineDocs = clerk.page.getByTestId('akte-documents').getByTestId('dokument-row');
    await expect(offlineDocs.first()).toBeVisible();
    // Every document was fetched for the bundle before: all of them are cached on this device.
    await expect(offlineDocs.and(clerk.page.locator('[data-state="remote"]'))).toHaveCount(0);
    expect(await offlineDocs.and(clerk.page.locator('[data-state="cached"]')).count()).toBe(await offlineDocs.count());
    const [again] = await Promise.all([
      clerk.page.waitForEvent('download'),
      clerk.page.getByTestId('akteneinsicht').click(),
    ]);
    const offlineBundle = join(testInfo.outputDir, 'akteneinsicht-offline.pdf');
    await again.saveAs(offlineBundle);
    expect(run('qpdf', ['--check', offlineBundle]).code).toBe(0);
    await connection.goOnline();
  });
});
