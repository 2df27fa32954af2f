import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Dependencies point one way: ui → state → protocol ← worker → engine. */
const noReact = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'recharts'], message: 'engine/protocol/worker must not depend on React, zustand or recharts.' };
const noUp = (...dirs) => dirs.map((d) => ({ group: [`**/${d}/*`, `**/${d}`], message: `Wrong direction: this layer must not import from ${d}/.` }));
const noTf = { group: ['@tensorflow/*'], message: 'The main thread never holds a tensor: tfjs lives in the worker and engine only.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/**', 'test-results/**', 'playwright-report/**', '.vite/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noReact, ...noUp('ui', 'state', 'app', 'worker', 'protocol')] }], 'no-restricted-globals': ['error', 'window', 'document', 'localStorage'] },
  },
  {
    files: ['src/protocol/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noReact, noTf, ...noUp('ui', 'state', 'app', 'worker')] }] },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noReact, ...noUp('ui', 'state', 'app')] }] },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['react-dom', 'recharts'], message: 'state is UI-free.' }, noTf, ...noUp('ui', 'app', 'worker')] }] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noTf, ...noUp('worker')] }] },
  },
);
