import { OPEN_STATUSES, berlinDate, daysUntil, type Vorgang } from '../shared/domain/index.ts';
import { expect, test } from './fixtures.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { VorgangPage } from './pages/VorgangPage.ts';
import { USER_ID, displayName } from './support/data.ts';

const ORG_UNIT = 'oe-buergerservice-1';

/** The inbox's rule, restated: a later Wiedervorlage or a running Nachforderung parks a Vorgang. */
function parked(v: Vorgang, today: string): boolean {
  return (
    (v.wiedervorlage !== null && v.wiedervorlage.date > today) ||
    (v.status === 'wartet' && v.nachforderung !== null && v.nachforderung.frist >= today)
  );
}

const byFrist = (a: Vorgang, b: Vorgang) => a.frist.localeCompare(b.frist) || a.id.localeCompare(b.id);

test('sachbearbeiter1 logs in and sees the Vorgänge of the org unit', async ({ page, api }) => {
  const server = await (await api('sachbearbeiter1')).pullAll();
  const today = berlinDate(new Date());
  const all = [...server.vorgaenge.values()];
  const open = all.filter((v) => OPEN_STATUSES.includes(v.status));
  const working = open.filter((v) => !parked(v, today));
  const userId = USER_ID.sachbearbeiter1;
  expect(all.length).toBeGreaterThan(0);
  expect(new Set(all.map((v) => v.orgUnitId))).toEqual(new Set([ORG_UNIT]));

  const login = new LoginPage(page);
  await login.goto();
  const inbox = await login.login('sachbearbeiter1');
  await expect(inbox.currentUser).toContainText('Bürgerservice – Team 1');

  // "Meine": the open Vorgänge assigned to the clerk and not set aside, sorted by Frist.
  const mine = working.filter((v) => v.assigneeId === userId).sort(byFrist);
  await inbox.expectCount(mine.length);
  await expect(inbox.rows.first()).toHaveAttribute('data-vorgang-id', mine[0]?.id ?? '');
  await expect(inbox.cell(mine[0]?.id ?? '', 'assignee')).toHaveText(displayName(server, userId));

  // "Team": every open Vorgang of the org unit not set aside; "Offen": the unassigned ones.
  await inbox.show('team');
  await inbox.expectCount(working.length);
  await inbox.show('open');
  await inbox.expectCount(working.filter((v) => v.assigneeId === null).length);

  // Search by Aktenzeichen finds exactly that Vorgang; a Vorgang of another org unit is not there.
  const sample = working.find((v) => v.assigneeId === null);
  if (!sample) throw new Error('demo data has no unassigned open Vorgang');
  await inbox.find(sample.aktenzeichen, sample.id);
  await expect(inbox.cell(sample.id, 'assignee')).toHaveText('Teamkorb');
});

test('Wiedervorlagen and overdue views; search text and scroll position survive opening a Vorgang', async ({
  page,
  api,
}) => {
  const server = await (await api('sachbearbeiter1')).pullAll();
  const today = berlinDate(new Date());
  const open = [...server.vorgaenge.values()].filter((v) => OPEN_STATUSES.includes(v.status));
  const wiedervorlagen = open
    .filter((v) => v.wiedervorlage !== null && v.wiedervorlage.date > today)
    .sort((a, b) => (a.wiedervorlage?.date ?? '').localeCompare(b.wiedervorlage?.date ?? '') || byFrist(a, b));
  const overdue = open.filter((v) => v.frist < today).sort(byFrist);
  const [firstWv] = wiedervorlagen;
  const [oldest] = overdue;
  if (!firstWv || !oldest) throw new Error('the demo data has no future Wiedervorlage or no overdue Vorgang');

  const login = new LoginPage(page);
  await login.goto();
  const inbox = await login.login('sachbearbeiter1');

  await test.step('Wiedervorlagen: the parked Vorgänge of the team, by Wiedervorlage date', async () => {
    await inbox.show('wiedervorlagen');
    await inbox.expectCount(wiedervorlagen.length);
    await expect(inbox.rows.first()).toHaveAttribute('data-vorgang-id', firstWv.id);
    const [y, m, d] = (firstWv.wiedervorlage?.date ?? '').split('-');
    await expect(inbox.cell(firstWv.id, 'wiedervorlage')).toHaveText(`${d}.${m}.${y}`);
  });

  await test.step('the search text stays after opening a Vorgang and coming back', async () => {
    await inbox.find(firstWv.aktenzeichen, firstWv.id);
    const vorgang = await inbox.open(firstWv.id);
    await vorgang.back.click();
    await expect(inbox.heading).toHaveText('Posteingang: Wiedervorlagen');
    await expect(inbox.search).toHaveValue(firstWv.aktenzeichen);
    await inbox.expectCount(1);
    await inbox.searchFor('');
  });

  await test.step('Überfällig: open Vorgänge past their Frist, oldest first, with the days overdue', async () => {
    await inbox.show('overdue');
    await inbox.expectCount(overdue.length);
    await expect(inbox.rows.first()).toHaveAttribute('data-vorgang-id', oldest.id);
    const days = -daysUntil(oldest.frist, today);
    await expect(inbox.cell(oldest.id, 'frist')).toContainText(
      days === 1 ? 'seit 1 Tag überfällig' : `seit ${days} Tagen überfällig`,
    );
  });

  await test.step('the scroll position stays after opening a Vorgang and coming back', async () => {
    const scrollable = await inbox.grid.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(scrollable).toBeGreaterThan(200);
    await inbox.grid.evaluate((el, t) => el.scrollTo({ top: t }), Math.min(600, scrollable));
    // A row fully in view below the header (clicking it must not scroll the grid).
    const rowInView = () =>
      inbox.grid.evaluate((el) => {
        const g = el.getBoundingClientRect();
        const rows = [...el.querySelectorAll('[data-vorgang-id][data-version]')];
        const inView = rows.find((r) => {
          const b = r.getBoundingClientRect();
          return b.top >= g.top + 60 && b.bottom <= g.bottom;
        });
        return inView?.getAttribute('data-vorgang-id') ?? '';
      });
    await expect.poll(rowInView).not.toBe('');
    const target = await rowInView();
    expect(target).not.toBe(oldest.id);
    const top = await inbox.grid.evaluate((el) => el.scrollTop);
    expect(top).toBeGreaterThan(200);
    await inbox.open(target);
    await new VorgangPage(page).back.click();
    await expect(inbox.heading).toHaveText('Posteingang: Überfällig');
    await expect.poll(() => inbox.grid.evaluate((el) => el.scrollTop)).toBe(top);
    await expect(inbox.grid).toHaveAttribute('aria-activedescendant', `inbox-row-${target}`);
  });
});

test('an absence makes the deputy see the absent colleague’s Vorgänge in "Vertretung"', async ({ loginAs, api }) => {
  const server = await (await api('sachbearbeiter1')).pullAll();
  const today = berlinDate(new Date());
  const clerk1Name = displayName(server, USER_ID.sachbearbeiter1);
  const clerk1Work = [...server.vorgaenge.values()]
    .filter((v) => v.assigneeId === USER_ID.sachbearbeiter1 && OPEN_STATUSES.includes(v.status))
    .filter((v) => !parked(v, today))
    .sort(byFrist);
  const [firstOfClerk1] = clerk1Work;
  if (!firstOfClerk1) throw new Error('sachbearbeiter1 has no open Vorgänge');

  const deputy = await loginAs('sachbearbeiter2');
  await deputy.inbox.show('deputy');
  await deputy.inbox.expectCount(0);
  await expect(deputy.page.getByText('Sie vertreten heute niemanden.')).toBeVisible();

  const clerk = await loginAs('sachbearbeiter1');
  const absences = clerk.page.getByTestId('absences');
  await test.step('sachbearbeiter1 enters an absence for today with sachbearbeiter2 as deputy', async () => {
    await clerk.inbox.nav.getByRole('link', { name: 'Abwesenheiten' }).click();
    await expect(clerk.page.getByRole('heading', { level: 1, name: 'Abwesenheiten' })).toBeFocused();
    // First and last day default to today.
    await absences.getByLabel('Vertretung').selectOption({ label: displayName(server, USER_ID.sachbearbeiter2) });
    await absences.getByRole('button', { name: 'Abwesenheit eintragen' }).click();
    await expect(clerk.page.getByTestId('absences-feedback')).toContainText('Die Abwesenheit ist eingetragen.');
    const row = absences.getByRole('row', { name: new RegExp(clerk1Name) });
    await expect(row).toHaveAttribute('data-state', 'current');
    await clerk.inbox.sync.expectInSync();
  });

  await test.step('the deputy’s view fills, driven by the poke', async () => {
    await deputy.inbox.expectCount(clerk1Work.length);
    await expect(deputy.inbox.rows.first()).toHaveAttribute('data-vorgang-id', firstOfClerk1.id);
    await expect(deputy.inbox.cell(firstOfClerk1.id, 'assignee')).toContainText(`Vertretung für ${clerk1Name}`);
  });

  await test.step('cancelling (after a confirmation) ends the Vertretung', async () => {
    await absences.getByRole('button', { name: `Abwesenheit von ${clerk1Name} aufheben` }).click();
    const confirm = clerk.page.getByRole('alertdialog', { name: 'Abwesenheit aufheben?' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: 'Abwesenheit aufheben' }).click();
    await expect(clerk.page.getByTestId('absences-feedback')).toContainText('Die Abwesenheit ist aufgehoben.');
    await expect(absences.getByRole('row', { name: new RegExp(clerk1Name) })).toHaveAttribute(
      'data-state',
      'cancelled',
    );
    await deputy.inbox.expectCount(0);
  });
});

test('a wrong password is refused with a message', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.fill('sachbearbeiter1', 'falsch');
  await login.submit.click();
  await expect(login.error).toHaveText('Benutzername oder Passwort ist falsch.');
  await expect(login.heading).toBeVisible();
});
