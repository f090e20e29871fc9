import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { BescheidPage } from './pages/BescheidPage.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { DEMO_PASSWORD } from './support/api.ts';
import { entscheidungsreif } from './support/casework.ts';

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses (not reachable). */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 25 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

test('keyboard only: log in, move through the inbox with the arrow keys, open a Vorgang with Enter', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.goto();

  await tabTo(page, login.username);
  await page.keyboard.type('sachbearbeiter1');
  await page.keyboard.press('Tab');
  await expect(login.password).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');

  const inbox = new InboxPage(page);
  await inbox.waitUntilLoaded();
  // Arriving in the inbox, the focus is on its heading, so a screen reader announces where the clerk is.
  await expect(inbox.heading).toBeFocused();
  const ids = await inbox.visibleIds();
  expect(ids.length).toBeGreaterThanOrEqual(3);

  await tabTo(page, inbox.grid);
  // Focusing the grid activates the first row; the arrow keys move the active row.
  await expect(inbox.grid).toHaveAttribute('aria-activedescendant', `inbox-row-${ids[0]}`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(inbox.grid).toHaveAttribute('aria-activedescendant', `inbox-row-${ids[2]}`);
  await page.keyboard.press('ArrowUp');
  const chosen = ids[1] ?? '';
  await expect(inbox.grid).toHaveAttribute('aria-activedescendant', `inbox-row-${chosen}`);
  const aktenzeichen = await inbox.cell(chosen, 'aktenzeichen').textContent();

  await page.keyboard.press('Enter');
  const vorgang = new VorgangPage(page);
  await expect(vorgang.root).toHaveAttribute('data-vorgang-id', chosen);
  await expect(vorgang.aktenzeichen).toHaveText(aktenzeichen ?? '');
  await expect(vorgang.aktenzeichen).toBeFocused();

  // And back to the inbox, where the same row is still the active one.
  await tabTo(page, vorgang.back, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(inbox.grid).toHaveAttribute('aria-activedescendant', `inbox-row-${chosen}`);
  await expect(inbox.grid).toBeFocused();
});

test('keyboard only: the lead marks rows with Space and assigns them to a colleague', async ({ loginAs, api }) => {
  const lead = await loginAs('teamleitung1');
  const { page, inbox } = lead;
  await tabTo(page, inbox.viewLink('open'));
  await page.keyboard.press('Enter');
  await expect(inbox.heading).toHaveText('Posteingang: Offen');
  await expect(inbox.heading).toBeFocused();
  await expect(inbox.rows.nth(2)).toBeVisible();
  const ids = await inbox.visibleIds();
  const [first, , third] = ids;
  if (!first || !third) throw new Error('the team queue has fewer than three Vorgänge');

  await tabTo(page, inbox.grid);
  await expect(inbox.grid).toHaveAttribute('aria-multiselectable', 'true');
  await expect(inbox.grid).toHaveAttribute('aria-activedescendant', `inbox-row-${first}`);
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await inbox.expectMarked(2);
  await expect(inbox.row(first)).toHaveAttribute('aria-selected', 'true');
  await expect(inbox.row(ids[1] ?? '')).toHaveAttribute('aria-selected', 'false');
  await expect(inbox.row(third)).toHaveAttribute('aria-selected', 'true');
  // Escape clears, Ctrl+A marks all; Space on a marked row unmarks it.
  await page.keyboard.press('Escape');
  await inbox.expectMarked(0);
  const total = Number.parseInt((await inbox.count.textContent()) ?? '', 10);
  await page.keyboard.press('Control+a');
  await inbox.expectMarked(total);
  await page.keyboard.press('Space');
  await inbox.expectMarked(total - 1);
  await expect(inbox.row(third)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Space');
  await page.keyboard.press('Home');
  await page.keyboard.press('Space');
  await inbox.expectMarked(2);

  await tabTo(page, inbox.assignButton, { backwards: true });
  await page.keyboard.press('Enter');
  await expect(inbox.assignDialog).toBeVisible();
  await expect(inbox.assignDialog.getByRole('heading')).toHaveText('2 Vorgänge zuweisen');
  const to = inbox.assignDialog.getByLabel('Zuweisen an');
  await tabTo(page, to);
  // Type-ahead in the closed select picks the colleague.
  await page.keyboard.press('j');
  await expect(to).toHaveValue('u-sachbearbeiter2');
  await tabTo(page, inbox.assignDialog.getByRole('button', { name: 'Zuweisen', exact: true }));
  await page.keyboard.press('Enter');
  await expect(inbox.assignDialog.getByTestId('assign-result')).toContainText('2 zugewiesen, 0 abgelehnt.');
  const close = inbox.assignDialog.getByRole('button', { name: 'Schließen' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(inbox.assignDialog).toBeHidden();
  await expect(inbox.grid).toBeFocused();
  await inbox.expectMarked(0);
  // Both left the team queue, and the server has them with the colleague.
  await expect(inbox.row(first)).toHaveCount(0);
  await expect(inbox.row(third)).toHaveCount(0);
  await inbox.sync.expectInSync();
  const server = await (await api('teamleitung1')).pullAll();
  expect([first, third].map((id) => server.vorgaenge.get(id)?.assigneeId)).toEqual([
    'u-sachbearbeiter2',
    'u-sachbearbeiter2',
  ]);
});

test('keyboard only: the clerk drafts and submits a Bescheid, the lead approves it from the Freigabe queue', async ({
  api,
  loginAs,
}) => {
  test.setTimeout(180_000);
  const target = await entscheidungsreif(await api('teamleitung1'), await api('sachbearbeiter1'), 10);

  const clerk = await loginAs('sachbearbeiter1');
  const vorgang = new VorgangPage(clerk.page);
  const bescheid = new BescheidPage(clerk.page);
  await vorgang.goto(target.id);
  const page = clerk.page;
  // Tabs: one stop for the tab list, arrow keys between tabs (selection follows focus).
  await tabTo(page, vorgang.tab('antragsdaten'), { max: 60 });
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(bescheid.tab).toBeFocused();
  await expect(bescheid.tab).toHaveAttribute('aria-selected', 'true');
  const bewilligung = bescheid.start.getByRole('radio', { name: 'Bewilligung', exact: true });
  await tabTo(page, bewilligung, { max: 60 });
  await page.keyboard.press('Space');
  await expect(bewilligung).toBeChecked();
  const vorlage = bescheid.start.getByLabel('Textvorlage');
  await tabTo(page, vorlage, { max: 10 });
  await page.keyboard.press('ArrowDown');
  await expect(vorlage).not.toHaveValue('');
  await tabTo(page, bescheid.start.getByRole('button', { name: 'Entwurf erstellen' }), { max: 20 });
  await page.keyboard.press('Enter');
  await expect(bescheid.editor).toBeVisible();
  await bescheid.expectSaveState('saved');
  await tabTo(page, bescheid.submitButton, { max: 80 });
  await page.keyboard.press('Enter');
  await expect(bescheid.status).toContainText('Eingereicht – wartet auf Freigabe');

  const lead = await loginAs('teamleitung1');
  const leadPage = lead.page;
  const leadBescheid = new BescheidPage(leadPage);
  const queueLink = leadPage.getByRole('link', { name: /^Freigaben/ });
  await tabTo(leadPage, queueLink, { max: 40 });
  await leadPage.keyboard.press('Enter');
  await expect(leadBescheid.queue).toBeVisible();
  const open = leadBescheid
    .queueRow(target.aktenzeichen)
    .getByRole('button', { name: `Bescheid zu ${target.aktenzeichen} prüfen` });
  await tabTo(leadPage, open, { max: 80 });
  await leadPage.keyboard.press('Enter');
  await expect(leadPage.getByTestId('freigabe-detail')).toBeVisible();
  await tabTo(leadPage, leadBescheid.freigabe.getByRole('button', { name: 'Freigeben' }), { max: 80 });
  await leadPage.keyboard.press('Enter');
  const dialog = leadPage.getByRole('dialog', { name: 'Bescheid freigeben' });
  await expect(dialog).toBeVisible();
  await tabTo(leadPage, dialog.getByRole('button', { name: 'Freigeben' }), { max: 10 });
  await leadPage.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(leadPage.getByTestId('freigabe-outcome')).toContainText(/freigegeben/i);
  await bescheid.expectSealed();
});
