import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net', 'url', 'stream', 'zlib', 'worker_threads'];

/** Process boundaries, enforced here rather than remembered (architecture.md). */
const boundaries = [
  {
    files: ['electron/core/**/*.ts', 'electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The core, server and CLI run in plain Node: never import electron.' }], patterns: [{ group: ['**/renderer/**'], message: 'The core never imports the renderer.' }] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'react'], patterns: [{ group: nodeBuiltins, message: 'shared/ compiles for Node and the browser alike: no Node built-ins.' }, { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing of either side.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: [{ group: ['**/electron/**'], message: 'The renderer talks to the core only through the API contract.' }, { group: nodeBuiltins, message: 'The renderer has no Node.' }] }],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', '**/*.tmp.*', '.tmp*/**', '.scratch*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...boundaries,
);
