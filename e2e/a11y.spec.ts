import { expect, test } from './fixtures.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { wcagViolations } from './support/axe.ts';

test.describe('no WCAG 2.1 A/AA violations (axe-core)', () => {
  test('login, also with validation errors', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    expect(await wcagViolations(page)).toEqual([]);

    await login.submit.click();
    await expect(page.getByText('Bitte geben Sie Ihren Benutzernamen ein.')).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
  });

  test('inbox and Vorgang view', async ({ page }) => {
    const login = new LoginPage(page);
    await login.goto();
    const inbox = await login.login('sachbearbeiter1');
    expect(await wcagViolations(page)).toEqual([]);

    // One of the clerk's own Vorgänge: the view then also has the status and Wiedervorlage forms.
    const [first] = await inbox.visibleIds();
    if (!first) throw new Error('the clerk has no Vorgänge');
    const vorgang = await inbox.open(first);
    await expect(vorgang.setWiedervorlageButton).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);

    await vorgang.sync.openRejections();
    expect(await wcagViolations(page)).toEqual([]);
  });
});
