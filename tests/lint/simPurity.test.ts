import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints a snippet as if it were a file at `path`, with the project's own ESLint config. */
async function ruleIds(code: string, path: string): Promise<string[]> {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.map((m) => m.ruleId ?? 'parse-error');
}

describe('the simulation-core lint rules', () => {
  it.each([
    ['Math.random()', 'no-restricted-properties'],
    ['Date.now()', 'no-restricted-properties'],
    ['performance.now()', 'no-restricted-properties'],
    ['setTimeout(() => {}, 1)', 'no-restricted-globals'],
    ['setInterval(() => {}, 1)', 'no-restricted-globals'],
    ['document.title', 'no-restricted-globals'],
    ['window.location', 'no-restricted-globals'],
  ])(
    'forbid %s inside src/sim',
    async (expr, rule) => {
      expect(await ruleIds(`export const x = ${expr};\n`, 'src/sim/models/probe.ts')).toContain(
        rule,
      );
    },
    30_000,
  );

  it.each([
    "import { mount } from 'svelte';",
    "import { createActor } from 'xstate';",
    "import * as Comlink from 'comlink';",
    "import cytoscape from 'cytoscape';",
    "import { readFileSync } from 'node:fs';",
  ])(
    'forbid `%s` inside src/sim',
    async (line) => {
      expect(await ruleIds(`${line}\nexport const y = 1;\n`, 'src/sim/models/probe.ts')).toContain(
        'no-restricted-imports',
      );
    },
    30_000,
  );

  it('allow the same code outside src/sim', async () => {
    const ids = await ruleIds('export const x = Math.random() + Date.now();\n', 'src/cli/probe.ts');
    expect(ids).not.toContain('no-restricted-properties');
  }, 30_000);
});

describe('the layer rules', () => {
  it.each([
    ["import { x } from '@ui/App.svelte';", 'src/runtime/probe.ts'],
    ["import { x } from '@ui/App.svelte';", 'src/lab/probe.ts'],
    ["import { x } from '@ui/App.svelte';", 'src/cli/probe.ts'],
    ["import { x } from '../../src/sim/time';", 'labs/dns-resolution/probe.ts'],
  ])(
    'forbid `%s` in %s',
    async (line, path) => {
      expect(await ruleIds(`${line}\nexport const y = x;\n`, path)).toContain(
        'no-restricted-imports',
      );
    },
    30_000,
  );

  it('forbid the wall clock in a lab’s scenario too', async () => {
    expect(
      await ruleIds('export const t = Date.now();\n', 'labs/dns-resolution/scenario.ts'),
    ).toContain('no-restricted-properties');
  }, 30_000);
});
