/**
 * `lighthouse`: a local Lighthouse audit of the built site (`dist/`, or EDGE_LAB_DIST), served
 * from a sub-path and gzipped as a static host would, in Debian's headless Chromium: the home
 * page, the sandbox and every lab (or one, `--lab`), each a first visit, on the desktop and mobile presets
 * (or one, `--device`). Prints a table of the performance, accessibility and best-practices
 * scores (0–100) with the largest contentful paint and total blocking time, and the audits that
 * lost points. Asserts nothing; scores vary with the machine's load, so measure on an idle one.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config, RunnerResult } from 'lighthouse';
import { choiceFlag, UsageError, type Experiment } from '../experiment';
import { CHROMIUM, CHROMIUM_FLAGS } from '../chromium';
import { serveStatic } from '../staticServer';

const BASE = '/courses/cdn/edge-lab/';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
// The labs in the repository (labs/<id>/index.ts); src/cli does not import the UI's list.
const LABS_DIR = fileURLToPath(new URL('../../../labs/', import.meta.url));
const LAB_IDS = readdirSync(LABS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`${LABS_DIR}${d.name}/index.ts`))
  .map((d) => d.name);

export const lighthouseExperiment: Experiment = {
  name: 'lighthouse',
  summary: 'Lighthouse scores (performance, accessibility, best practices) of home and a lab',
  flags: {
    lab: choiceFlag(
      'the lab audited besides the home page and the sandbox (all: every lab)',
      'all',
      (raw) => (raw === 'all' || LAB_IDS.includes(raw) ? raw : undefined),
      `all, ${LAB_IDS.join(', ')}`,
    ),
    device: choiceFlag(
      "Lighthouse's preset: desktop (a student's laptop), mobile (a slow phone, throttled) or both",
      'both',
      (raw) => (raw === 'desktop' || raw === 'mobile' || raw === 'both' ? raw : undefined),
      'desktop, mobile or both',
    ),
  },
  async run(p) {
    const dist = process.env.EDGE_LAB_DIST ?? 'dist';
    if (!existsSync(`${dist}/index.html`))
      throw new UsageError(
        `${dist}/ is missing: run \`npm run build\` first (npm run lighthouse does)`,
      );
    if (!existsSync(CHROMIUM))
      throw new UsageError(`${CHROMIUM} is missing: install Debian's chromium`);
    // Loaded here, not at the top: every other experiment would pay for Lighthouse's import.
    const { launch } = await import('chrome-launcher');
    const { default: lighthouse, desktopConfig } = await import('lighthouse');
    const server = await serveStatic(dist, BASE, { gzip: true });
    const chrome = await launch({
      chromePath: process.env.CHROME_PATH ?? CHROMIUM,
      chromeFlags: [...CHROMIUM_FLAGS, '--headless=new'],
    });
    try {
      const labs = p.lab === 'all' ? LAB_IDS : [String(p.lab)];
      const pages = [
        { page: 'home', url: server.url },
        { page: 'sandbox', url: `${server.url}#/sandbox` },
        ...labs.map((id) => ({ page: `lab ${id}`, url: `${server.url}#/lab/${id}` })),
      ];
      const devices = p.device === 'both' ? ['desktop', 'mobile'] : [String(p.device)];
      const scores = [];
      const lost: Record<string, string> = {};
      for (const device of devices)
        for (const { page, url } of pages) {
          const config: Config | undefined = device === 'desktop' ? desktopConfig : undefined;
          const result = await lighthouse(
            url,
            {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: [...CATEGORIES],
            },
            config,
          );
          if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
          const { lhr } = result;
          if (lhr.runtimeError)
            throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
          const row: Record<string, string | number> = { page, device };
          for (const c of CATEGORIES) row[c] = Math.round((lhr.categories[c]?.score ?? 0) * 100);
          row.lcp = lhr.audits['largest-contentful-paint']?.displayValue ?? '';
          row.tbt = lhr.audits['total-blocking-time']?.displayValue ?? '';
          scores.push(row);
          lost[`${page} (${device})`] = lostPoints(lhr) || 'nothing';
        }
      return { digest: 'none', scores, lost };
    } finally {
      chrome.kill();
      await server.close();
    }
  },
};

type Lhr = RunnerResult['lhr'];

/** The scored audits below 90 in our three categories, worst first, with their measured values. */
function lostPoints(lhr: Lhr): string {
  const ids = new Set(
    CATEGORIES.flatMap((c) => lhr.categories[c]?.auditRefs.filter((r) => r.weight > 0) ?? []).map(
      (r) => r.id,
    ),
  );
  return [...ids]
    .map((id) => lhr.audits[id])
    .filter((a) => a && a.score !== null && a.score < 0.9)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))
    .map((a) => {
      const value = a.displayValue ? ` ${a.displayValue}` : '';
      return `${a.id}${value} (score ${Math.round((a.score ?? 0) * 100)})`;
    })
    .join(', ');
}
