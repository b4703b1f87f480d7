import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

export default defineConfig(
  { ignores: ['dist/**', 'dist-node/**', 'node_modules/**', 'reports/**', 'coverage/**', '.cache/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware rules: the compiler's view of every TypeScript file (tsconfig.json, sim/tsconfig.json).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its rejection: await it, return it, or catch it. `void p` marks a
      // deliberate fire-and-forget at a UI edge (a click, a hash change); each such call must handle its
      // own errors. (With { ignoreVoid: false } the rule lists those 36 sites, for review.)
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['cli/**', 'scripts/**', 'bench/**', 'test/node/**', '*.config.*', 'eslint.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Tests build deliberately malformed input.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['viz/**', 'test/browser/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
  },
  {
    // sim/ draws chance only from seeded streams and never reads the clock.
    files: ['sim/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'sim/ draws chance only from its seeded streams' },
        { object: 'Date', property: 'now', message: 'sim/ never reads the clock' },
        { object: 'performance', property: 'now', message: 'sim/ never reads the clock' },
      ],
      // d3-dsv is plain text in and out (the CSV of run outputs); the rest of d3 draws.
      'no-restricted-imports': ['error', { patterns: ['node:*', 'comlink', 'd3', 'd3-*', '!d3-dsv'] }],
    },
  },
  {
    // The governance model's checksum is the same in Node and Chromium only if its arithmetic is: V8
    // versions differ in the last bit of these functions, so the model takes them from
    // sim/engine/portableMath.ts (the rule replaces the one above for these files, hence its repetition).
    files: ['sim/model/**/*.ts', 'sim/engine/rng.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'sim/ draws chance only from its seeded streams' },
        { object: 'Date', property: 'now', message: 'sim/ never reads the clock' },
        { object: 'performance', property: 'now', message: 'sim/ never reads the clock' },
        ...['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan']
          .concat(['atan2', 'sinh', 'cosh', 'tanh', 'cbrt', 'hypot'])
          .map((property) => ({
            object: 'Math',
            property,
            message:
              'the model takes transcendental functions from sim/engine/portableMath.ts (bit-identical in every runtime)',
          })),
      ],
    },
  },
);
