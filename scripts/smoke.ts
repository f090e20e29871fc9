/**
 * `node scripts/smoke.ts BASE_URL [--username U --password P]`: the API smoke test. Against a
 * running server with demo data (or a real account) it checks, each answer against the shared
 * HTTP contract: health, login, the Verfahren (read from files at start), a full pull, the push of one mutation (a note on an open
 * Vorgang of the user's org unit), that the next pull returns that note, and logout. It writes
 * one note; run it against a demo or test instance. Prints one line per step and exits non-zero
 * at the first failure.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  apiError,
  health,
  pullResponse,
  pushResponse,
  session,
  type PullResponse,
} from '../shared/contracts/http/index.ts';
import { isReadOnly } from '../shared/domain/akte.ts';
import { verfahrenDef } from '../shared/domain/verfahren.ts';

export class SmokeError extends Error {
  readonly step: string;
  constructor(step: string, message: string) {
    super(`${step}: ${message}`);
    this.name = 'SmokeError';
    this.step = step;
  }
}

export interface SmokeOptions {
  username?: string;
  password?: string;
  /** Called after each step, e.g. to print progress. */
  onStep?: (step: SmokeStep) => void;
}

export interface SmokeStep {
  name: string;
  ms: number;
  detail: string;
}

export interface SmokeReport {
  steps: SmokeStep[];
  version: string;
  database: string;
  username: string;
  /** Rows of the first, full pull. */
  pulledRows: number;
  vorgangId: string;
  noteId: string;
}

const PULL_LIMIT = 5000;
/** GET /api/verfahren (syncEndpoints.verfahren). */
const verfahrenList = z.object({ verfahren: z.array(verfahrenDef) });

/** One request: the status must be `expected`; the JSON body must match the schema. */
async function call<T>(
  step: string,
  url: URL,
  schema: z.ZodType<T>,
  init: RequestInit = {},
  expected = 200,
): Promise<T> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.status !== expected) {
    throw new SmokeError(step, `HTTP ${res.status} (expected ${expected}): ${text.slice(0, 300)}`);
  }
  let json: unknown = undefined;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      throw new SmokeError(step, `the answer is not JSON: ${text.slice(0, 120)}`);
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `${issue.path.join('.')}: ${issue.message}`;
    throw new SmokeError(step, `the answer does not match the contract (${where})`);
  }
  return parsed.data;
}

export async function runSmoke(baseUrl: string, options: SmokeOptions = {}): Promise<SmokeReport> {
  const username = options.username ?? 'sachbearbeiter1';
  const password = options.password ?? 'demo';
  const api = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(path, baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };
  const steps: SmokeStep[] = [];
  const timed = async <T>(name: string, run: () => Promise<T>, describe: (value: T) => string): Promise<T> => {
    const started = performance.now();
    const value = await run();
    const step = { name, ms: Math.round(performance.now() - started), detail: describe(value) };
    steps.push(step);
    options.onStep?.(step);
    return value;
  };

  const status = await timed(
    'health',
    () => call('health', api('/api/health'), health),
    (h) => `${h.status}, version ${h.version}, ${h.database}`,
  );
  const login = await timed(
    'login',
    () =>
      call('login', api('/api/auth/login'), session, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      }),
    (s) => `${s.user.username} (${s.user.roles.join(', ')}) in ${s.orgUnit.name}`,
  );
  const auth = { authorization: `Bearer ${login.token}` };
  const clientId = randomUUID();
  // The server reads its Verfahren from files at start: an empty list means it shipped without them.
  await timed(
    'verfahren',
    async () => {
      const { verfahren } = await call('verfahren', api('/api/verfahren'), verfahrenList, { headers: auth });
      if (verfahren.length === 0) throw new SmokeError('verfahren', 'the server knows no Verfahren');
      return verfahren;
    },
    (list) => list.map((v) => v.id).join(', '),
  );

  const pullAll = async (step: string, from: string | undefined) => {
    const changes: PullResponse['changes'] = [];
    let cursor = from;
    for (;;) {
      const query: Record<string, string> = { clientId, limit: String(PULL_LIMIT) };
      if (cursor !== undefined) query['cursor'] = cursor;
      const page = await call(step, api('/api/sync/pull', query), pullResponse, { headers: auth });
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return { changes, cursor };
    }
  };
  const first = await timed(
    'pull',
    () => pullAll('pull', undefined),
    (p) => `${p.changes.length} rows, cursor ${p.cursor}`,
  );
  const open = first.changes.find(
    (c) => c.entity === 'vorgang' && c.value.orgUnitId === login.user.orgUnitId && !isReadOnly(c.value),
  );
  if (open?.entity !== 'vorgang') throw new SmokeError('pull', `no open Vorgang of ${login.orgUnit.name} was pulled`);
  const vorgangId = open.value.id;

  const noteId = randomUUID();
  const pushed = await timed(
    'push',
    () =>
      call('push', api('/api/sync/push'), pushResponse, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId,
          mutations: [
            {
              seq: 1,
              name: 'addNote',
              args: { vorgangId, noteId, text: 'Smoke test: Rückruf erbeten' },
              clientTime: new Date().toISOString(),
            },
          ],
        }),
      }),
    (r) => r.results.map((x) => `seq ${x.seq} ${x.status}`).join(', '),
  );
  const result = pushed.results[0];
  if (result?.status !== 'applied') {
    throw new SmokeError(
      'push',
      `addNote was not applied: ${result?.status ?? 'no result'} ${result?.error?.code ?? ''}`,
    );
  }

  await timed(
    'pull again',
    async () => {
      const next = await pullAll('pull again', first.cursor);
      const note = next.changes.find((c) => c.entity === 'note' && c.value.id === noteId);
      if (note?.entity !== 'note' || note.value.vorgangId !== vorgangId || note.value.authorId !== login.user.id) {
        throw new SmokeError('pull again', `the pushed note ${noteId} did not come back`);
      }
      return next;
    },
    (p) => `${p.changes.length} rows, the note is among them`,
  );
  await timed(
    'logout',
    async () => {
      await call('logout', api('/api/auth/logout'), z.undefined(), { method: 'POST', headers: auth }, 204);
      // The token must be gone on the server, not merely forgotten by this client.
      const refused = await call('logout', api('/api/auth/me'), apiError, { headers: auth }, 401);
      if (refused.error.code !== 'unauthenticated') {
        throw new SmokeError('logout', `the old token was answered with ${refused.error.code}`);
      }
    },
    () => 'token revoked',
  );

  return {
    steps,
    version: status.version,
    database: status.database,
    username: login.user.username,
    pulledRows: first.changes.length,
    vorgangId,
    noteId,
  };
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { username: { type: 'string' }, password: { type: 'string' } },
  });
  const [baseUrl] = positionals;
  if (baseUrl === undefined || positionals.length > 1) {
    console.error('usage: node scripts/smoke.ts BASE_URL [--username U --password P]');
    return 2;
  }
  try {
    await runSmoke(baseUrl, {
      ...values,
      onStep: (s) => console.log(`smoke ${s.name}: ok (${s.ms} ms) ${s.detail}`),
    });
    console.log('smoke: passed');
    return 0;
  } catch (error) {
    console.error(`smoke failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
