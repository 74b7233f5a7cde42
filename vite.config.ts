import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // A relative base makes the build work from the root or any sub-path of any static host.
  base: './',
  plugins: [svelte()],
  resolve: {
    alias: {
      '@sim': here('./src/sim'),
      '@runtime': here('./src/runtime'),
      '@lab': here('./src/lab'),
      '@ui': here('./src/ui'),
    },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.ts', 'labs/**/*.test.ts', 'tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
