/**
 * Markup reaches the page only from compiled lab prose. Every way to put an HTML string into the
 * DOM (`{@html}`, innerHTML, outerHTML, insertAdjacentHTML, bind:innerHTML, document.write, srcdoc,
 * createContextualFragment, DOMParser) is listed here with the one source allowed for it; a new
 * one fails this test until its source is checked and added. The allowed source, a step's
 * `prose`, must be a Markdown file from the lab's own folder compiled at build time, and the
 * compiled HTML must hold nothing that runs (scripts, event handlers, javascript: links,
 * frames, styles), which is what sanitising would have removed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'labs', 'index.html'];
const RAW_HTML =
  /\{@html\s+([^}]*)\}|\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|bind:innerHTML|document\.write|srcdoc|createContextualFragment|new DOMParser/g;

/** Each raw-HTML use that is allowed: file and the exact expression it renders. */
const ALLOWED = [{ file: 'src/ui/lab/LabPanel.svelte', use: '{@html step.prose}' }];

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) =>
    name === 'node_modules' ? [] : filesUnder(join(path, name)),
  );
}

const sources = ROOTS.flatMap(filesUnder).filter((f) => /\.(ts|js|svelte|html)$/.test(f));

describe('raw HTML in the page', () => {
  it('comes only from the allowed places', () => {
    const found = sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(RAW_HTML)].map((m) => ({
        file: relative('.', file),
        use: m[0].replace(/\s+/g, ' ').trim(),
      })),
    );
    expect(
      found,
      'a new raw-HTML sink: check that its source is compiled and sanitised, then allow it here',
    ).toEqual(ALLOWED);
  });

  it('would notice a new one', () => {
    const probe =
      '<div>{@html userText}</div><p contenteditable bind:innerHTML={t}></p>\n<script>el.innerHTML = text;</script>';
    expect([...probe.matchAll(RAW_HTML)].map((m) => m[0])).toEqual([
      '{@html userText}',
      'bind:innerHTML',
      '.innerHTML =',
    ]);
  });
});

describe('lab prose, the one source of raw HTML', () => {
  const labs = readdirSync('labs').filter((d) => statSync(join('labs', d)).isDirectory());
  const labSources = labs.flatMap((lab) =>
    filesUnder(join('labs', lab)).filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f)),
  );

  it('is always a Markdown file of the lab, compiled at build time', () => {
    const wrong: string[] = [];
    for (const file of labSources) {
      const text = readFileSync(file, 'utf8');
      const imports = new Map(
        [...text.matchAll(/import\s+(\w+)\s+from\s+'([^']+)'/g)].map((m) => [m[1], m[2]]),
      );
      for (const m of text.matchAll(/\bprose:\s*([^,}\n]+)/g)) {
        const source = imports.get(m[1].trim());
        if (!source || !/^\.\/content\/[\w-]+\.md$/.test(source))
          wrong.push(`${file}: prose: ${m[1].trim()}`);
      }
    }
    expect(labSources.length).toBeGreaterThan(0);
    expect(wrong, 'prose must be imported from ./content/<step>.md').toEqual([]);
  });

  it('compiles to HTML with nothing that runs', () => {
    const mdFiles = labs.flatMap((lab) =>
      filesUnder(join('labs', lab)).filter((f) => f.endsWith('.md') && f.includes('/content/')),
    );
    expect(mdFiles.length).toBeGreaterThan(10);
    const risky = mdFiles.flatMap((file) => {
      const html = marked.parse(readFileSync(file, 'utf8'), { async: false });
      return unsafeParts(html).map((part) => `${file}: ${part}`);
    });
    expect(risky).toEqual([]);
  });

  it('would notice markup that runs', () => {
    expect(
      unsafeParts(
        marked.parse(
          'Hi <img src=x onerror=alert(1)> [a](javascript:alert(1)) <script>x</script>',
          {
            async: false,
          },
        ),
      ),
    ).toHaveLength(3);
  });
});

/** Pieces of HTML that would run code or restyle the page: what a sanitiser strips. */
function unsafeParts(html: string): string[] {
  const patterns = [
    /<(script|iframe|object|embed|style|link|meta|base|form)\b[^>]*>/gi,
    /\son[a-z]+\s*=/gi,
    /(href|src|action|formaction)\s*=\s*["']?\s*(javascript|data|vbscript):/gi,
  ];
  return patterns.flatMap((p) => [...html.matchAll(p)].map((m) => m[0]));
}
