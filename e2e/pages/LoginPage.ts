import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, type DemoUser } from '../support/api.ts';
import { InboxPage } from './InboxPage.ts';

export class LoginPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1, name: 'Anmeldung' });
    this.username = page.getByRole('textbox', { name: 'Benutzername' });
    this.password = page.getByLabel('Passwort', { exact: true });
    this.submit = page.getByRole('button', { name: 'Anmelden' });
    this.error = page.getByTestId('login-error');
  }

  async goto(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  async fill(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
  }

  /** Logs in and waits until the inbox shows rows and the first sync has completed. */
  async login(username: DemoUser, password = DEMO_PASSWORD): Promise<InboxPage> {
    await this.fill(username, password);
    await this.submit.click();
    const inbox = new InboxPage(this.page);
    await inbox.waitUntilLoaded();
    return inbox;
  }
}
