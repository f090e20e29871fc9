import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { authorityResponse } from '../shared/contracts/http/index.ts';
import { OPEN_STATUSES, berlinDate, holidaySet, type IsoDate, type Vorgang } from '../shared/domain/index.ts';
import { expect, test } from './fixtures.ts';
import { LoginPage } from './pages/LoginPage.ts';
import { CONSOLE_FIGURES, TeamConsolePage, type ConsoleFigure } from './pages/TeamConsolePage.ts';
import type { ApiClient, Snapshot } from './support/api.ts';
import { USER_ID, displayName } from './support/data.ts';
import { wcagViolations } from './support/axe.ts';

const ORG_UNIT = 'oe-buergerservice-1';
const DAY_MS = 86_400_000;

/*
 * The console's rules, restated here from the issue and counted straight from the server's rows
 * (no code of the console is used): working days are Monday to Friday without the authority's
 * public holidays; a Frist on another day ends on the next working day.
 */

const addDays = (day: IsoDate, n: number): IsoDate =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

function workingDays(holidays: ReadonlySet<string>) {
  const isWorkday = (d: IsoDate) => {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    return wd !== 0 && wd !== 6 && !holidays.has(d);
  };
  const nextOnOrAfter = (d: IsoDate) => {
    let day = d;
    while (!isWorkday(day)) day = addDays(day, 1);
    return day;
  };
  return { isWorkday, nextOnOrAfter };
}

const mondayOf = (d: IsoDate) => addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));

interface Expected {
  workload: Map<string, Record<ConsoleFigure, number>>;
  fristen: Record<string, Record<string, number>>;
  throughput: Record<string, Record<string, number>>;
  submitted: string[];
}

function expected(snap: Snapshot, today: IsoDate, holidays: ReadonlySet<string>): Expected {
  const { isWorkday, nextOnOrAfter } = workingDays(holidays);
  let dueSoonTo = today;
  for (let k = 0; k < 5;) {
    dueSoonTo = addDays(dueSoonTo, 1);
    if (isWorkday(dueSoonTo)) k++;
  }
  const team = [...snap.vorgaenge.values()].filter((v) => v.orgUnitId === ORG_UNIT);
  const open = team.filter((v) => OPEN_STATUSES.includes(v.status));
  const figuresOf = (vs: Vorgang[]): Record<ConsoleFigure, number> => ({
    open: vs.length,
    overdue: vs.filter((v) => v.frist < today).length,
    dueSoon: vs.filter((v) => today <= v.frist && v.frist <= dueSoonTo).length,
    waiting: vs.filter((v) => v.status === 'wartet' && v.nachforderung !== null && v.nachforderung.frist >= today)
      .length,
    freigabe: vs.filter((v) => v.status === 'zur_freigabe').length,
  });
  const workload = new Map<string, Record<ConsoleFigure, number>>();
  for (const key of new Set([
    USER_ID.sachbearbeiter1,
    USER_ID.sachbearbeiter2,
    USER_ID.teamleitung1,
    '',
    ...open.map((v) => v.assigneeId ?? ''),
  ])) {
    workload.set(key, figuresOf(open.filter((v) => (v.assigneeId ?? '') === key)));
  }
  workload.set('*', figuresOf(open));

  const last = addDays(today, 27);
  const fristen: Record<string, Record<string, number>> = {};
  for (let d = today; d <= last; d = addDays(d, 1)) if (isWorkday(d)) fristen[d] = { count: 0 };
  for (const v of open) {
    const bar = v.frist >= today ? fristen[nextOnOrAfter(v.frist)] : undefined;
    if (bar) bar['count'] = (bar['count'] ?? 0) + 1;
  }

  const throughput: Record<string, Record<string, number>> = {};
  const thisMonday = mondayOf(today);
  for (let k = 11; k >= 0; k--) throughput[addDays(thisMonday, -7 * k)] = { received: 0, closed: 0 };
  const count = (day: IsoDate, series: 'received' | 'closed') => {
    const week = throughput[mondayOf(day)];
    if (week) week[series] = (week[series] ?? 0) + 1;
  };
  for (const v of team) count(berlinDate(v.receivedAt), 'received');
  // Concluded: the Akten verfügt z.d.A., by the day of their Abschluss.
  for (const a of snap.akten.values()) {
    if (a.status === 'zda' && a.abschluss && snap.vorgaenge.get(a.vorgangId)?.orgUnitId === ORG_UNIT) {
      count(a.abschluss.am, 'closed');
    }
  }
  const submitted = [...snap.bescheide.values()]
    .filter((b) => b.orgUnitId === ORG_UNIT && b.state === 'eingereicht')
    .map((b) => b.vorgangId)
    .sort();
  return { workload, fristen, throughput, submitted };
}

async function holidaysOf(lead: ApiClient, request: APIRequestContext, today: IsoDate) {
  const res = await request.get('/api/authority', { headers: { authorization: `Bearer ${lead.session.token}` } });
  const authority = authorityResponse.parse(await res.json()).authority;
  if (!authority) throw new Error('the demo server has no authority');
  const year = Number(today.slice(0, 4));
  return holidaySet(authority.behoerde.land, year, year + 1);
}

async function expectFigures(c: TeamConsolePage, e: Expected): Promise<void> {
  for (const [assignee, figures] of e.workload) {
    for (const f of CONSOLE_FIGURES) {
      await expect(c.figure(assignee, f), `${f} of "${assignee}"`).toHaveText(String(figures[f]));
    }
  }
  await expect.poll(() => c.tableValues(c.fristen)).toEqual(e.fristen);
  await expect.poll(() => c.tableValues(c.throughput)).toEqual(e.throughput);
  const queue = c.page.getByTestId('console-freigaben').locator('tbody tr');
  await expect
    .poll(async () =>
      (await queue.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vorgang-id') ?? ''))).sort(),
    )
    .toEqual(e.submitted);
}

async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('the team console counts what the server holds, opens each figure’s list and follows a reassignment', async ({
  page,
  api,
  request,
}) => {
  const lead = await api('teamleitung1');
  const today = berlinDate(new Date());
  const holidays = await holidaysOf(lead, request, today);

  const login = new LoginPage(page);
  await login.goto();
  const inbox = await login.login('teamleitung1');
  const c = new TeamConsolePage(page);
  await c.open();
  await c.showTable(c.fristen);
  await c.showTable(c.throughput);

  let snap = await lead.pullAll();
  let want = expected(snap, today, holidays);
  await test.step('every figure equals the count taken from the server’s rows', async () => {
    await expectFigures(c, want);
    const annaOpen = want.workload.get(USER_ID.sachbearbeiter1)?.open ?? 0;
    expect(annaOpen).toBeGreaterThan(2);
    expect(Object.values(want.throughput).some((w) => (w['closed'] ?? 0) > 0)).toBe(true);
  });

  await test.step('axe finds nothing, charts and their tables included', async () => {
    expect(await wcagViolations(page)).toEqual([]);
  });

  const anna = USER_ID.sachbearbeiter1;
  const joerg = USER_ID.sachbearbeiter2;
  const annaOpen = want.workload.get(anna)?.open ?? 0;
  const joergOpen = want.workload.get(joerg)?.open ?? 0;
  let moved: string[] = [];

  await test.step('the figure opens its list: the inbox narrowed to it, with the same count', async () => {
    await c.figure(anna, 'open').click();
    await expect(inbox.heading).toHaveText('Posteingang: Team');
    await expect(page.getByTestId('inbox-link-filter')).toContainText(`Zuständig: ${displayName(snap, anna)}`);
    await inbox.expectCount(annaOpen);
    await expect(inbox.rows.nth(1)).toBeVisible();
    moved = (await inbox.visibleIds()).slice(0, 2);
  });

  await test.step('two of them reassigned from there', async () => {
    for (const id of moved) await inbox.row(id).getByRole('checkbox').check();
    await inbox.expectMarked(2);
    await inbox.assignButton.click();
    await inbox.assignDialog.getByLabel('Zuweisen an').selectOption(joerg);
    await inbox.assignDialog.getByRole('button', { name: 'Zuweisen', exact: true }).click();
    await expect(inbox.assignDialog.getByTestId('assign-result')).toContainText('2 zugewiesen, 0 abgelehnt.');
    await inbox.assignDialog.getByRole('button', { name: 'Schließen' }).click();
    await inbox.expectCount(annaOpen - 2);
  });

  await test.step('the console shows the change at once, and agrees with the server once synced', async () => {
    await page.getByRole('link', { name: 'Zur Teamübersicht' }).click();
    await expect(c.figure(anna, 'open')).toHaveText(String(annaOpen - 2));
    await expect(c.figure(joerg, 'open')).toHaveText(String(joergOpen + 2));
    await c.sync.expectInSync();
    snap = await lead.pullAll();
    expect(moved.map((id) => snap.vorgaenge.get(id)?.assigneeId)).toEqual([joerg, joerg]);
    want = expected(snap, today, holidays);
    await c.showTable(c.fristen);
    await c.showTable(c.throughput);
    await expectFigures(c, want);
  });

  await test.step('an absence entered elsewhere shows with its deputy, and goes when cancelled', async () => {
    // The lead's own absence for today, Jörg standing in: entered through the API (another device).
    // Absences are never deleted, so it names nobody the absence spec looks for, and is cancelled
    // in any case (an active one would make Jörg a deputy in the specs after this one).
    const absenceId = randomUUID();
    const self = USER_ID.teamleitung1;
    await lead.apply('setAbsence', { absenceId, userId: self, deputyId: joerg, from: today, to: today });
    try {
      const [y, m, d] = today.split('-');
      await expect(c.absence(self)).toHaveText(`abwesend bis ${d}.${m}.${y}, Vertretung: ${displayName(snap, joerg)}`);
    } finally {
      await lead.apply('cancelAbsence', { absenceId });
    }
    await expect(c.absence(self)).toHaveText('anwesend');
  });

  await test.step('keyboard: one tab stop per chart, arrow keys between bars, Enter opens the bar’s list', async () => {
    const bars = c.bars(c.fristen);
    await c.heading.focus();
    await tabTo(page, bars.first());
    await page.keyboard.press('ArrowRight');
    await expect(bars.nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(bars.last()).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    // Tab leaves the chart (to its table's disclosure) instead of walking every bar.
    await page.keyboard.press('Tab');
    await expect(c.fristen.locator('summary')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(bars.nth(1)).toBeFocused();
    const day = (await bars.nth(1).getAttribute('data-category')) ?? '';
    await page.keyboard.press('Enter');
    await expect(inbox.heading).toHaveText('Posteingang: Team');
    await inbox.expectCount(want.fristen[day]?.['count'] ?? -1);
  });
});
