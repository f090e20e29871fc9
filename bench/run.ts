// `npm run bench [-- --count N]`: seeds N demo Vorgänge into a fresh server and measures the client
// in Debian's Chromium. Prints a table and writes bench/results/latest.json. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, request, type Browser, type Page } from 'playwright-core';
import { ApiClient } from '../e2e/support/api.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium.ts';
import { buildBenchPage, serveBenchPage } from './lib/bench-page.ts';
import {
  awaitRowChange,
  clearSearch,
  clickLogin,
  loginMoment,
  openLogin,
  renderedRows,
  showInboxView,
  timeSearch,
  watchRowChange,
} from './lib/app-page.ts';
import { formatTable, machineInfo, meetsTarget, metric, round, type Metric } from './lib/results.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { benchBescheid } from './scenarios/bescheid.ts';
import { benchBlobs } from './scenarios/blobs.ts';
import { benchConsole } from './scenarios/console.ts';
import { benchPruefliste } from './scenarios/pruefliste.ts';
import { benchVolltext } from './scenarios/search.ts';
import { summarize, type Summary } from './lib/stats.ts';
import type { BenchLogin, SyncedCounts } from './browser/api.ts';

const root = join(import.meta.dirname, '..');
const CLERK = 'sachbearbeiter1';
const PASSWORD = 'demo';
/** The clerk's colleague in the same org unit (README demo accounts). */
const COLLEAGUE_ID = 'u-sachbearbeiter2';

/** Scenarios in the order they run; `--only` picks some of them. */
const SCENARIOS = [
  'sync',
  'query',
  'search',
  'change',
  'console',
  'writes',
  'pruefliste',
  'blobs',
  'bescheid',
  'volltext',
] as const;
type Scenario = (typeof SCENARIOS)[number];
const BROWSER_SCENARIOS: readonly Scenario[] = ['sync', 'query', 'search', 'change', 'console', 'writes'];

const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    port: { type: 'string', default: '0' },
    out: { type: 'string', default: join(root, 'bench', 'results', 'latest.json') },
    iterations: { type: 'string', default: '300' },
    samples: { type: 'string', default: '25' },
    writes: { type: 'string', default: '100' },
    build: { type: 'boolean', default: false },
    only: { type: 'string' },
    'timeout-minutes': { type: 'string', default: '10' },
    help: { type: 'boolean', default: false },
  },
});

if (opts.help) {
  console.log(`Usage: npm run bench -- [--count N] [--port P] [--out FILE] [--iterations N] [--samples N] [--writes N]
                       [--build] [--only LIST] [--timeout-minutes M]
  --count N        demo Vorgänge the server seeds (default 100000; the clerk's org unit gets ~70 %)
  --iterations N   repetitions of the in-page query and write measurements (default 300)
  --samples N      second-client change samples (default 25) and search samples (N * 2)
  --writes N       optimistic local writes per variant (default 100)
  --build          run electron-vite build even if out/renderer exists
  --only LIST      comma-separated scenarios to run (default all): ${SCENARIOS.join(', ')};
                   every browser scenario logs in first, so "sync" (first page, initial sync) always runs with them`);
  process.exit(0);
}

const count = positive('count', opts.count);
const iterations = positive('iterations', opts.iterations);
const samples = positive('samples', opts.samples);
const writes = positive('writes', opts.writes);
/** Pause between measured local writes: about the pace of a clerk's clicks, and time for the app to react. */
const WRITE_PAUSE_MS = 250;
const only = scenarios(opts.only);
const timeoutMs = Number(opts['timeout-minutes']) * 60_000;
if (!(timeoutMs > 0)) throw new Error(`--timeout-minutes must be a positive number, got "${opts['timeout-minutes']}"`);

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${text}"`);
  return n;
}

function scenarios(list: string | undefined): ReadonlySet<Scenario> {
  if (list === undefined) return new Set(SCENARIOS);
  const picked = new Set<Scenario>();
  for (const name of list.split(',').map((n) => n.trim())) {
    const known = SCENARIOS.find((s) => s === name);
    if (!known) throw new Error(`--only: unknown scenario "${name}" (known: ${SCENARIOS.join(', ')})`);
    picked.add(known);
  }
  if (BROWSER_SCENARIOS.some((s) => picked.has(s))) picked.add('sync');
  return picked;
}

/** "70006 vorgang + 49130 dokument + 4 user rows" */
function describeRows(counts: SyncedCounts): string {
  const parts = Object.entries(counts).flatMap(([entity, n]) => (n ? [`${n} ${entity}`] : []));
  return `${parts.join(' + ') || 'no'} rows`;
}

function detail(s: Summary): string {
  return `n=${s.count} median=${round(s.median)} max=${round(s.max)}`;
}

function p95Metric(name: string, samples: number[], target: number): Metric {
  const s = summarize(samples);
  return metric(name, s.p95, 'ms', target, { extra: detail(s) });
}

function ensureRendererBuild(): void {
  if (!opts.build && existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
  console.log('building the app (electron-vite build) …');
  const res = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('electron-vite build failed');
}

interface Resources {
  server?: RunningServer;
  browser?: Browser;
  dataDir?: string;
  pageDir?: string;
}

async function measure(res: Resources): Promise<{ metrics: Metric[]; browserVersion: string; notes: string[] }> {
  ensureRendererBuild();
  // Outside the checkout: built JavaScript there would be linted.
  res.pageDir = mkdtempSync(join(tmpdir(), 'amtsplatz-bench-page-'));
  const pageDir = res.pageDir;
  await buildBenchPage(root, pageDir);

  res.dataDir = mkdtempSync(join(tmpdir(), 'amtsplatz-bench-'));
  console.log(`seeding ${count} demo Vorgänge into ${res.dataDir} …`);
  const seedStart = Date.now();
  res.server = await startServer({
    root,
    port: Number(opts.port),
    dataDir: res.dataDir,
    webRoot: join(root, 'out', 'renderer'),
    demoCount: count,
    startTimeoutMs: 5 * 60_000,
    extraArgs: ['--log-level', 'warn'],
  });
  const url = res.server.url;
  const notes = [`server seeded and started in ${round((Date.now() - seedStart) / 1000)} s`];
  const metrics: Metric[] = [];
  let browserVersion = 'not started';
  if (only.has('sync')) {
    res.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    browserVersion = res.browser.version();
    metrics.push(...(await measureInBrowser(res.browser, url, pageDir, notes)));
  }
  metrics.push(...(await measureOutsideBrowser(url)));
  return { metrics, browserVersion, notes };
}

/** The browser scenarios: login and initial sync first, then those of `only`. */
async function measureInBrowser(browser: Browser, url: string, pageDir: string, notes: string[]): Promise<Metric[]> {
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1400, height: 900 },
  });
  const benchUrl = await serveBenchPage(context, url, pageDir);
  const app = await context.newPage();
  const metrics: Metric[] = [];

  // 1. Login → first inbox row (fresh browser profile: the client starts with an empty database).
  console.log('login and first inbox page …');
  await openLogin(app, url);
  await clickLogin(app, CLERK, PASSWORD);
  const first = await loginMoment(app, 'firstRowAt', 60_000);
  metrics.push(
    metric('time to first inbox page after login', first.at - first.clickAt, 'ms', 2000, {
      extra: `fresh client, ${count} seeded`,
    }),
  );

  // 2. Full initial sync, from the same click until the sync indicator reports it done.
  console.log('waiting for the initial sync …');
  const synced = await loginMoment(app, 'syncedAt', 6 * 60_000);
  const syncMs = synced.at - synced.clickAt;
  const bench = await context.newPage();
  await bench.goto(benchUrl);
  await bench.waitForFunction(() => typeof window.bench === 'object');
  const login: BenchLogin = await bench.evaluate(([u, p]) => window.bench.login(u, p), [CLERK, PASSWORD] as const);
  const appRows = await bench.evaluate((userId) => window.bench.countAppRows(userId), login.userId);

  // 3. Same rows, fetched through the pull API in the page, then plain bulkPuts into a throwaway database.
  //    An initial sync writes every entity of the pull stream (Dokumente, notes, users, …), so the
  //    baseline writes all of them; the Vorgänge alone are given for comparison with older runs.
  console.log(`initial sync: ${describeRows(appRows)} in ${syncMs} ms; raw bulkPut baseline …`);
  const serverRows = await bench.evaluate((token) => window.bench.fetchAllRows(token), login.token);
  for (const entity of new Set([...Object.keys(serverRows), ...Object.keys(appRows)]) as Set<keyof SyncedCounts>) {
    const [client, server] = [appRows[entity] ?? 0, serverRows[entity] ?? 0];
    if (client !== server) notes.push(`WARNING: the client holds ${client} ${entity} rows, the server sent ${server}`);
  }
  const baseline = await bench.evaluate(() => window.bench.baselineBulkPut('all'));
  const vorgaengeOnly = await bench.evaluate(() => window.bench.baselineBulkPut('vorgaenge'));
  metrics.push(
    metric('full initial sync', syncMs, 'ms', baseline.ms, {
      targetRatio: 1.5,
      extra:
        `${describeRows(appRows)}; baseline = raw Dexie bulkPut of the same ${baseline.rows} rows, one per table;` +
        ` Vorgänge alone: bulkPut ${round(vorgaengeOnly.ms)} ms, ratio ${round(syncMs / vorgaengeOnly.ms, 3)}`,
    }),
  );

  // 4. Inbox page of 50 through the compound indexes of the app's database.
  if (only.has('query')) {
    console.log('inbox query …');
    const queryTimes = await bench.evaluate(
      ([userId, orgUnitId, n]) => window.bench.inboxQueryTimings(userId, orgUnitId, n),
      [login.userId, login.orgUnitId, iterations] as const,
    );
    const queries = summarize(queryTimes);
    // inboxQueryTimings alternates the views in this order.
    const perView = ['mine', 'team', 'open']
      .map((view, v) => `${view} p95=${round(summarize(queryTimes.filter((_, i) => i % 3 === v)).p95)}`)
      .join(' ');
    metrics.push(
      metric('inbox indexed query p95 (page of 50)', queries.p95, 'ms', 10, {
        extra: `${detail(queries)}; ${perView}`,
      }),
    );
  }

  // 5. Free-text search in the UI (team view: every Vorgang of the org unit), plus the bare index search.
  if (only.has('search')) {
    console.log('search …');
    const texts = await bench.evaluate((n) => window.bench.sampleSearchTexts(n), samples * 2);
    await app.bringToFront();
    await showInboxView(app, 'team');
    const allText = (await app.getByTestId('inbox-count').textContent()) ?? '';
    const searchTimes: number[] = [];
    for (const text of texts) {
      searchTimes.push(await timeSearch(app, text, 10_000));
      await clearSearch(app, allText);
    }
    metrics.push(p95Metric('free-text search p95 (type → list updated)', searchTimes, 100));
    const indexTimes = await bench.evaluate(
      ([userId, orgUnitId, t]) => window.bench.indexSearchTimings(userId, orgUnitId, t),
      [login.userId, login.orgUnitId, texts] as const,
    );
    metrics.push(p95Metric('in-memory index search p95', indexTimes, 100));
  }

  // 6. A change made elsewhere (the team lead's device, through the API) until this client shows it.
  if (only.has('change')) {
    console.log('change visible to a second client …');
    await app.bringToFront();
    await showInboxView(app, 'team');
    metrics.push(p95Metric('change visible to a second client p95', await timeChanges(app, bench, url, login), 1000));
  }

  // 7. The team console (first render, update after a change) beside the inbox query, in the bench page.
  if (only.has('console')) {
    console.log('team console …');
    metrics.push(...(await benchConsole({ browser, url, pageDir, iterations, samples })));
  }

  // 8. Optimistic local writes last: their outbox entries are pushed by the app in the background.
  //    Spaced like a clerk's actions (the open app reacts to each write); back to back for comparison.
  if (only.has('writes')) {
    console.log('optimistic local writes …');
    const localWrites = (pauseMs: number) =>
      bench.evaluate(([userId, n, pause]) => window.bench.localWriteTimings(userId, n, pause), [
        login.userId,
        writes,
        pauseMs,
      ] as const);
    const spaced = summarize(await localWrites(WRITE_PAUSE_MS));
    const backToBack = summarize(await localWrites(0));
    const rawPut = summarize(await bench.evaluate((n) => window.bench.rawPutTimings(n), writes));
    metrics.push(
      metric('optimistic local write p95 (mutate → Dexie row)', spaced.p95, 'ms', 10, {
        extra:
          `${detail(spaced)}, ${WRITE_PAUSE_MS} ms apart; back to back p95=${round(backToBack.p95)};` +
          ` raw Dexie put+get p95=${round(rawPut.p95)}`,
      }),
    );
  }
  return metrics;
}

/** Scenarios without the browser: domain work in Node, and the server's blob endpoints. */
async function measureOutsideBrowser(url: string): Promise<Metric[]> {
  const metrics: Metric[] = [];

  // Pure domain work, in Node: no browser or server involved.
  const [total, perVorgang] = only.has('pruefliste') ? await benchPruefliste(count) : [];
  if (total && perVorgang) {
    metrics.push(
      metric(`Prüfliste evaluation, 50 items × ${count} Vorgänge`, total.value, total.unit, 10_000, {
        extra: `${perVorgang.value} ${perVorgang.unit} per Vorgang; baseline = budget of 100 µs per Vorgang`,
      }),
    );
  }

  if (only.has('blobs')) {
    console.log('documents: 20 MB upload and download …');
    const blobs = await benchBlobs(url, CLERK, PASSWORD);
    const mb = `${blobs.sizeBytes / 1024 / 1024} MB PDF, median of ${blobs.runs} runs`;
    metrics.push(
      metric('document upload (PUT /api/blobs, hash-checked)', blobs.apiUploadMs, 'ms', blobs.plainUploadMs, {
        targetRatio: 2,
        extra: `${mb}; baseline = plain HTTP PUT of the same bytes to a file`,
      }),
      metric('document download (GET /api/blobs, access-checked)', blobs.apiDownloadMs, 'ms', blobs.plainDownloadMs, {
        targetRatio: 2,
        extra: `${mb}; baseline = plain HTTP GET of the same bytes from a file`,
      }),
    );
  }

  if (only.has('bescheid')) {
    console.log('Bescheid render and sign …');
    const bescheid = await benchBescheid();
    const runs = `median of ${bescheid.runs} runs, ${bescheid.pages} pages`;
    metrics.push(
      metric('Bescheid render (DIN 5008, PDF/A-2b, seal box)', bescheid.renderMedianMs, 'ms', 1000, {
        extra: `${runs}; baseline = budget 1 s`,
      }),
      metric('Bescheid sign (PAdES B-B, RSA 3072)', bescheid.signMedianMs, 'ms', 1000, {
        extra: `${runs}; baseline = budget 1 s`,
      }),
      metric('Bescheid render + sign', bescheid.totalMedianMs, 'ms', 2000, { extra: `${runs}; baseline = budget 2 s` }),
    );
  }

  if (only.has('volltext')) {
    console.log(`full-text search over ${count} Vorgänge (own embedded database) …`);
    const v = await benchVolltext(count);
    const perQuery = v.perQuery.map((q) => `${q.label} ${round(q.p95)}`).join(', ');
    metrics.push(
      metric('full-text search p95 (server, typical queries)', v.search.p95, 'ms', 100, {
        extra:
          `${detail(v.search)}; p95 per query: ${perQuery}; bare GIN match of the same queries p95=${round(v.match.p95)}` +
          ` (search/match ${round(v.search.p95 / v.match.p95, 2)} ×); a word in half of all documents` +
          ` ("${v.broad.label}") p95=${round(v.broad.p95)}; ${v.vorgaenge} Vorgänge, ${v.dokumente} document texts` +
          ` seeded in ${round(v.seedMs / 1000)} s; baseline = target 100 ms`,
      }),
      metric('full-text indexing per PDF (text layer)', v.indexMsPerDoc, 'ms', v.rawMsPerDoc, {
        targetRatio: 3,
        extra:
          `${round(1000 / v.indexMsPerDoc)} documents/s over ${v.indexedDocs} PDFs (${v.indexedPages} pages with text);` +
          ` baseline = pdftotext alone over the same files (${round(1000 / v.rawMsPerDoc)} documents/s)`,
      }),
    );
    if (v.ocrMsPerPage !== null) {
      metrics.push(
        metric('OCR per scanned page (render, Tesseract, index)', v.ocrMsPerPage, 'ms', 10_000, {
          extra: 'tesseract -l deu, one thread; baseline = budget 10 s per page',
        }),
      );
    } else {
      console.log('OCR not measured: tesseract with German (tesseract-ocr-deu) is not installed');
    }
  }
  return metrics;
}

async function timeChanges(app: Page, bench: Page, url: string, login: BenchLogin): Promise<number[]> {
  const api = await request.newContext({ baseURL: url });
  try {
    const lead = await ApiClient.login(api, 'teamleitung1');
    const visible = await renderedRows(app, 10);
    if (visible.length === 0) throw new Error('the team inbox shows no rows');
    const ids = visible.map((r) => r.id);
    const current = new Map(
      (await bench.evaluate(([userId, list]) => window.bench.readRows(userId, list), [login.userId, ids] as const)).map(
        (r) => [r.id, r],
      ),
    );
    const out: number[] = [];
    for (let i = 0; i < samples; i++) {
      const id = ids[i % ids.length] as string;
      const row = current.get(id);
      if (!row) throw new Error(`row ${id} is not in the client database`);
      const assigneeId = row.assigneeId === login.userId ? COLLEAGUE_ID : login.userId;
      await watchRowChange(app, id, row.version, 10_000);
      const pushedAt = Date.now();
      await lead.apply('assign', { vorgangId: id, assigneeId });
      const shownAt = await awaitRowChange(app);
      out.push(shownAt - pushedAt);
      current.set(id, { id, assigneeId, version: row.version + 1 });
    }
    return out;
  } finally {
    await api.dispose();
  }
}

async function cleanup(res: Resources): Promise<void> {
  await res.browser?.close().catch((e: unknown) => console.error('closing the browser failed:', e));
  await res.server?.stop().catch((e: unknown) => console.error('stopping the server failed:', e));
  for (const dir of [res.dataDir, res.pageDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<number> {
  const res: Resources = {};
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const onSignal = (signal: string) => {
    console.error(`\n${signal}: stopping the server and the browser …`);
    void cleanup(res).finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  try {
    const timeout = new Promise<never>((_, reject) => {
      watchdog = setTimeout(() => reject(new Error(`bench exceeded ${timeoutMs / 60_000} minutes`)), timeoutMs);
    });
    const run = measure(res);
    // After a timeout, cleanup closes the browser under the running measurement: its late failure is expected.
    run.catch(() => undefined);
    const { metrics, browserVersion, notes } = await Promise.race([run, timeout]);
    const machine = machineInfo(`Chromium ${browserVersion}`, count);
    console.log(`\n${formatTable(metrics)}\n`);
    for (const n of notes) console.log(n);
    console.log(`machine: ${JSON.stringify(machine)}`);
    console.log(`total ${round((Date.now() - started) / 1000)} s`);
    mkdirSync(join(opts.out, '..'), { recursive: true });
    writeFileSync(opts.out, `${JSON.stringify(metrics, null, 2)}\n`);
    writeFileSync(opts.out.replace(/\.json$/, '.machine.json'), `${JSON.stringify({ ...machine, notes }, null, 2)}\n`);
    console.log(`written: ${opts.out}`);
    const missed = metrics.filter((m) => !meetsTarget(m));
    if (missed.length > 0) console.log(`targets missed: ${missed.map((m) => m.name).join('; ')}`);
    return 0;
  } catch (e) {
    console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  } finally {
    clearTimeout(watchdog);
    await cleanup(res);
  }
}

process.exit(await main());
