import { expect, test } from './fixtures.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { USER_ID, dateInDays, displayName, unassignedVorgang } from './support/data.ts';
import { goOffline } from './support/offline.ts';

test('offline work survives a reload, reaches the server and a colleague sees it without reloading', async ({
  api,
  loginAs,
  baseURL,
}) => {
  if (!baseURL) throw new Error('baseURL is not configured');
  test.setTimeout(120_000);
  const lead = await api('teamleitung1');
  const before = await lead.pullAll();
  const target = unassignedVorgang(before, 0);
  const clerk1Name = displayName(before, USER_ID.sachbearbeiter1);
  const wv = dateInDays(21);

  // sachbearbeiter2 is already working: the team inbox is open, narrowed to the Vorgang.
  const colleague = await loginAs('sachbearbeiter2');
  await colleague.inbox.show('team');
  await colleague.inbox.find(target.aktenzeichen, target.id);
  await expect(colleague.inbox.cell(target.id, 'assignee')).toHaveText('Teamkorb');
  await colleague.page.evaluate(() => {
    (window as Window & { notReloaded?: boolean }).notReloaded = true;
  });

  // sachbearbeiter1 opens the Vorgang from the unassigned queue.
  const clerk = await loginAs('sachbearbeiter1');
  await clerk.inbox.show('open');
  await clerk.inbox.find(target.aktenzeichen, target.id);
  const vorgang = await clerk.inbox.open(target.id);
  await expect(vorgang.assignee).toHaveText('nicht zugewiesen');

  const connection = await goOffline(clerk.context, baseURL);

  await test.step('claim and set a Wiedervorlage while offline', async () => {
    await vorgang.claim();
    await expect(vorgang.assignee).toHaveText(clerk1Name);
    // The push after the claim fails: the indicator says so.
    await vorgang.sync.expectState('offline');
    await vorgang.setWiedervorlage(wv.iso);
    await vorgang.expectWiedervorlage(wv.german);
    await vorgang.sync.expectPending(2);
    const onServer = await lead.vorgang(target.id);
    expect(onServer).toMatchObject({ assigneeId: null, wiedervorlage: null, version: target.version });
  });

  await test.step('reload while offline: the outbox and the optimistic state survive', async () => {
    await clerk.page.reload();
    const reloaded = new VorgangPage(clerk.page);
    await expect(reloaded.root).toHaveAttribute('data-vorgang-id', target.id);
    await expect(reloaded.assignee).toHaveText(clerk1Name);
    await reloaded.expectWiedervorlage(wv.german);
    await reloaded.sync.expectPending(2);
    await reloaded.sync.expectState('offline');
  });

  await test.step('back online: the server has both changes', async () => {
    await connection.goOnline();
    // The worker learns of the connection only by retrying (backoff, capped at 30 s): Chromium
    // fires no online event in workers.
    await vorgang.sync.expectInSync({ timeout: 35_000 });
    await expect
      .poll(async () => {
        const v = await lead.vorgang(target.id);
        return { assigneeId: v?.assigneeId, wiedervorlage: v?.wiedervorlage?.date, version: v?.version };
      })
      .toEqual({ assigneeId: USER_ID.sachbearbeiter1, wiedervorlage: wv.iso, version: target.version + 2 });
  });

  await test.step('the colleague’s open inbox follows, driven by the poke: the row moves to the Wiedervorlagen', async () => {
    // The sync engine has no polling timer: without a reload, only a poke on the open event
    // stream (or a reconnect of it, which sachbearbeiter2 had no reason for) makes it pull.
    // The Wiedervorlage lies in the future, so the Vorgang leaves the team list ...
    await colleague.inbox.expectCount(0);
    await expect(colleague.inbox.row(target.id)).toHaveCount(0);
    // ... and waits in the Wiedervorlagen view (the search text stays while switching views).
    await colleague.inbox.show('wiedervorlagen');
    await expect(colleague.inbox.search).toHaveValue(target.aktenzeichen);
    await colleague.inbox.expectCount(1);
    await expect(colleague.inbox.row(target.id)).toHaveAttribute('data-version', String(target.version + 2));
    await expect(colleague.inbox.cell(target.id, 'assignee')).toHaveText(clerk1Name);
    await expect(colleague.inbox.cell(target.id, 'wiedervorlage')).toHaveText(wv.german);
    const notReloaded = await colleague.page.evaluate(() => (window as Window & { notReloaded?: boolean }).notReloaded);
    expect(notReloaded).toBe(true);
  });
});
