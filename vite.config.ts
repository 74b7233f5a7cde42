import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { marked } from 'marked';
import { defineConfig, type Plugin } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // A relative base makes the build work from the root or any sub-path of any static host.
  base: './',
  plugins: [svelte(), markdown()],
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

/**
 * `import prose from './content/step.md'` gives the step's prose as an HTML string, compiled
 * here at build time (and in vitest, which reads this file), so no Markdown parser ships. The
 * prose is our own writing, so it is not sanitised.
 */
function markdown(): Plugin {
  return {
    name: 'edge-lab-markdown',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0];
      if (!file.endsWith('.md')) return null;
      this.addWatchFile(file);
      const html = marked.parse(readFileSync(file, 'utf8'), { async: false });
      return `export default ${JSON.stringify(html)};`;
    },
  };
}
