import { expect, test } from './fixtures.ts';
import { USER_ID, displayName, unassignedVorgang } from './support/data.ts';
import { goOffline } from './support/offline.ts';

test('a change that went stale while offline is rejected and listed with its reason', async ({
  api,
  loginAs,
  baseURL,
}) => {
  if (!baseURL) throw new Error('baseURL is not configured');
  test.setTimeout(120_000);
  const lead = await api('teamleitung1');
  const snap = await lead.pullAll();
  const target = unassignedVorgang(snap, 1);

  const clerk = await loginAs('sachbearbeiter1');
  await clerk.inbox.show('open');
  await clerk.inbox.find(target.aktenzeichen, target.id);
  const vorgang = await clerk.inbox.open(target.id);

  // Locally the claim is fine: the Vorgang is unassigned in the clerk's copy.
  const connection = await goOffline(clerk.context, baseURL);
  await vorgang.claim();
  await expect(vorgang.assignee).toHaveText(displayName(snap, USER_ID.sachbearbeiter1));
  await vorgang.sync.expectPending(1);

  // Meanwhile the team lead gives it to sachbearbeiter2 on the server.
  await lead.apply('assign', { vorgangId: target.id, assigneeId: USER_ID.sachbearbeiter2 });

  await connection.goOnline();
  // See offline-sync.spec.ts: the worker notices the connection on its next retry (≤ 30 s).
  await vorgang.sync.expectInSync({ timeout: 35_000 });
  await vorgang.sync.expectRejectedCount(1);
  // The optimistic claim is undone: the Vorgang shows the server's state again.
  await expect(vorgang.assignee).toHaveText(displayName(snap, USER_ID.sachbearbeiter2));
  await expect(vorgang.claimButton).toHaveCount(0);

  const rejections = await vorgang.sync.openRejections();
  await expect(rejections).toHaveCount(1);
  const rejection = rejections.first();
  await expect(rejection).toHaveAttribute('data-code', 'already_assigned');
  await expect(rejection).toContainText('Übernehmen');
  await expect(rejection).toContainText('Der Vorgang wurde bereits von jemand anderem übernommen.');

  // The clerk has read it and dismisses it.
  await rejection.getByRole('button', { name: 'Ausblenden: Übernehmen' }).click();
  await expect(rejections).toHaveCount(0);
  await expect(vorgang.sync.rejectionsDialog).toContainText('Keine abgelehnten Änderungen.');
  await vorgang.sync.closeRejections();
  await vorgang.sync.expectRejectedCount(0);

  const onServer = await lead.vorgang(target.id);
  expect(onServer?.assigneeId).toBe(USER_ID.sachbearbeiter2);
});
