import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// Loading the ESLint config (typescript-eslint, globs) and the tsc runs take seconds each.
vi.setConfig({ testTimeout: 120_000 });

const root = join(import.meta.dirname, '..');
let eslint: ESLint;
beforeAll(() => {
  // The probe files do not exist, so no TypeScript project holds them: the import rules are
  // checked without type information (the type-aware rules have their own run over real files).
  eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      tseslint.configs.disableTypeChecked,
      { languageOptions: { parserOptions: { projectService: false, project: false, program: null } } },
    ],
  });
});

/** The rules that fire on `code` placed at `filePath` (which need not exist). */
async function firedRules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

type Case = [file: string, code: string];

const staticImport = 'no-restricted-imports';
const dynamicImport = 'no-restricted-syntax';

describe('import boundaries (eslint.config.js)', () => {
  it.each<Case>([
    ['renderer/src/x.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n"],
    ['renderer/src/x.ts', "import { join } from 'path';\nexport const j = join;\n"],
    ['renderer/src/features/x/y.tsx', "export { createHash } from 'crypto';\n"],
    ['shared/domain/x.ts', "import { join } from 'node:path';\nexport const j = join;\n"],
    ['shared/domain/x.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['shared/contracts/x.ts', "import type { IpcMain } from 'electron';\nexport type I = IpcMain;\n"],
    ['server/src/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['scripts/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['electron/preload/x.ts', "import { registerIpc } from '../main/ipc.ts';\nexport const r = registerIpc;\n"],
    ['electron/preload/x.ts', "import { ipcMain } from 'electron/main';\nexport const i = ipcMain;\n"],
    [
      'server/src/modules/x/y.ts',
      "import { generateTestPki } from '../../../../scripts/lib/pki.ts';\nexport const g = generateTestPki;\n",
    ],
    ['renderer/src/x.ts', "import { exitOf } from '../../scripts/lib/processes.ts';\nexport const e = exitOf;\n"],
    ['electron/main/x.ts', "import { exitOf } from '../../scripts/lib/processes.ts';\nexport const e = exitOf;\n"],
    ['shared/x.ts', "import { exitOf } from '../scripts/lib/processes.ts';\nexport const e = exitOf;\n"],
    ['renderer/src/x.ts', "import { main } from '../../server/src/main.ts';\nexport const m = main;\n"],
    [
      'electron/main/services/x.test.ts',
      "import { main } from '../../../server/src/main.ts';\nexport const m = main;\n",
    ],
  ])('%s: refuses the static import in %j', async (file, code) => {
    expect(await firedRules(file, code)).toContain(staticImport);
  });

  it.each<Case>([
    ['renderer/src/x.ts', "export const load = () => import('node:fs');\n"],
    ['renderer/src/x.ts', 'export const load = () => import(`node:fs`);\n'],
    ['shared/domain/x.ts', "export const load = () => import('os');\n"],
    ['renderer/src/x.ts', "export const load = () => import('electron');\n"],
    ['server/src/x.ts', "export const load = () => import('electron');\n"],
    ['electron/preload/x.ts', "export const load = () => import('../main/ipc.ts');\n"],
    ['electron/preload/x.ts', "export const load = () => import('electron/main');\n"],
    ['server/src/x.ts', "export const load = () => import('../../scripts/lib/pki.ts');\n"],
    ['renderer/src/x.ts', "export const load = () => import('../../scripts/lib/processes.ts');\n"],
    ['electron/main/x.ts', "export const load = () => import('../../scripts/lib/processes.ts');\n"],
    ['shared/x.ts', "export const load = () => import('../scripts/lib/processes.ts');\n"],
    ['renderer/src/x.ts', "export const load = () => import('../../server/src/main.ts');\n"],
  ])('%s: refuses the dynamic import in %j', async (file, code) => {
    expect(await firedRules(file, code)).toContain(dynamicImport);
  });

  it.each<Case>([
    ['renderer/src/x.ts', "import { ok } from '../../shared/domain/result.ts';\nexport const o = ok;\n"],
    ['renderer/src/x.ts', "export const load = () => import('../../shared/bescheid/pades/verify.ts');\n"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';\nexport const c = contextBridge;\n"],
    [
      'electron/main/x.ts',
      "import { app } from 'electron';\nimport { join } from 'node:path';\nexport const a = [app, join];\n",
    ],
    ['server/src/x.ts', "import { join } from 'node:path';\nexport const j = join;\n"],
    [
      'server/src/modules/x/y.test.ts',
      "import { qpdfCheck } from '../../../../scripts/lib/pdf-tools.ts';\nexport const q = qpdfCheck;\n",
    ],
    ['shared/domain/x.test.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"],
    [
      'electron/main/services/x.test.ts',
      "import { generateTestPki } from '../../../server/src/modules/bescheid/demo-pki.ts';\nexport const g = generateTestPki;\n",
    ],
  ])('%s: allows %j', async (file, code) => {
    expect(await firedRules(file, code)).toEqual([]);
  });

  it.each<Case>([
    [
      'renderer/src/features/inbox/x.tsx',
      "import { DokumentePane } from '../vorgang/DokumentePane.tsx';\nexport const d = DokumentePane;\n",
    ],
    ['renderer/src/features/akte/x.ts', "export { bescheidState } from '../bescheid/state.ts';\n"],
    ['renderer/src/features/akte/x.ts', "export const load = () => import('../bescheid/preview-client.ts');\n"],
    ['renderer/src/app/x.ts', "export { isInboxView } from '../features/inbox/inbox-index.ts';\n"],
    ['renderer/src/sync/x.ts', "export type { InboxUiState } from '../features/inbox/ui-state.ts';\n"],
  ])("%s: refuses another feature's internals in %j", async (file, code) => {
    expect(await firedRules(file, code)).toContain('local/feature-public-api');
  });

  it.each<Case>([
    [
      'renderer/src/features/inbox/x.tsx',
      "import { VorgangScreen } from '../vorgang/index.ts';\nexport const v = VorgangScreen;\n",
    ],
    [
      'renderer/src/features/inbox/x.tsx',
      "import { inboxSource } from './inbox-source.ts';\nexport const i = inboxSource;\n",
    ],
    [
      'renderer/src/features/inbox/x.tsx',
      "import { ok } from '../../../../shared/domain/result.ts';\nexport const o = ok;\n",
    ],
    ['renderer/src/app/x.ts', "export { isInboxView } from '../features/inbox/index.ts';\n"],
  ])('%s: allows %j', async (file, code) => {
    expect(await firedRules(file, code)).toEqual([]);
  });
});

/**
 * A file at `dir/probe.ts` (inside the repo, so imports resolve as in real code) checked with a
 * tsconfig that extends the runtime's and includes only that file. Returns tsc's diagnostics.
 */
function typecheckProbe(runtime: string, dir: string, code: string): string {
  const probeDir = join(root, dir);
  const probe = join(probeDir, `boundaries-probe-${process.pid}.ts`);
  const configDir = mkdtempSync(join(root, '.tmp', 'boundaries-'));
  try {
    mkdirSync(probeDir, { recursive: true });
    writeFileSync(probe, code);
    const config = join(configDir, 'tsconfig.json');
    writeFileSync(
      config,
      JSON.stringify({ extends: join(root, `tsconfig.${runtime}.json`), include: [], files: [probe] }),
    );
    const res = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', config], { encoding: 'utf8' });
    return res.stdout + res.stderr;
  } finally {
    rmSync(probe, { force: true });
    rmSync(configDir, { recursive: true, force: true });
  }
}

// The leak came in through @types/node-forge (`/// <reference types="node" />`), so the probe
// imports the forge-based PAdES code the way the renderer does.
const nodeProbe = (padesPath: string) => `import { verifyPdfSignature } from '${padesPath}';
import { readFileSync } from 'node:fs';
export const bytes: Buffer = Buffer.from(readFileSync('x.pdf'));
export const verify = verifyPdfSignature;
`;

describe('no Node types outside Node runtimes (tsconfig types/paths)', () => {
  beforeAll(() => mkdirSync(join(root, '.tmp'), { recursive: true }));

  it.each([
    ['renderer', 'renderer/src', '../../shared/bescheid/pades/index.ts'],
    ['shared', 'shared/bescheid', './pades/index.ts'],
  ])('%s: Buffer and node:fs are type errors', (runtime, dir, padesPath) => {
    const out = typecheckProbe(runtime, dir, nodeProbe(padesPath));
    expect(out).toMatch(/error TS\d+: Cannot find (module|name) 'node:fs'/);
    expect(out).toMatch(/error TS2\d+: Cannot find name 'Buffer'/);
  });

  it('server: the same probe type-checks (the probe itself is sound)', () => {
    expect(typecheckProbe('server', 'server/src', nodeProbe('../../shared/bescheid/pades/index.ts'))).toBe('');
  });
});

describe('type-aware lint (strictTypeChecked)', () => {
  it('refuses a floating promise and a switch that misses a case, in a real file', async () => {
    const probe = join(root, 'shared', 'domain', `lint-probe-${process.pid}.ts`);
    writeFileSync(
      probe,
      `type Kind = 'a' | 'b';
export function label(k: Kind): string {
  switch (k) {
    case 'a':
      return 'A';
  }
  return '?';
}
async function save(): Promise<void> {}
export function run(): void {
  save();
}
`,
    );
    try {
      // A fresh instance, so the project service sees the new file.
      const [result] = await new ESLint({ cwd: root }).lintFiles([probe]);
      const rules = (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
      expect(rules).toContain('@typescript-eslint/no-floating-promises');
      expect(rules).toContain('@typescript-eslint/switch-exhaustiveness-check');
    } finally {
      rmSync(probe, { force: true });
    }
  });
});
