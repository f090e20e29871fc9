import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { wcagViolations } from './support/axe.ts';
import { unassignedVorgang } from './support/data.ts';
import { goOffline } from './support/offline.ts';

const NOT_FOUND = 'Dieser Vorgang ist nicht (mehr) vorhanden oder für Sie nicht sichtbar.';
/** The demo server's connector for Abgaben (playwright.config.ts: --demo --data .tmp/e2e-data). */
const AUSGANG = join('.tmp', 'e2e-data', 'abgabe', 'ausgang');

// Specs share one server: these take Vorgänge far down the list, away from the other specs' picks.
test('the lead hands a Vorgang to another authority by keyboard: it is delivered as xdomea 0401 and leaves every client', async ({
  api,
  loginAs,
}) => {
  test.setTimeout(120_000);
  const leadApi = await api('teamleitung1');
  const target = unassignedVorgang(await leadApi.pullAll(), 2);

  const clerk = await loginAs('sachbearbeiter1');
  await clerk.inbox.show('open');
  await clerk.inbox.find(target.aktenzeichen, target.id);

  const lead = await loginAs('teamleitung1');
  const vorgang = new VorgangPage(lead.page);
  await vorgang.goto(target.id);
  const open = lead.page.getByRole('button', { name: 'An andere Behörde abgeben …' });
  await open.focus();
  await lead.page.keyboard.press('Enter');
  const dialog = lead.page.getByRole('dialog', { name: 'Vorgang an andere Behörde abgeben' });
  await expect(dialog).toContainText(target.aktenzeichen);
  // Sent empty: every field says what it needs, and the form stays.
  await dialog.getByRole('button', { name: 'Endgültig abgeben' }).click();
  await expect(dialog.getByText('Bitte geben Sie den Namen der Behörde ein.')).toBeVisible();
  await expect(dialog.getByLabel('Name der Behörde')).toBeFocused();
  expect(await wcagViolations(lead.page)).toEqual([]);
  await lead.page.keyboard.type('Stadt Nachbarstadt');
  await lead.page.keyboard.press('Tab');
  await lead.page.keyboard.press('Tab');
  await lead.page.keyboard.type('09162000');
  await lead.page.keyboard.press('Tab');
  await lead.page.keyboard.type('Wohnsitz liegt in Nachbarstadt');
  await lead.page.keyboard.press('Tab');
  await lead.page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Endgültig abgeben' })).toBeFocused();
  await lead.page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);

  // Delivered by the server's job, then gone from the lead's and the clerk's devices.
  await expect(lead.page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND, { timeout: 20_000 });
  await clerk.inbox.expectCount(0);
  expect(await leadApi.vorgang(target.id)).toBeUndefined();
  const files = await readdir(AUSGANG);
  expect(files.filter((f) => f.endsWith('_Abgabe.Abgabe.0401.zip')).length).toBeGreaterThanOrEqual(1);
});

test('an offline edit to a Vorgang handed to another authority meanwhile is rejected with the reason', async ({
  api,
  loginAs,
  baseURL,
}) => {
  if (!baseURL) throw new Error('baseURL is not configured');
  test.setTimeout(120_000);
  const leadApi = await api('teamleitung1');
  const target = unassignedVorgang(await leadApi.pullAll(), 3);

  const clerk = await loginAs('sachbearbeiter1');
  await clerk.inbox.show('open');
  await clerk.inbox.find(target.aktenzeichen, target.id);
  const vorgang = await clerk.inbox.open(target.id);

  const connection = await goOffline(clerk.context, baseURL);
  await vorgang.claim();
  await vorgang.sync.expectPending(1);

  await leadApi.apply('abgebenAnBehoerde', {
    vorgangId: target.id,
    empfaenger: { praefix: 'ags:', kennung: '09162000', name: 'Stadt Nachbarstadt' },
    begruendung: 'nicht zuständig',
  });

  await connection.goOnline();
  await vorgang.sync.expectInSync({ timeout: 35_000 });
  await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND, { timeout: 20_000 });
  await vorgang.sync.expectRejectedCount(1);
  const rejections = await vorgang.sync.openRejections();
  await expect(rejections.first()).toHaveAttribute('data-code', 'out_of_scope');
  await vorgang.sync.closeRejections();
  expect(await leadApi.vorgang(target.id)).toBeUndefined();
});
