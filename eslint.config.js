import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/** Anything that would make the simulation depend on the wall clock, the host or a framework. */
const SIM_FORBIDDEN_GLOBALS = [
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'requestAnimationFrame',
  'requestIdleCallback',
  'queueMicrotask',
  'window',
  'document',
  'navigator',
  'self',
  'globalThis',
  'Worker',
  'localStorage',
  'fetch',
  'performance',
].map((name) => ({
  name,
  message: 'src/sim must be pure and deterministic: no timers, wall clock, DOM or host objects.',
}));

const SIM_FORBIDDEN_PROPERTIES = [
  { object: 'Math', property: 'random', message: 'Use a named stream from src/sim/random.' },
  { object: 'Date', property: 'now', message: 'Simulated time only: read engine.now.' },
  { object: 'performance', property: 'now', message: 'Simulated time only: read engine.now.' },
];

const SIM_FORBIDDEN_IMPORTS = {
  patterns: [
    {
      group: ['svelte', 'svelte/*', 'xstate', 'xstate/*', 'comlink', 'cytoscape', 'node:*'],
      message: 'src/sim is pure TypeScript: no framework, DOM or Node imports.',
    },
    {
      group: ['@runtime/*', '@lab/*', '@ui/*', '**/runtime/**', '**/lab/**', '**/ui/**', '**/cli/**'],
      message: 'src/sim imports nothing from the layers above it (ARCHITECTURE.md).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: tseslint.parser, svelteConfig },
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...SIM_FORBIDDEN_GLOBALS],
      'no-restricted-properties': ['error', ...SIM_FORBIDDEN_PROPERTIES],
      'no-restricted-imports': ['error', SIM_FORBIDDEN_IMPORTS],
    },
  },
);
