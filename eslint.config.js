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
      group: [
        '@runtime/*',
        '@lab/*',
        '@ui/*',
        '**/runtime/**',
        '**/lab/**',
        '**/ui/**',
        '**/cli/**',
      ],
      message: 'src/sim imports nothing from the layers above it (docs/architecture.md).',
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
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
  // Imports flow one way, along the layers of docs/architecture.md.
  layerRule(
    ['src/runtime/**/*.ts'],
    ['@lab/*', '@ui/*', '**/lab/**', '**/ui/**', '**/cli/**'],
    'src/runtime may import only src/sim.',
  ),
  layerRule(
    ['src/lab/**/*.ts'],
    ['@ui/*', '**/ui/**', '**/cli/**'],
    'src/lab may import src/sim and src/runtime only.',
  ),
  layerRule(
    ['src/cli/**/*.ts'],
    ['@lab/*', '@ui/*', '**/lab/**', '**/ui/**'],
    'src/cli runs the simulation in Node: it imports src/sim and src/runtime only.',
  ),
  layerRule(
    ['labs/**/*.ts'],
    ['@ui/*', '@runtime/*', '**/src/**'],
    'labs import @lab and @sim only, never by relative paths into src/.',
  ),
  // Last, so that it wins for labs/*/scenario.ts, which the labs rule above also matches.
  {
    // The simulation core, and the scenario a lab hands to it, must stay deterministic.
    files: ['src/sim/**/*.ts', 'labs/*/scenario.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...SIM_FORBIDDEN_GLOBALS],
      'no-restricted-properties': ['error', ...SIM_FORBIDDEN_PROPERTIES],
      'no-restricted-imports': ['error', SIM_FORBIDDEN_IMPORTS],
    },
  },
  {
    // The kernel and the model contract know no particular model: models build on them.
    files: [
      'src/sim/*.ts',
      'src/sim/{engine,random,net,topology,stats,scenario,invariants,util,model}/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...SIM_FORBIDDEN_IMPORTS.patterns,
            {
              group: ['@sim/models/*', '**/models/**', '../models'],
              message:
                'The simulation kernel knows no particular model; models import the kernel (docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
);

function layerRule(files, group, message) {
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] },
  };
}
