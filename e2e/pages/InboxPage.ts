import { expect, type Locator, type Page } from '@playwright/test';
import { SyncStatus } from './SyncStatus.ts';
import { VorgangPage } from './VorgangPage.ts';

export type InboxView = 'mine' | 'team' | 'open' | 'wiedervorlagen' | 'waiting' | 'overdue' | 'deputy';
export const VIEW_LABEL: Record<InboxView, string> = {
  mine: 'Meine',
  team: 'Team',
  open: 'Offen',
  wiedervorlagen: 'Wiedervorlagen',
  waiting: 'Wartet auf Unterlagen',
  overdue: 'Überfällig',
  deputy: 'Vertretung',
};

/** The grid's data columns (cells carry data-column; a lead's team and open views add `select` in front). */
export type InboxColumn =
  'aktenzeichen' | 'applicant' | 'verfahren' | 'status' | 'frist' | 'assignee' | 'wiedervorlage';

/** The inbox grid: one virtualised ARIA grid per view, rows carry data-vorgang-id and data-version. */
export class InboxPage {
  readonly page: Page;
  readonly sync: SyncStatus;
  readonly heading: Locator;
  readonly grid: Locator;
  /** Rendered rows whose data has loaded (placeholders carry no data-version). */
  readonly rows: Locator;
  readonly count: Locator;
  readonly search: Locator;
  readonly nav: Locator;
  readonly currentUser: Locator;
  /** The lead's bar above the grid: marked count, mark all, clear, "Zuweisen an …". */
  readonly bulkBar: Locator;
  readonly bulkCount: Locator;
  readonly assignButton: Locator;
  readonly assignDialog: Locator;

  constructor(page: Page) {
    this.page = page;
    this.sync = new SyncStatus(page);
    this.heading = page.getByRole('heading', { level: 1, name: /^Posteingang: / });
    this.grid = page.getByRole('grid', { name: /^Vorgänge: / });
    this.rows = this.grid.locator('[data-vorgang-id][data-version]');
    this.count = page.getByTestId('inbox-count');
    this.search = page.getByRole('searchbox', { name: 'Suche' });
    this.nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    this.currentUser = page.getByTestId('current-user');
    this.bulkBar = page.getByTestId('bulk-bar');
    this.bulkCount = page.getByTestId('bulk-count');
    this.assignButton = page.getByRole('button', { name: 'Zuweisen an …' });
    this.assignDialog = page.getByRole('dialog', { name: /zuweisen$/ });
  }

  /** The inbox is on screen, the client has completed a sync and the view is loaded (with rows, if it has any). */
  async waitUntilLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.sync.expectInSync();
    await expect(this.count).toHaveText(/^\d+ Vorg/);
    if ((await this.count.textContent()) !== '0 Vorgänge') await expect(this.rows.first()).toBeVisible();
  }

  viewLink(view: InboxView): Locator {
    return this.nav.getByRole('link', { name: VIEW_LABEL[view], exact: true });
  }

  async show(view: InboxView): Promise<void> {
    await this.viewLink(view).click();
    await expect(this.heading).toHaveText(`Posteingang: ${VIEW_LABEL[view]}`);
    await expect(this.viewLink(view)).toHaveAttribute('aria-current', 'page');
  }

  row(id: string): Locator {
    return this.grid.locator(`[data-vorgang-id="${id}"]`);
  }

  /** One cell of a row, by column. */
  cell(id: string, column: InboxColumn): Locator {
    return this.row(id).locator(`[role="gridcell"][data-column="${column}"]`);
  }

  async expectCount(n: number): Promise<void> {
    await expect(this.count).toHaveText(n === 1 ? '1 Vorgang' : `${n} Vorgänge`);
  }

  /** Narrows the list by a search text (Aktenzeichen or applicant name). */
  async searchFor(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /** Shows exactly the Vorgang with this Aktenzeichen (searching for it) and returns its row. */
  async find(aktenzeichen: string, id: string): Promise<Locator> {
    await this.searchFor(aktenzeichen);
    await this.expectCount(1);
    const row = this.row(id);
    await expect(row).toHaveAttribute('data-version', /\d+/);
    return row;
  }

  async open(id: string): Promise<VorgangPage> {
    await this.cell(id, 'aktenzeichen').click();
    const vorgang = new VorgangPage(this.page);
    await expect(vorgang.root).toHaveAttribute('data-vorgang-id', id);
    return vorgang;
  }

  /** Ids of the loaded rows in display order. */
  async visibleIds(): Promise<string[]> {
    return this.rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-vorgang-id') ?? ''));
  }

  async expectMarked(n: number): Promise<void> {
    await expect(this.bulkCount).toHaveText(
      n === 0 ? 'Kein Vorgang ausgewählt' : n === 1 ? '1 Vorgang ausgewählt' : `${n} Vorgänge ausgewählt`,
    );
  }
}
