/**
 * `npm run build:server [-- --out DIR]`: the reference server as one ES module plus the files it
 * reads at run time, for the packaged desktop app (electron-builder copies the folder to
 * `<resources>/server`, build/electron-builder.yml) and for plain Node (CI starts it in
 * scripts/server-bundle.test.ts). Layout of the folder (default out/server):
 *
 *   server.mjs                          the server and every pure-JavaScript dependency
 *   pglite.wasm, pglite.data, initdb.wasm   PGlite's runtime files, which it loads from beside
 *                                       the module that contains it (import.meta.url)
 *   resources/                          Verfahren, Aktenplan, fonts, ICC profile, xdomea schemas
 *   server/src/db/migrations/           the numbered SQL migrations
 *   node_modules/@node-rs/argon2*       the native argon2 addon (N-API), left outside the bundle
 *   bundle.json                         what went in: version, argon2 bindings, sizes
 *
 * The server's own modules find their files relative to themselves (import.meta.dirname +
 * '../../../../resources'). In the bundle every project module's import.meta is replaced by the
 * location it has in the checkout, re-rooted at the bundle's folder, so these paths keep working
 * unchanged as long as the folder mirrors the checkout for the files listed in COPIED.
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Plugin, type RolldownLog } from 'rolldown';
import { SERVER_BUNDLE_DIR, SERVER_BUNDLE_ENTRY } from '../electron/main/services/server-entry.ts';

const ROOT = resolve(import.meta.dirname, '..');
export const DEFAULT_OUT_DIR = join(ROOT, 'out', SERVER_BUNDLE_DIR);

/** What server/src reads at run time through paths built from import.meta (ADR 0008). */
const COPIED = ['resources', 'server/src/db/migrations'] as const;
const PGLITE_DIST = join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'dist');
const PGLITE_ASSETS = ['pglite.wasm', 'pglite.data', 'initdb.wasm'] as const;
/**
 * Native addons cannot be bundled. @node-rs/argon2 is N-API (ABI-stable across Node and
 * Electron versions) and loads its binary from the optional package of the platform npm
 * installed, so the bundle ships the loader and every binding present here.
 */
const NATIVE = { scope: '@node-rs', loader: 'argon2', bindingPrefix: 'argon2-' } as const;
/** pg's optional native driver: never installed, required only when asked for. */
const OPTIONAL_EXTERNALS = ['pg-native'];
/** Electron 45 runs Node 22 in its utilityProcess; the checkout runs Node 24. */
const TARGET = 'node22';

const SOURCE_MODULE = '\0amtsplatz:source-location';
/** In the bundle this module's import.meta.url is the bundle file, so its folder is the root. */
const SOURCE_MODULE_CODE = `import { dirname as parent } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = new URL('./', import.meta.url);
export const url = (path) => new URL(path, root).href;
export const filename = (path) => fileURLToPath(new URL(path, root));
export const dirname = (path) => parent(filename(path));
`;
const IMPORT_META = /\bimport\.meta\.(url|dirname|filename)\b/g;

export interface ServerBundleReport {
  outDir: string;
  entry: string;
  entryBytes: number;
  totalBytes: number;
  /** Platform packages of the argon2 binding that were copied, e.g. @node-rs/argon2-linux-x64-gnu. */
  argon2Bindings: string[];
  buildMs: number;
}

/** Rewrites import.meta in the project's own modules (not in node_modules) to their checkout location. */
function sourceLocations(root: string): Plugin {
  return {
    name: 'amtsplatz-source-locations',
    resolveId: (id) => (id === SOURCE_MODULE ? id : null),
    load: (id) => (id === SOURCE_MODULE ? SOURCE_MODULE_CODE : null),
    transform(code, id) {
      if (id === SOURCE_MODULE) return null;
      const path = relative(root, id).split(sep).join('/');
      if (path.startsWith('../') || path.split('/').includes('node_modules')) return null;
      if (!code.includes('import.meta.')) return null;
      const replaced = code.replace(IMPORT_META, (_match, property: string) => `__source.${property}('${path}')`);
      return { code: `import * as __source from '${SOURCE_MODULE}';\n${replaced}` };
    },
  };
}

/** Emscripten's glue in PGlite uses eval by design; anything else the bundler reports fails the build. */
function isExpected(log: RolldownLog): boolean {
  return log.code === 'EVAL' && (log.id ?? log.message).includes(`${sep}@electric-sql${sep}pglite${sep}`);
}

async function bundle(outDir: string): Promise<void> {
  const problems: string[] = [];
  await build({
    input: join(ROOT, 'server', 'src', 'main.ts'),
    platform: 'node',
    // The server's tsconfig: the others map node-forge to the renderer's reduced typings.
    tsconfig: join(ROOT, 'tsconfig.server.json'),
    transform: { target: TARGET },
    external: [/^node:/, ...builtinModules, `${NATIVE.scope}/${NATIVE.loader}`, ...OPTIONAL_EXTERNALS],
    plugins: [sourceLocations(ROOT)],
    onLog(level, log) {
      if (level !== 'debug' && !isExpected(log)) problems.push(`${log.code ?? level}: ${log.message}`);
    },
    output: {
      file: join(outDir, SERVER_BUNDLE_ENTRY),
      format: 'esm',
      codeSplitting: false,
      banner: '// Amtsplatz reference server, bundled by scripts/build-server.ts. Run: node server.mjs --help',
    },
  });
  if (problems.length > 0) throw new Error(`the server bundle has problems:\n${problems.join('\n')}`);
}

async function copyAssets(outDir: string): Promise<void> {
  for (const path of COPIED) await cp(join(ROOT, path), join(outDir, path), { recursive: true });
  for (const file of PGLITE_ASSETS) await cp(join(PGLITE_DIST, file), join(outDir, file));
}

async function copyNative(outDir: string): Promise<string[]> {
  const from = join(ROOT, 'node_modules', NATIVE.scope);
  const to = join(outDir, 'node_modules', NATIVE.scope);
  const bindings = (await readdir(from)).filter((name) => name.startsWith(NATIVE.bindingPrefix)).sort();
  if (bindings.length === 0) {
    throw new Error(`no ${NATIVE.scope}/${NATIVE.bindingPrefix}* binding installed: run npm ci on the target platform`);
  }
  for (const name of [NATIVE.loader, ...bindings]) {
    await cp(join(from, name), join(to, name), { recursive: true, dereference: true });
  }
  return bindings.map((name) => `${NATIVE.scope}/${name}`);
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export async function buildServerBundle(options: { outDir?: string } = {}): Promise<ServerBundleReport> {
  const started = performance.now();
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await bundle(outDir);
  await copyAssets(outDir);
  const argon2Bindings = await copyNative(outDir);
  const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const entry = join(outDir, SERVER_BUNDLE_ENTRY);
  const entryBytes = (await stat(entry)).size;
  const manifest = { name: 'amtsplatz-server', version, entry: SERVER_BUNDLE_ENTRY, target: TARGET, argon2Bindings };
  await writeFile(join(outDir, 'bundle.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return {
    outDir,
    entry,
    entryBytes,
    totalBytes: await folderBytes(outDir),
    argon2Bindings,
    buildMs: Math.round(performance.now() - started),
  };
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const report = await buildServerBundle(values.out === undefined ? {} : { outDir: values.out });
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(
    `server bundle: ${relative(process.cwd(), report.entry)} (${mb(report.entryBytes)}; folder ${mb(report.totalBytes)}) ` +
      `with ${report.argon2Bindings.join(', ')} in ${report.buildMs} ms`,
  );
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
