import { expect, type Locator, type Page } from '@playwright/test';
import { SyncStatus } from './SyncStatus.ts';

/** The workload columns of the console (cells carry data-figure; rows data-assignee, '' = team queue, '*' = total). */
export type ConsoleFigure = 'open' | 'overdue' | 'dueSoon' | 'waiting' | 'freigabe';
export const CONSOLE_FIGURES: readonly ConsoleFigure[] = ['open', 'overdue', 'dueSoon', 'waiting', 'freigabe'];

/** The team lead's console (#/team): workload table, Fristen and throughput charts with their tables, queue. */
export class TeamConsolePage {
  readonly page: Page;
  readonly sync: SyncStatus;
  readonly root: Locator;
  readonly heading: Locator;
  readonly navLink: Locator;
  readonly workload: Locator;
  readonly fristen: Locator;
  readonly throughput: Locator;

  constructor(page: Page) {
    this.page = page;
    this.sync = new SyncStatus(page);
    this.root = page.getByTestId('team-console');
    this.heading = page.getByRole('heading', { level: 1, name: 'Teamübersicht' });
    this.navLink = page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Teamübersicht' });
    this.workload = page.getByTestId('console-workload');
    this.fristen = page.getByTestId('console-fristen');
    this.throughput = page.getByTestId('console-throughput');
  }

  /** Opens the console from the navigation and waits until its figures are computed. */
  async open(): Promise<void> {
    await this.navLink.click();
    await expect(this.heading).toBeFocused();
    await expect(this.root).toHaveAttribute('data-ready', '');
  }

  /** The link of one workload figure: a person's row (user id), '' the team queue, '*' the team total. */
  figure(assignee: string, figure: ConsoleFigure): Locator {
    return this.workload.locator(`tr[data-assignee="${assignee}"] td[data-figure="${figure}"] a`);
  }

  absence(assignee: string): Locator {
    return this.workload.locator(`tr[data-assignee="${assignee}"] td[data-figure="absence"]`);
  }

  /** The bars (links in the SVG) of a chart, in order. */
  bars(chart: Locator): Locator {
    return chart.getByTestId('chart-bar');
  }

  /** Opens a chart's data table. */
  async showTable(chart: Locator): Promise<Locator> {
    await chart.locator('summary').click();
    const table = chart.getByRole('table');
    await expect(table).toBeVisible();
    return table;
  }

  /** The values of a chart's data table as { category: { series: count } }. */
  async tableValues(chart: Locator): Promise<Record<string, Record<string, number>>> {
    const cells = await chart.locator('td[data-category]').evaluateAll((els) =>
      els.map((e) => ({
        category: e.getAttribute('data-category') ?? '',
        series: e.getAttribute('data-series') ?? '',
        count: Number(e.textContent),
      })),
    );
    const out: Record<string, Record<string, number>> = {};
    for (const { category, series, count } of cells) (out[category] ??= {})[series] = count;
    return out;
  }
}
