import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { InboxPage } from './pages/InboxPage.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { DEMO_PASSWORD } from './support/api.ts';

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
