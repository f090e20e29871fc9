import { OPEN_STATUSES } from '../shared/domain/index.ts';
import { expect, test } from './fixtures.ts';
import { LoginPage } from './pages/LoginPage.ts';

test('sachbearbeiter1 logs in and sees the Vorgänge of the org unit', async ({ page, api }) => {
  const server = await (await api('sachbearbeiter1')).pullAll();
  const all = [...server.vorgaenge.values()];
  const open = all.filter((v) => OPEN_STATUSES.includes(v.status));
  const userId = 'u-sachbearbeiter1';
  expect(all.length).toBeGreaterThan(0);
  expect(new Set(all.map((v) => v.orgUnitId))).toEqual(new Set(['oe-buergerservice-1']));

  const login = new LoginPage(page);
  await login.goto();
  const inbox = await login.login('sachbearbeiter1');
  await expect(inbox.currentUser).toContainText('Bürgerservice – Team 1');

  // "Meine": the open Vorgänge assigned to the clerk, sorted by Frist.
  await inbox.expectCount(open.filter((v) => v.assigneeId === userId).length);
  const mine = open.filter((v) => v.assigneeId === userId).sort((a, b) => a.frist.localeCompare(b.frist));
  await expect(inbox.rows.first()).toHaveAttribute('data-vorgang-id', mine[0]?.id ?? '');

  // "Team": every open Vorgang of the org unit; "Offen": the unassigned ones.
  await inbox.show('team');
  await inbox.expectCount(open.length);
  await inbox.show('open');
  await inbox.expectCount(open.filter((v) => v.assigneeId === null).length);

  // Search by Aktenzeichen finds exactly that Vorgang; a Vorgang of another org unit is not there.
  const sample = open.find((v) => v.assigneeId === null);
  if (!sample) throw new Error('demo data has no unassigned open Vorgang');
  await inbox.find(sample.aktenzeichen, sample.id);
  await expect(inbox.cell(sample.id, 'assignee')).toHaveText('nicht zugewiesen');
});

test('a wrong password is refused with a message', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.fill('sachbearbeiter1', 'falsch');
  await login.submit.click();
  await expect(login.error).toHaveText('Benutzername oder Passwort ist falsch.');
  await expect(login.heading).toBeVisible();
});
