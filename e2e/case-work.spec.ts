import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { berlinDate, vorgangPruefliste } from '../shared/domain/index.ts';
import { expect, test } from './fixtures.ts';
import { wcagViolations } from './support/axe.ts';
import { unassignedWithPruefliste } from './support/casework.ts';
import { USER_ID, dateInDays } from './support/data.ts';
import { goOffline } from './support/offline.ts';
import { VorgangPage } from './pages/VorgangPage.ts';

/** A small real PDF with a unique name (demo Vorgänge carry their own attachments). */
async function writePdf(dir: string, name: string): Promise<{ path: string; sha256: string }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(`Nachweis ${name} – ${Date.now()}`, { x: 50, y: 700, font, size: 14 });
  const bytes = await doc.save();
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function expectAxeClean(vorgang: VorgangPage, pane: Parameters<VorgangPage['openPane']>[0]): Promise<void> {
  await vorgang.openPane(pane);
  expect(await wcagViolations(vorgang.page), `axe on pane ${pane}`).toEqual([]);
}

test('a clerk works the Prüfliste and adds a document offline; the lead sees both; only a complete Prüfliste reaches entscheidungsreif', async ({
  api,
  loginAs,
  baseURL,
}, testInfo) => {
  if (!baseURL) throw new Error('baseURL is not configured');
  test.setTimeout(180_000);
  const lead = await api('teamleitung1');
  const verfahren = new Map((await lead.verfahren()).map((v) => [v.id, v]));
  const target = await unassignedWithPruefliste(lead, 3);
  const def = verfahren.get(target.verfahrenId);
  if (!def) throw new Error(`Verfahren ${target.verfahrenId} missing`);
  const today = berlinDate(new Date());
  const plan = vorgangPruefliste(def, target, today);
  if (!plan) throw new Error('the target has no Prüfliste');
  const ruleItems = plan.template.items.filter((i) => i.kind === 'rule');
  const manualItems = plan.template.items.filter((i) => i.kind === 'manual');
  const failing = ruleItems.filter((i) => plan.results.get(i.id)?.outcome !== 'pass' && i.required);
  const wv = dateInDays(14);
  const pdf = await writePdf(testInfo.outputDir, `Nachweis-${target.id.slice(0, 8)}.pdf`);
  const pdfName = pdf.path.split('/').at(-1) ?? '';

  const clerk = await loginAs('sachbearbeiter1');
  await clerk.inbox.show('open');
  await clerk.inbox.find(target.aktenzeichen, target.id);
  const vorgang = await clerk.inbox.open(target.id);

  await test.step('online: claim and start work', async () => {
    await vorgang.claim();
    await vorgang.changeStatus('in_bearbeitung');
    await vorgang.sync.expectInSync({ timeout: 20_000 });
  });

  const connection = await goOffline(clerk.context, baseURL);

  await test.step('offline: rule items are evaluated already, with their reasons', async () => {
    await vorgang.openPane('pruefliste');
    for (const item of ruleItems) {
      const result = vorgang.pruefItem(item.id).getByTestId('rule-result');
      await expect(result).toHaveAttribute('data-outcome', plan.results.get(item.id)?.outcome ?? 'error');
      await expect(result).not.toBeEmpty();
    }
    await expect(vorgang.prueflisteSummary).toHaveAttribute('data-complete', 'false');
    await expect(vorgang.changeStatusButton('entscheidungsreif')).toBeDisabled();
  });

  await test.step('offline: decide the manual items, explain failed rules, add a PDF, set a Wiedervorlage', async () => {
    for (const item of manualItems) await vorgang.decideManual(item.id, 'ok');
    for (const item of failing) await vorgang.overrideRule(item.id, 'ok', 'Nachweis liegt in Papierform vor');
    await expect(vorgang.prueflisteSummary).toHaveAttribute('data-complete', 'true');
    await vorgang.uploadFile(pdf.path);
    await expect(vorgang.documentRow(pdfName)).toHaveAttribute('data-sha256', pdf.sha256);
    await vorgang.setWiedervorlage(wv.iso);
    await expect(vorgang.changeStatusButton('entscheidungsreif')).toBeEnabled();
    await vorgang.changeStatus('entscheidungsreif');
    const onServer = await lead.vorgang(target.id);
    expect(onServer?.status).toBe('in_bearbeitung');
  });

  await test.step('reconnect: everything reaches the server, the journal keeps both times', async () => {
    await connection.goOnline();
    await vorgang.sync.expectInSync({ timeout: 20_000 });
    const v = await lead.vorgang(target.id);
    expect(v).toMatchObject({ status: 'entscheidungsreif', assigneeId: USER_ID.sachbearbeiter1 });
    expect(v?.wiedervorlage?.date).toBe(wv.iso);
    expect(Object.keys(v?.pruefliste.manual ?? {}).sort()).toEqual(manualItems.map((i) => i.id).sort());
    const journal = await lead.journal(target.id);
    const actions = journal.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['decidePruefItem', 'addDokument', 'setWiedervorlage']));
    if (failing.length > 0) expect(actions).toContain('overridePruefRule');
    expect(journal.every((e) => e.deviceTime !== null)).toBe(true);
    const entries = await vorgang.journalEntries();
    await expect(entries.first()).toHaveAttribute('data-action', 'changeStatus');
    await expect(vorgang.journalVerification).toHaveAttribute('data-state', 'ok');
  });

  await test.step('axe: every pane of the workspace', async () => {
    for (const pane of ['antragsdaten', 'dokumente', 'pruefliste', 'notizen', 'journal'] as const) {
      await expectAxeClean(vorgang, pane);
    }
  });

  await test.step('the lead sees the Prüfliste and downloads the attachment with a matching hash', async () => {
    const leadUi = await loginAs('teamleitung1');
    const leadVorgang = new VorgangPage(leadUi.page);
    await leadVorgang.goto(target.id);
    await leadVorgang.openPane('pruefliste');
    await expect(leadVorgang.prueflisteSummary).toHaveAttribute('data-complete', 'true');
    for (const item of manualItems) {
      await expect(leadVorgang.pruefItem(item.id).getByTestId('manual-decision')).toHaveAttribute(
        'data-decision',
        'ok',
      );
    }
    const download = await leadVorgang.downloadDocument(pdfName);
    const saved = join(testInfo.outputDir, `lead-${pdfName}`);
    await download.saveAs(saved);
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(pdf.sha256);
  });
});

test('a forged transition pushed straight to the API is rejected and journaled', async ({ api }) => {
  const lead = await api('teamleitung1');
  const clerk = await api('sachbearbeiter1');
  const target = await unassignedWithPruefliste(lead, 4);
  await clerk.apply('claim', { vorgangId: target.id });
  await clerk.apply('changeStatus', { vorgangId: target.id, to: 'in_bearbeitung' });

  // The UI would never offer this: the Prüfliste is untouched.
  const forged = await clerk.mutate('changeStatus', { vorgangId: target.id, to: 'entscheidungsreif' });
  expect(forged).toMatchObject({ status: 'rejected', error: { code: 'pruefliste_incomplete' } });
  // Nor this: skipping the Freigabe.
  const skip = await clerk.mutate('changeStatus', { vorgangId: target.id, to: 'freigegeben' });
  expect(skip).toMatchObject({ status: 'rejected', error: { code: 'invalid_transition' } });

  expect((await lead.vorgang(target.id))?.status).toBe('in_bearbeitung');
  const rejected = (await lead.journal(target.id)).filter((e) => e.action === 'rejected');
  expect(rejected.map((e) => e.summary)).toEqual([
    expect.objectContaining({ mutation: 'changeStatus', code: 'pruefliste_incomplete' }),
    expect.objectContaining({ mutation: 'changeStatus', code: 'invalid_transition' }),
  ]);
});
