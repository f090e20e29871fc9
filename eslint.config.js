// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

/*
 * Import boundaries (docs/architecture.md, "Boundaries, enforced"). Each boundary is one regex
 * over the import source, applied twice: by no-restricted-imports to static imports and
 * re-exports, and by no-restricted-syntax to `import()` with a literal source, which
 * no-restricted-imports does not see.
 */
const runtimeDirs = ['renderer', 'electron', 'server'];
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_') && !m.includes('/'));
const rx = {
  node: `^(?:node:|(?:${nodeBuiltins.join('|')})(?:/|$))`,
  electronPackage: '^electron(?:/|$)',
  dir: (dirs) => `(?:^|/)(?:${dirs.join('|')})/`,
  tools: '(?:^|/)(?:scripts|bench|e2e)/',
};
const ban = (regex, message) => ({ regex, message });
const nodeBan = (where) => ban(rx.node, `${where} runs outside Node: no Node built-ins`);
const electronBan = (where) => ban(rx.electronPackage, `${where} must not import the electron package`);
const toolsBan = (where) =>
  ban(rx.tools, `${where} is production code and must not depend on scripts/, bench/ or e2e/`);
const runtimeBan = (dir) =>
  ban(
    rx.dir(runtimeDirs.filter((d) => d !== dir)),
    `${dir}/ must not import another runtime; share code through shared/`,
  );

/** esquery ends a regex literal at the first `/`, so slashes go in as \x2F. */
const esqueryRegex = (regex) => `/${regex.replaceAll('/', '\\x2F')}/`;

/** One config object per set of files: flat config replaces a rule's options, it never merges them. */
function boundaries(files, bans, { ignores = [], paths = [] } = {}) {
  const dynamic = bans.flatMap(({ regex, message }) => [
    { selector: `ImportExpression[source.value=${esqueryRegex(regex)}]`, message },
    { selector: `ImportExpression[source.quasis.0.value.raw=${esqueryRegex(regex)}]`, message },
  ]);
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { paths, patterns: bans }],
      'no-restricted-syntax': ['error', ...dynamic],
    },
  };
}

/** Tests and their helpers run in Node under vitest and may use the tools (test PKI, pdf tools). */
const testGlobs = (dir) =>
  ['**/*.test.{ts,tsx}', '**/test-fixture.ts', '**/fixtures/**', 'test/**'].map((g) => `${dir}/${g}`);

const preloadBans = [
  ban('^(?:\\.\\./)+(?:electron/)?main(?:/|$)', 'the preload only forwards: it must not import electron/main'),
  ban('^electron/main$', 'the preload runs sandboxed: electron/main APIs are not available there'),
];

/**
 * A feature folder's public API is its index.ts (STYLE.md rule 3), for other features and for the
 * rest of the renderer (app/, sync/, …) alike. A regex cannot tell `../x.ts`
 * inside a feature from `../other/x.ts`, so this rule resolves each source against the file.
 */
const featurePublicApi = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      internal: '{{target}} is internal to feature "{{feature}}": import it through ../{{feature}}/index.ts',
    },
  },
  create(context) {
    const featuresDir = resolve(context.cwd, 'renderer/src/features');
    const featureOf = (file) => {
      const rel = relative(featuresDir, file);
      return rel.startsWith('..') ? undefined : rel.split(sep);
    };
    const own = featureOf(context.filename)?.[0];
    const check = (source) => {
      if (typeof source?.value !== 'string' || !source.value.startsWith('.')) return;
      const target = featureOf(resolve(dirname(context.filename), source.value));
      if (!target || target.length < 2 || target[0] === own || (target.length === 2 && target[1] === 'index.ts'))
        return;
      context.report({ node: source, messageId: 'internal', data: { feature: target[0], target: source.value } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

const typedFiles = ['**/*.{ts,tsx}'];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'var', 'test-results', 'playwright-report', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  // Type-aware rules on every TypeScript file; plain JavaScript (this file) has no type information.
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: typedFiles })),
  {
    files: typedFiles,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: typedFiles,
    rules: {
      // Numbers in messages and SQL fragments are fine; objects, undefined and null are not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onPress={() => setOpen(false)}` is the idiom; a void value used anywhere else is not.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: 'only-allowed-literals' },
      ],
      // `void revision;` is how a memo names its dependency on a mutable object's revision.
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // An async function implementing a Promise-returning interface need not await anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  boundaries(
    ['shared/**/*.ts'],
    [
      ban(rx.dir([...runtimeDirs, 'scripts', 'bench', 'e2e']), 'shared/ is pure and imports no runtime folder'),
      nodeBan('shared/'),
      electronBan('shared/'),
    ],
    {
      ignores: testGlobs('shared'),
      paths: ['dexie', 'react', 'fastify', 'pg'].map((name) => ({
        name,
        message: 'shared/ stays isomorphic: no runtime libraries',
      })),
    },
  ),
  {
    // Tests of shared code run in Node: they may read fixtures and call the PDF tools.
    files: testGlobs('shared'),
    languageOptions: { globals: { ...globals.node } },
  },
  boundaries(
    ['renderer/**/*.{ts,tsx}'],
    [runtimeBan('renderer'), nodeBan('renderer/'), electronBan('renderer/'), toolsBan('renderer/')],
    { ignores: testGlobs('renderer') },
  ),
  boundaries(testGlobs('renderer'), [runtimeBan('renderer'), electronBan('renderer/')]),
  boundaries(['server/**/*.ts'], [runtimeBan('server'), electronBan('server/'), toolsBan('server/')], {
    ignores: testGlobs('server'),
  }),
  boundaries(testGlobs('server'), [runtimeBan('server'), electronBan('server/')]),
  boundaries(['electron/**/*.ts'], [runtimeBan('electron'), toolsBan('electron/')], {
    ignores: [...testGlobs('electron'), 'electron/preload/**'],
  }),
  boundaries(['electron/preload/**/*.ts'], [runtimeBan('electron'), toolsBan('electron/'), ...preloadBans], {
    ignores: testGlobs('electron'),
  }),
  // The signing tests use the project's one test PKI, which the server's demo mode owns.
  boundaries(testGlobs('electron'), [
    ban(
      '(?:^|/)(?:renderer|server)/(?!src/modules/bescheid/demo-pki\\.ts$)',
      'electron/ must not import another runtime; share code through shared/',
    ),
  ]),
  // The tools start Electron as a binary (Playwright, electron-vite); none imports its API.
  boundaries(['scripts/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'], [electronBan('tools')]),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { local: { rules: { 'feature-public-api': featurePublicApi } } },
    rules: { 'local/feature-public-api': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: [
      'server/**/*.ts',
      'electron/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
      'e2e/**/*.ts',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
