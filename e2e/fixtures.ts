import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { ApiClient, type DemoUser } from './support/api.ts';
import { LoginPage } from './pages/LoginPage.ts';
import type { InboxPage } from './pages/InboxPage.ts';

export interface Clerk {
  context: BrowserContext;
  page: Page;
  inbox: InboxPage;
}

interface Fixtures {
  /** Logs a demo user in through the HTTP API (another device, not the browser). */
  api: (user: DemoUser) => Promise<ApiClient>;
  /** A separate browser (own context: own IndexedDB, own session) with the user logged in through the UI. */
  loginAs: (user: DemoUser) => Promise<Clerk>;
}

export const test = base.extend<Fixtures>({
  api: async ({ request }, use) => {
    await use((user) => ApiClient.login(request, user));
  },
  loginAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (user) => {
      // Playwright Test applies the config's `use` options (baseURL, locale, time zone) to new contexts.
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      const login = new LoginPage(page);
      await login.goto();
      const inbox = await login.login(user);
      return { context, page, inbox };
    });
    for (const c of contexts) await c.close();
  },
});

export { expect } from '@playwright/test';
