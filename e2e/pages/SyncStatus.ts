import { expect, type Locator, type Page } from '@playwright/test';

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'unauthorized';

/** The sync indicator in the header (state, pending changes, rejection list). Part of every logged-in page. */
export class SyncStatus {
  readonly root: Locator;
  readonly pending: Locator;
  readonly syncNow: Locator;
  readonly rejectionsButton: Locator;
  readonly rejectionsDialog: Locator;
  readonly rejections: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('region', { name: 'Synchronisierung' });
    this.pending = this.root.getByTestId('sync-pending');
    this.syncNow = this.root.getByRole('button', { name: 'Jetzt synchronisieren' });
    this.rejectionsButton = this.root.getByRole('button', { name: /^Abgelehnte Änderungen \(\d+\)$/ });
    this.rejectionsDialog = page.getByRole('dialog', { name: 'Abgelehnte Änderungen' });
    this.rejections = this.rejectionsDialog.getByTestId('rejection');
  }

  async expectState(state: SyncState, options?: { timeout?: number }): Promise<void> {
    await expect(this.root).toHaveAttribute('data-state', state, options);
  }

  /** Synced at least once and nothing in flight: state idle, a last-sync time, no pending changes. */
  async expectInSync(options?: { timeout?: number }): Promise<void> {
    await expect(this.pending).toHaveCount(0, options);
    await this.expectState('idle', options);
    await expect(this.root).toContainText('Zuletzt:');
  }

  async expectPending(count: number): Promise<void> {
    await expect(this.pending).toContainText(count === 1 ? '1 Änderung ausstehend' : `${count} Änderungen ausstehend`);
  }

  async expectRejectedCount(count: number): Promise<void> {
    await expect(this.rejectionsButton).toHaveText(`Abgelehnte Änderungen (${count})`);
  }

  async openRejections(): Promise<Locator> {
    await this.rejectionsButton.click();
    await expect(this.rejectionsDialog).toBeVisible();
    return this.rejections;
  }

  async closeRejections(): Promise<void> {
    await this.rejectionsDialog.getByRole('button', { name: 'Schließen' }).click();
    await expect(this.rejectionsDialog).toBeHidden();
  }
}
