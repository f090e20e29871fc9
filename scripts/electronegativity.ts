/**
 * `npm run electronegativity [-- DIR]`: @doyensec/electronegativity over the built app (default
 * out/; its main, preload and renderer, not the server bundle beside them), as a gate: it fails on any finding of severity medium or higher
 * that docs/adr/0008-packaged-app-updates.md does not argue, and on files it could not parse
 * unless argued there too. The tool's own CLI reports but always exits 0, and reaches the
 * internet twice (translations, Electron's release list), crashing without it; this runs its
 * runner offline instead. The release-list check is left out (see the ADR).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** Needs Electron's release list from GitHub; the Electron version is pinned in package.json instead. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

export interface AcceptedFinding {
  id: string;
  file: string;
  /** How many such findings the argument covers: one more means new code to review. */
  count: number;
  reason: string;
}

export interface AcceptedParseError {
  /** Path below the input, as a regular expression. */
  file: RegExp;
  message: string;
  reason: string;
}

/** Each one argued in docs/adr/0008-packaged-app-updates.md ("Electronegativity"). */
export const ACCEPTED_FINDINGS: readonly AcceptedFinding[] = [
  {
    id: 'PRELOAD_JS_CHECK',
    file: 'main/index.js',
    count: 1,
    reason: 'the one preload only forwards contract channels (ADR 0001, electron/preload/index.test.ts)',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/index.js',
    count: 1,
    reason:
      'shell.openExternal gets only URLs whose origin is in allowedExternalOrigins (services/security.ts, tested)',
  },
];

export const ACCEPTED_PARSE_ERRORS: readonly AcceptedParseError[] = [
  {
    file: /^renderer\/assets\/[^/]+\.js$/,
    message: 'Unknown node type ClassPrivateProperty.',
    reason:
      "the tool's estraverse does not know private class fields; renderer code runs sandboxed without Node, under a CSP without eval",
  },
];

const level = z.object({ name: z.string(), value: z.number() });
const issue = z.object({
  id: z.string(),
  file: z.string(),
  location: z.object({ line: z.number(), column: z.number() }),
  severity: level,
  confidence: level,
  manualReview: z.boolean().optional(),
});
const runResult = z.object({
  globalChecks: z.number(),
  atomicChecks: z.number(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(issue),
});
export type RunResult = z.infer<typeof runResult>;

/** electronegativity's severity scale: informational 0, low 1, medium 2, high 3. */
const MEDIUM = 2;

export interface GateReport {
  failures: string[];
  accepted: string[];
  below: number;
}

/** Sorts the findings (file paths relative to out/) into failures and argued ones. */
export function judge(result: RunResult): GateReport {
  const failures: string[] = [];
  const accepted: string[] = [];
  const serious = result.issues.filter((i) => i.severity.value >= MEDIUM);
  const groups = new Map<string, RunResult['issues']>();
  for (const i of serious) {
    const key = `${i.id} ${i.file}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  for (const [key, found] of groups) {
    const [id = '', file = ''] = key.split(' ');
    const argued = ACCEPTED_FINDINGS.find((a) => a.id === id && a.file === file);
    const where = found.map((i) => `${i.location.line}:${i.location.column}`).join(', ');
    const line = `${id} (${found[0]?.severity.name ?? ''}) in ${file} at ${where}`;
    if (argued !== undefined && found.length <= argued.count) accepted.push(`${line}: ${argued.reason}`);
    else if (argued !== undefined) failures.push(`${line}: ${found.length} found, ${argued.count} argued in the ADR`);
    else failures.push(line);
  }
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    const file = error.file;
    const argued = ACCEPTED_PARSE_ERRORS.find((a) => a.file.test(file) && a.message === error.message);
    if (argued === undefined) failures.push(`could not parse ${file}: ${error.message}`);
    else accepted.push(`not parsed: ${file} (${error.message}): ${argued.reason}`);
  }
  return { failures, accepted, below: result.issues.length - serious.length };
}

/** The parts of the built app electronegativity looks at (out/server is the server bundle). */
export const SCANNED = ['main', 'preload', 'renderer'] as const;

/**
 * Runs electronegativity's runner once over a copy of those parts (its global checks, such as
 * "is there a navigation guard", need all of them in one run), without network: its `got` is
 * replaced by one that fails at once. File paths in the result are relative to `out`.
 */
export async function runElectronegativity(out: string, electronVersion: string): Promise<RunResult> {
  const copy = await mkdtemp(join(tmpdir(), 'amtsplatz-electronegativity-'));
  try {
    for (const part of SCANNED) await cp(join(out, part), join(copy, part), { recursive: true });
    const result = await runOnce(copy, electronVersion);
    const relative = (file: string) =>
      (file.startsWith(copy) ? file.slice(copy.length + 1) : file).replaceAll('\\', '/');
    return {
      ...result,
      errors: result.errors.map((e) => ({ ...e, file: relative(e.file) })),
      issues: result.issues.map((i) => ({ ...i, file: relative(i.file) })),
    };
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

async function runOnce(input: string, electronVersion: string): Promise<RunResult> {
  const base = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = require.resolve('got', { paths: [base] });
  const offline = Object.assign(() => Promise.reject(new Error('offline')), {
    head: () => Promise.reject(new Error('offline')),
  });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline } as NodeJS.Module;
  const run = require(join(base, 'dist', 'runner.js')) as (options: Record<string, unknown>) => Promise<unknown>;
  const log = console.log;
  // Its translation loader prints that it could not fetch translations; the built-in ones are used.
  console.log = () => undefined;
  try {
    return runResult.parse(
      await run({
        input,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        isRelative: false,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      }),
    );
  } finally {
    console.log = log;
  }
}

async function main(args: string[]): Promise<number> {
  const input = resolve(args[0] ?? join(ROOT, 'out'));
  const pkg = require(join(ROOT, 'package.json')) as { devDependencies: Record<string, string> };
  const electronVersion = pkg.devDependencies['electron'] ?? '';
  const started = performance.now();
  const result = await runElectronegativity(input, electronVersion);
  const report = judge(result);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `electronegativity: ${result.globalChecks + result.atomicChecks} checks over ${input} for Electron ${electronVersion} in ${seconds} s`,
  );
  for (const line of report.accepted) console.log(`  argued: ${line}`);
  console.log(`  ${report.below} findings below medium`);
  for (const line of report.failures) console.error(`  FINDING: ${line}`);
  console.log(
    report.failures.length === 0
      ? 'electronegativity: no finding of medium or higher left'
      : `electronegativity: ${report.failures.length} finding(s) of medium or higher (fix, or argue in docs/adr/0008-packaged-app-updates.md)`,
  );
  return report.failures.length === 0 ? 0 : 1;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
