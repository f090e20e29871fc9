import { applicantName } from '../shared/domain/vorgang.ts';
import { expect, test } from './fixtures.ts';
import { wcagViolations } from './support/axe.ts';

test('full-text search in the Akten view: Antragsdaten and documents in scope, links to the Akte, offline said plainly', async ({
  loginAs,
  api,
  request,
}) => {
  const lead = await api('teamleitung1');
  const snapshot = await lead.pullAll();
  // A Vorgang of Team 1 whose applicant's family name is rare enough to list on one page.
  const byName = new Map<string, string[]>();
  for (const v of snapshot.vorgaenge.values()) {
    byName.set(v.applicant.familyName, [...(byName.get(v.applicant.familyName) ?? []), v.id]);
  }
  const target = [...snapshot.vorgaenge.values()].find((v) => (byName.get(v.applicant.familyName) ?? []).length <= 3);
  if (!target) throw new Error('no Vorgang with a rare applicant name in the demo data');

  const clerk = await loginAs('sachbearbeiter1');
  const page = clerk.page;
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Akten' }).click();
  const search = page.getByRole('search', { name: 'Volltextsuche' });
  const box = search.getByRole('searchbox', { name: 'In Antragsdaten und Dokumenten suchen' });
  const status = page.getByTestId('akten-search-status');
  const hits = page.getByRole('list', { name: 'Treffer der Volltextsuche' });

  await test.step('too short a text is refused at the field, without a request', async () => {
    await box.fill('a');
    await box.press('Enter');
    await expect(page.getByTestId('akten-search-problem')).toHaveText('Bitte geben Sie mindestens 2 Zeichen ein.');
    await expect(box).toHaveAttribute('aria-invalid', 'true');
  });

  await test.step('the applicant’s name finds the Antragsdaten; the hit links to the Akte', async () => {
    await box.fill(target.applicant.familyName);
    await box.press('Enter');
    const hit = hits.locator(`[data-testid="akten-search-hit"][data-vorgang-id="${target.id}"]`).first();
    await expect(hit).toBeVisible();
    await expect(status).toHaveText(/^\d+ Treffer/);
    await expect(hit.locator('mark').first()).toHaveText(target.applicant.familyName);
    await expect(hit).toContainText(applicantName(target.applicant));
    expect(await wcagViolations(page), 'axe on the Akten view with hits').toEqual([]);
    await hit.getByRole('link', { name: target.aktenzeichen }).click();
    await expect(page.getByTestId('akte-status')).toBeVisible();
    await page.goBack();
  });

  await test.step('words of the demo attachments are found in the documents once the server has read them', async () => {
    // The server reads the attachments in the background after its start: search until it has.
    await expect(async () => {
      await box.fill('Flurstück');
      await box.press('Enter');
      await expect(hits.getByTestId('akten-search-hit').first()).toContainText('im Dokument', { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(hits.getByTestId('akten-search-snippet').first().locator('mark').first()).toHaveText('Flurstück');
    await expect(page.getByTestId('akten-search-more')).toBeVisible();
    await expect(status).toHaveText(/Treffer, weitere vorhanden/);
  });

  await test.step('another org unit finds nothing of Team 1', async () => {
    const other = await api('sachbearbeiter3');
    const res = await request.post('/api/search', {
      data: { q: target.applicant.familyName },
      headers: { authorization: `Bearer ${other.session.token}` },
    });
    expect(res.ok()).toBe(true);
    const body = (await res.json()) as { hits: { vorgangId: string }[] };
    expect(body.hits.map((h) => h.vorgangId)).not.toContain(target.id);
  });

  await test.step('offline, the field is disabled and the panel says why', async () => {
    await clerk.context.setOffline(true);
    await expect(box).toBeDisabled();
    await expect(status).toContainText('Sie sind offline');
    await clerk.context.setOffline(false);
    await expect(box).toBeEnabled();
  });
});
