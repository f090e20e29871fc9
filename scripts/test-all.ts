// `npm test`: every check CI runs, in order, stopping at the first failing step.
// Prints one closing line `summary: N passed, N failed` counted from the test runners' reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, '.tmp', 'reports');
mkdirSync(reports, { recursive: true });

interface Step {
  name: string;
  cmd: [string, ...string[]];
}

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const vitestReport = join(reports, 'vitest.json');
const playwrightReport = join(reports, 'playwright.json');

const steps: Step[] = [
  { name: 'typecheck', cmd: [process.execPath, 'scripts/typecheck.ts'] },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  {
    name: 'unit and server tests',
    cmd: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
  },
  { name: 'build', cmd: [bin('electron-vite'), 'build'] },
  { name: 'electronegativity', cmd: [process.execPath, 'scripts/electronegativity.ts'] },
  { name: 'e2e', cmd: [bin('playwright'), 'test'] },
];

const only = process.argv.slice(2);
let failedStep: string | undefined;
for (const step of steps) {
  if (only.length > 0 && !only.includes(step.name)) continue;
  console.log(`\n=== ${step.name}: ${step.cmd.map((c) => c.replace(root + '/', '')).join(' ')}`);
  const started = Date.now();
  // The project's Node 24 (node_modules/.bin/node) must win over the system Node even when
  // this script is started without npm, or spawned .ts helpers would run without type stripping.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  };
  const res = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit', env });
  console.log(
    `=== ${step.name}: ${res.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (res.status !== 0) {
    failedStep = step.name;
    break;
  }
}

let passed = 0;
let failed = 0;
if (existsSync(vitestReport)) {
  const v = JSON.parse(readFileSync(vitestReport, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed += v.numPassedTests;
  failed += v.numFailedTests;
}
if (existsSync(playwrightReport)) {
  const p = JSON.parse(readFileSync(playwrightReport, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
}
if (failedStep) console.log(`\nstep failed: ${failedStep}`);
console.log(`summary: ${passed} passed, ${failed} failed`);
process.exit(failedStep || failed > 0 ? 1 : 0);
