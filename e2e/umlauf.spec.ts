import { expect, test } from './fixtures.ts';
import { BescheidPage } from './pages/BescheidPage.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { wcagViolations } from './support/axe.ts';
import { entscheidungsreif } from './support/casework.ts';

const TEAM_2 = 'Bürgerservice – Team 2';

test('the author puts a submitted draft on an Umlauf; the other unit co-signs; then the Freigabe is open', async ({
  api,
  loginAs,
}) => {
  test.setTimeout(180_000);
  const lead = await api('teamleitung1');
  const clerkApi = await api('sachbearbeiter1');
  const target = await entscheidungsreif(lead, clerkApi, 12);

  const clerk = await loginAs('sachbearbeiter1');
  const clerkVorgang = new VorgangPage(clerk.page);
  const clerkBescheid = new BescheidPage(clerk.page);
  await clerkVorgang.goto(target.id);
  await clerkBescheid.openTab();
  await clerkBescheid.startDraft('bewilligung');
  await clerkBescheid.expectSaveState('saved');
  await clerkBescheid.submit();

  // The author starts the Umlauf: one sequential step, the other team.
  await clerk.page.getByRole('button', { name: 'Umlauf starten …' }).click();
  const dialog = clerk.page.getByRole('dialog', { name: 'Umlauf zur Mitzeichnung starten' });
  await dialog.getByRole('checkbox', { name: TEAM_2 }).check();
  expect(await wcagViolations(clerk.page), 'axe on the Umlauf dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Umlauf starten', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(clerk.page.getByTestId('umlauf-state')).toHaveAttribute('data-state', 'laufend');
  await expect(clerk.page.getByTestId('umlauf-steps')).toContainText(`${TEAM_2}: ausstehend`);
  expect(await wcagViolations(clerk.page), 'axe on the step list').toEqual([]);

  // The other team sees the shared rows only, and co-signs.
  const other = await loginAs('sachbearbeiter3');
  const otherApi = await api('sachbearbeiter3');
  await expect.poll(async () => (await otherApi.pullAll()).vorgaenge.has(target.id), { timeout: 20_000 }).toBe(true);
  const snapshot = await otherApi.pullAll();
  expect([...snapshot.notes.values()].filter((n) => n.vorgangId === target.id)).toEqual([]);
  expect([...snapshot.dokumente.values()].filter((d) => d.vorgangId === target.id)).toEqual([]);
  const otherVorgang = new VorgangPage(other.page);
  await otherVorgang.goto(target.id);
  await new BescheidPage(other.page).openTab();
  await expect(other.page.getByTestId('umlauf-answer')).toContainText(`Sie sind an der Reihe für ${TEAM_2}.`);
  await other.page.getByRole('button', { name: 'Mitzeichnen', exact: true }).click();
  await expect(other.page.getByTestId('umlauf-feedback')).toContainText('Ihre Antwort ist gespeichert');

  // The author sees it complete; the journal has the answer; the lead may approve now.
  await expect(clerk.page.getByTestId('umlauf-state')).toHaveAttribute('data-state', 'abgeschlossen', {
    timeout: 30_000,
  });
  const journal = await lead.journal(target.id);
  expect(journal.filter((e) => e.action === 'mitzeichnen').map((e) => e.summary['antwort'])).toEqual(['mitgezeichnet']);
  const leadPage = await loginAs('teamleitung1');
  await new VorgangPage(leadPage.page).goto(target.id);
  await new BescheidPage(leadPage.page).openTab();
  await expect(leadPage.page.getByTestId('freigabe-waits-umlauf')).toHaveCount(0);
  await expect(leadPage.page.getByRole('button', { name: 'Freigeben' })).toBeVisible();
});
