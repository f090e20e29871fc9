// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Import boundaries (ARCHITECTURE §1): shared imports nothing else; the runtimes never import each other. */
const runtimeDirs = ['renderer', 'electron', 'server'];
const forbid = (dirs, message) => ({
  patterns: dirs.map((d) => ({ group: [`**/${d}/**`, `${d}/**`], message })),
});

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'var', 'test-results', 'playwright-report', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...forbid([...runtimeDirs, 'scripts', 'bench', 'e2e'], 'shared/ is pure and imports no runtime folder'),
          paths: ['electron', 'dexie', 'react', 'fastify', 'pg'].map((name) => ({
            name,
            message: 'shared/ stays isomorphic: no runtime libraries',
          })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportDeclaration[source.value=/^node:/]', message: 'shared/ must not import node:*' },
      ],
    },
  },
  {
    // Tests of shared code run in Node: they may read fixtures and call the PDF tools.
    files: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  ...runtimeDirs.map((dir) => ({
    files: [`${dir}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        forbid(
          runtimeDirs.filter((d) => d !== dir),
          `${dir}/ must not import another runtime; share code through shared/`,
        ),
      ],
    },
  })),
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
