import { expect, test } from './fixtures.ts';
import { BescheidPage } from './pages/BescheidPage.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { entscheidungsreif } from './support/casework.ts';
import { goOffline } from './support/offline.ts';

test('a Bescheid draft keeps every typed character across reloads, offline too, and reaches the server later', async ({
  api,
  loginAs,
  baseURL,
}) => {
  if (!baseURL) throw new Error('baseURL is not configured');
  test.setTimeout(180_000);
  const lead = await api('teamleitung1');
  const clerkApi = await api('sachbearbeiter1');
  const target = await entscheidungsreif(lead, clerkApi, 8);

  const clerk = await loginAs('sachbearbeiter1');
  const vorgang = new VorgangPage(clerk.page);
  const bescheid = new BescheidPage(clerk.page);
  await vorgang.goto(target.id);
  await bescheid.openTab();
  await bescheid.startDraft('bewilligung');
  await bescheid.expectSaveState('saved');

  const online = ' Ergänzt vor dem Neuladen – ohne das Feld zu verlassen.';
  const offline = ' Offline ergänzt: Größe 12 m², Prüfung erfolgt.';

  await test.step('typed text survives a reload before any save', async () => {
    const before = await bescheid.field('begruendung').inputValue();
    await bescheid.field('begruendung').press('Control+End');
    await bescheid.field('begruendung').pressSequentially(online);
    // What the clerk sees before reloading: "Änderungen lokal gesichert" (not "Wird lokal gesichert …").
    await bescheid.expectSaveState(/^(unsaved|pending|saved)$/);
    await clerk.page.reload();
    await bescheid.openTab();
    await expect(bescheid.field('begruendung')).toHaveValue(`${before}${online}`);
  });

  const connection = await goOffline(clerk.context, baseURL);
  await test.step('offline: typed text survives a reload and waits for the connection', async () => {
    await bescheid.field('tenor').press('Control+End');
    await bescheid.field('tenor').pressSequentially(offline);
    await bescheid.expectSaveState(/^(unsaved|pending|saved)$/);
    await clerk.page.reload();
    await bescheid.openTab();
    await expect(bescheid.field('tenor')).toHaveValue(new RegExp(`${offline.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await expect(bescheid.saveState).not.toHaveAttribute('data-state', 'saved');
  });

  await test.step('back online, the draft reaches the server', async () => {
    await connection.goOnline();
    await bescheid.expectSaveState('saved');
    await expect
      .poll(async () => {
        const b = [...(await lead.pullAll()).bescheide.values()].find((x) => x.vorgangId === target.id);
        return b ? JSON.stringify(b.content) : '';
      })
      .toContain('Offline ergänzt: Größe 12 m²');
  });
});
