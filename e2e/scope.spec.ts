import { expect, test } from './fixtures.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { wcagViolations } from './support/axe.ts';
import { unassignedVorgang } from './support/data.ts';
import { goOffline } from './support/offline.ts';

const TEAM_2 = 'Bürgerservice – Team 2';
const OE2 = 'oe-buergerservice-2';
const NOT_FOUND = 'Dieser Vorgang ist nicht (mehr) vorhanden oder für Sie nicht sichtbar.';

// Specs share one server: these take Vorgänge far down the list, away from the other specs' picks.
test('a Vorgang the lead hands to another org unit leaves the old unit’s clients and reaches the new one', async ({
  api,
  loginAs,
}) => {
  test.setTimeout(120_000);
  const leadApi = await api('teamleitung1');
  const target = unassignedVorgang(await leadApi.pullAll(), 16);

  // A clerk of team 1 has it on screen in the inbox.
  const clerk = await loginAs('sachbearbeiter1');
  await clerk.inbox.show('open');
  await clerk.inbox.find(target.aktenzeichen, target.id);

  // The lead hands it over from the workspace, by keyboard-accessible dialog.
  const lead = await loginAs('teamleitung1');
  const vorgang = new VorgangPage(lead.page);
  await vorgang.goto(target.id);
  await lead.page.getByRole('button', { name: 'An andere Organisationseinheit abgeben …' }).click();
  const dialog = lead.page.getByRole('dialog', { name: 'Vorgang an andere Organisationseinheit abgeben' });
  await expect(dialog).toContainText(target.aktenzeichen);
  expect(await wcagViolations(lead.page)).toEqual([]);
  await dialog.getByLabel('An welche Organisationseinheit?').selectOption({ label: TEAM_2 });
  await dialog.getByRole('button', { name: 'Abgeben', exact: true }).click();
  await expect(dialog).toHaveCount(0);

  // Once synced, neither the lead's nor the clerk's device holds it any more.
  await expect(lead.page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND, { timeout: 15_000 });
  await clerk.inbox.expectCount(0);

  // Team 2 has it, in its team queue, with the handover in the journal.
  const team2 = await api('sachbearbeiter3');
  const moved = await team2.vorgang(target.id);
  expect(moved).toMatchObject({ orgUnitId: OE2, assigneeId: null });
  const journal = await team2.journal(target.id);
  expect(journal.at(-1)).toMatchObject({ action: 'transferVorgang', summary: { to: OE2 } });
});

test('an offline edit to a Vorgang handed over meanwhile is rejected with the reason, and the Vorgang leaves', async ({
  api,
  loginAs,
  baseURL,
}) => {
  if (!baseURL) throw new Error('baseURL is not configured');
  test.setTimeout(120_000);
  const leadApi = await api('teamleitung1');
  const target = unassignedVorgang(await leadApi.pullAll(), 17);

  const clerk = await loginAs('sachbearbeiter1');
  await clerk.inbox.show('open');
  await clerk.inbox.find(target.aktenzeichen, target.id);
  const vorgang = await clerk.inbox.open(target.id);

  const connection = await goOffline(clerk.context, baseURL);
  await vorgang.claim();
  await vorgang.sync.expectPending(1);

  // Meanwhile the lead hands it to team 2.
  await leadApi.apply('transferVorgang', { vorgangId: target.id, orgUnitId: OE2 });

  await connection.goOnline();
  // See offline-sync.spec.ts: the worker notices the connection on its next retry (≤ 30 s).
  await vorgang.sync.expectInSync({ timeout: 35_000 });
  await expect(clerk.page.getByRole('heading', { level: 1 })).toHaveText(NOT_FOUND);
  await vorgang.sync.expectRejectedCount(1);
  const rejections = await vorgang.sync.openRejections();
  await expect(rejections.first()).toHaveAttribute('data-code', 'out_of_scope');
  await expect(rejections.first()).toContainText('nicht mehr in Ihrer Organisationseinheit');
  await vorgang.sync.closeRejections();

  // The server kept team 2's state: the offline claim did not land.
  const team2 = await api('sachbearbeiter3');
  expect(await team2.vorgang(target.id)).toMatchObject({ orgUnitId: OE2, assigneeId: null });
});
