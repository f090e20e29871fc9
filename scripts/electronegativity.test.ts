import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge, runElectronegativity, type RunResult } from './electronegativity.ts';

/*
 * The gate must fail where the tool finds something: a built "app" with the classic mistakes
 * (Node in the renderer, no isolation, no sandbox) runs through the real tool, offline.
 */

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'amtsplatz-en-'));
  for (const part of ['main', 'preload', 'renderer']) await mkdir(join(out, part));
  await writeFile(
    join(out, 'main', 'index.js'),
    `const { app, BrowserWindow } = require('electron');
app.whenReady().then(() => {
  const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
  w.loadURL('http://example.org/');
});
`,
  );
  await writeFile(join(out, 'preload', 'index.cjs'), "require('electron');\n");
  await writeFile(join(out, 'renderer', 'index.html'), '<!doctype html><title>x</title><script src="a.js"></script>\n');
});
afterAll(() => rm(out, { recursive: true, force: true }));

const level = (name: string, value: number) => ({ name, value });
const finding = (id: string, file: string, severity = level('MEDIUM', 2)) => ({
  id,
  file,
  location: { line: 1, column: 0 },
  severity,
  confidence: level('FIRM', 1),
});
const result = (change: Partial<RunResult>): RunResult => ({
  globalChecks: 1,
  atomicChecks: 1,
  errors: [],
  issues: [],
  ...change,
});

describe('the electronegativity gate', () => {
  it(
    'fails an app without isolation, sandbox or navigation guard, loading http (the real tool, offline)',
    { timeout: 60_000 },
    async () => {
      const run = await runElectronegativity(out, '45.4.1');
      const report = judge(run);
      const ids = report.failures.map((f) => f.split(' ')[0]);
      expect(ids).toEqual(
        expect.arrayContaining([
          'CONTEXT_ISOLATION_JS_CHECK',
          'SANDBOX_JS_CHECK',
          'HTTP_RESOURCES_JS_CHECK',
          'LIMIT_NAVIGATION_GLOBAL_CHECK',
        ]),
      );
      expect(report.failures.find((f) => f.startsWith('CONTEXT_ISOLATION_JS_CHECK'))).toMatch(
        /^CONTEXT_ISOLATION_JS_CHECK \(HIGH\) in main\/index\.js at 3:/,
      );
    },
  );

  it('passes argued findings up to their count, and fails one more', () => {
    const preload = finding('PRELOAD_JS_CHECK', 'main/index.js');
    expect(judge(result({ issues: [preload] }))).toMatchObject({ failures: [], below: 0 });
    expect(judge(result({ issues: [preload, preload] })).failures).toEqual([
      'PRELOAD_JS_CHECK (MEDIUM) in main/index.js at 1:0, 1:0: 2 found, 1 argued in the ADR',
    ]);
    // The same check in another file is not argued.
    expect(judge(result({ issues: [finding('PRELOAD_JS_CHECK', 'renderer/x.js')] })).failures).toHaveLength(1);
  });

  it('lets findings below medium pass and counts them', () => {
    const low = finding('CSP_GLOBAL_CHECK', 'renderer/index.html', level('LOW', 1));
    expect(judge(result({ issues: [low] }))).toEqual({ failures: [], accepted: [], below: 1 });
  });

  it('fails a file the tool could not parse unless that is argued', () => {
    const privateFields = { message: 'Unknown node type ClassPrivateProperty.', tolerable: false };
    expect(judge(result({ errors: [{ file: 'renderer/assets/index-abc.js', ...privateFields }] })).failures).toEqual(
      [],
    );
    expect(judge(result({ errors: [{ file: 'main/index.js', ...privateFields }] })).failures).toEqual([
      'could not parse main/index.js: Unknown node type ClassPrivateProperty.',
    ]);
    const other = { file: 'renderer/assets/index-abc.js', message: 'Unexpected token', tolerable: false };
    expect(judge(result({ errors: [other] })).failures).toHaveLength(1);
  });
});
