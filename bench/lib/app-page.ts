import type { Page } from 'playwright-core';

/**
 * Drives the real app (the production bundle, served by the server) in one page. Timings that
 * need sub-frame precision are taken inside the page (performance.now around DOM mutations),
 * so the DevTools round trips of the driver are not part of the figure.
 */

const GRID = '[data-testid="inbox-grid"]';
const LOADED_ROW = `${GRID} [data-vorgang-id][data-version]`;

export async function openLogin(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Benutzername').waitFor();
}

interface LoginProbe {
  clickAt: number;
  firstRowAt: number;
  syncedAt: number;
}

/**
 * Fills the form and clicks "Anmelden". Inside the page, a click listener and a DOM observer
 * record (Date.now) the click, the first inbox row with data laid out on screen, and the moment
 * the sync indicator first shows a last-sync time — for a fresh client, the end of the initial
 * sync (the worker stores lastSyncAt together with initialSyncDone).
 */
export async function clickLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Benutzername').fill(username);
  await page.getByLabel('Passwort').fill(password);
  await page.evaluate((loadedRow) => {
    const probe: LoginProbe = { clickAt: 0, firstRowAt: 0, syncedAt: 0 };
    (window as Window & { __benchLogin?: LoginProbe }).__benchLogin = probe;
    document.addEventListener(
      'click',
      () => {
        probe.clickAt = Date.now();
      },
      { capture: true, once: true },
    );
    const obs = new MutationObserver(() => {
      if (probe.firstRowAt === 0) {
        const row = document.querySelector(loadedRow);
        if (row && row.getBoundingClientRect().height > 0) probe.firstRowAt = Date.now();
      }
      if (probe.syncedAt === 0) {
        const status = document.querySelector('[data-testid="sync-status"]');
        if (status?.textContent.includes('Zuletzt:')) probe.syncedAt = Date.now();
      }
      if (probe.firstRowAt > 0 && probe.syncedAt > 0) obs.disconnect();
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, LOADED_ROW);
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** Waits for one of the login probe's moments and returns it with the click time. */
export async function loginMoment(
  page: Page,
  which: 'firstRowAt' | 'syncedAt',
  timeoutMs: number,
): Promise<{ clickAt: number; at: number }> {
  await page.waitForFunction(
    (key) => ((window as Window & { __benchLogin?: LoginProbe }).__benchLogin?.[key] ?? 0) > 0,
    which,
    { timeout: timeoutMs, polling: 100 },
  );
  return page.evaluate((key) => {
    const p = (window as Window & { __benchLogin?: LoginProbe }).__benchLogin;
    if (!p) throw new Error('login probe missing');
    return { clickAt: p.clickAt, at: p[key] };
  }, which);
}

export async function showInboxView(page: Page, view: 'mine' | 'team' | 'open'): Promise<void> {
  await page.evaluate((v) => {
    window.location.hash = `#/inbox/${v}`;
  }, view);
  await page.locator(LOADED_ROW).first().waitFor({ state: 'visible' });
}

interface Probe {
  start: number;
  end: number;
}
declare global {
  interface Window {
    __benchProbe?: Probe;
  }
}

/**
 * Replaces the search text and returns ms from the input event to the moment the list shows the
 * result: the count changed and every rendered row carries its data (no placeholder rows).
 */
export async function timeSearch(page: Page, text: string, timeoutMs: number): Promise<number> {
  await page.evaluate(() => {
    const count = document.querySelector('[data-testid="inbox-count"]');
    const input = document.querySelector('[data-testid="inbox-search"]');
    if (!count || !input) throw new Error('inbox count or search box missing');
    const before = count.textContent;
    const probe: Probe = { start: 0, end: 0 };
    window.__benchProbe = probe;
    input.addEventListener(
      'input',
      () => {
        probe.start = performance.now();
      },
      { once: true, capture: true },
    );
    const settled = () =>
      probe.start > 0 &&
      count.textContent !== before &&
      document.querySelector('[data-testid="inbox-grid"] [data-vorgang-id]:not([data-version])') === null;
    const obs = new MutationObserver(() => {
      if (!settled()) return;
      probe.end = performance.now();
      obs.disconnect();
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.getByTestId('inbox-search').fill(text);
  await page.waitForFunction(() => (window.__benchProbe?.end ?? 0) > 0, undefined, { timeout: timeoutMs });
  return page.evaluate(() => {
    const p = window.__benchProbe;
    if (!p) throw new Error('probe missing');
    return p.end - p.start;
  });
}

/** Empties the search box and waits until the list shows the given count text again. */
export async function clearSearch(page: Page, countText: string): Promise<void> {
  await page.getByTestId('inbox-search').fill('');
  await page.getByTestId('inbox-count').filter({ hasText: countText }).waitFor();
  await page.locator(`${GRID} [data-vorgang-id]:not([data-version])`).first().waitFor({ state: 'detached' });
}

/** The first `n` rows of the grid that carry data, in order. */
export function renderedRows(page: Page, n: number): Promise<{ id: string; version: number }[]> {
  return page.locator(LOADED_ROW).evaluateAll(
    (els, limit) =>
      els.slice(0, limit).map((e) => ({
        id: e.getAttribute('data-vorgang-id') ?? '',
        version: Number(e.getAttribute('data-version')),
      })),
    n,
  );
}

/**
 * Starts watching for the row to show a version above `version`. Call before the change is made;
 * `awaitRowChange` then resolves with Date.now() of the DOM mutation that showed it.
 */
export async function watchRowChange(page: Page, id: string, version: number, timeoutMs: number): Promise<void> {
  await page.evaluate(
    ({ id, version, timeoutMs }) => {
      const w = window as Window & { __benchChange?: Promise<number> };
      w.__benchChange = new Promise<number>((resolve, reject) => {
        const shown = () => {
          const el = document.querySelector(`[data-testid="inbox-grid"] [data-vorgang-id="${id}"]`);
          return el !== null && Number(el.getAttribute('data-version')) > version;
        };
        const obs = new MutationObserver(() => {
          if (!shown()) return;
          const at = Date.now();
          obs.disconnect();
          clearTimeout(timer);
          resolve(at);
        });
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`row ${id} did not change within ${timeoutMs} ms`));
        }, timeoutMs);
        obs.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['data-version'],
        });
      });
      // Keep an unobserved rejection from surfacing before awaitRowChange picks it up.
      w.__benchChange.catch(() => undefined);
    },
    { id, version, timeoutMs },
  );
}

export function awaitRowChange(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as Window & { __benchChange?: Promise<number> };
    if (!w.__benchChange) throw new Error('watchRowChange was not called');
    return w.__benchChange;
  });
}
