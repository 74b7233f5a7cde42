import { CHROMIUM, CHROMIUM_FLAGS } from './src/cli/chromium';
import { serveStatic } from './src/cli/staticServer';
const { launch } = await import('chrome-launcher');
const { default: lighthouse } = await import('lighthouse');
const server = await serveStatic('dist', '/e/');
const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: [...CHROMIUM_FLAGS, '--headless=new'] });
const lab = process.argv[2] ?? 'dns-resolution';
const r = await lighthouse(`${server.url}#/lab/${lab}`, { port: chrome.port, output: 'json', onlyCategories: ['performance'] });
const a = r!.lhr.audits;
console.log('score', r!.lhr.categories.performance.score, 'LCP', a['largest-contentful-paint'].displayValue, 'TBT', a['total-blocking-time'].displayValue, 'FCP', a['first-contentful-paint'].displayValue);
for (const k of (process.argv[3] ?? 'largest-contentful-paint-element').split(',')) {
  const d: any = a[k]?.details;
  console.log('==', k, a[k]?.displayValue ?? '');
  for (const it of (d?.items ?? []).slice(0, 14)) console.log('  ', JSON.stringify(it).slice(0, 900));
}
await chrome.kill(); server.close?.();
process.exit(0);
