import { expect, type Locator, type Page } from '@playwright/test';
import { SyncStatus } from './SyncStatus.ts';

/** The Vorgang view: overview, actions (claim, status), Wiedervorlage, applicant, Antragsdaten, notes. */
export class VorgangPage {
  readonly page: Page;
  readonly sync: SyncStatus;
  readonly root: Locator;
  readonly aktenzeichen: Locator;
  readonly status: Locator;
  readonly assignee: Locator;
  readonly wiedervorlage: Locator;
  readonly feedback: Locator;
  readonly claimButton: Locator;
  readonly wiedervorlageDate: Locator;
  readonly wiedervorlageNote: Locator;
  readonly setWiedervorlageButton: Locator;
  readonly back: Locator;

  constructor(page: Page) {
    this.page = page;
    this.sync = new SyncStatus(page);
    this.root = page.getByTestId('vorgang');
    this.aktenzeichen = page.getByRole('heading', { level: 1 });
    this.status = page.getByTestId('vorgang-status');
    this.assignee = page.getByTestId('vorgang-assignee');
    this.wiedervorlage = page.getByTestId('vorgang-wiedervorlage');
    this.feedback = page.getByTestId('vorgang-feedback');
    this.claimButton = page.getByRole('button', { name: 'Übernehmen', exact: true });
    this.wiedervorlageDate = page.getByLabel('Datum der Wiedervorlage');
    this.wiedervorlageNote = page.getByLabel('Notiz zur Wiedervorlage (optional)');
    this.setWiedervorlageButton = page.getByRole('button', { name: 'Wiedervorlage setzen' });
    this.back = page.getByRole('link', { name: 'Zurück zum Posteingang' });
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/#/vorgang/${encodeURIComponent(id)}`);
    await expect(this.root).toHaveAttribute('data-vorgang-id', id);
  }

  async expectSaved(): Promise<void> {
    await expect(this.feedback).toHaveText('Gespeichert. Die Änderung wird mit dem Server abgeglichen.');
  }

  async claim(): Promise<void> {
    await this.claimButton.click();
    await this.expectSaved();
  }

  changeStatusButton(statusLabel: string): Locator {
    return this.page.getByRole('button', { name: `Status ändern zu „${statusLabel}“` });
  }

  async changeStatus(statusLabel: string): Promise<void> {
    await this.changeStatusButton(statusLabel).click();
    await this.expectSaved();
  }

  /** Sets the Wiedervorlage; `date` as YYYY-MM-DD. */
  async setWiedervorlage(date: string, note?: string): Promise<void> {
    await this.wiedervorlageDate.fill(date);
    if (note !== undefined) await this.wiedervorlageNote.fill(note);
    await this.setWiedervorlageButton.click();
    await this.expectSaved();
  }

  async expectWiedervorlage(germanDate: string): Promise<void> {
    await expect(this.wiedervorlage).toHaveText(`Wiedervorlage am ${germanDate}`);
  }
}
