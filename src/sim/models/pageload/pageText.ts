/**
 * Real text for a page, so that compression and deltas are measured, not assumed: HTML of a
 * portal's usual structure (head, navigation, story cards, a table of quotes, a personal box,
 * footer), one piece per fragment of the page, generated from the seed. The words are drawn from
 * a few hundred common English words, the figures are random, the markup repeats as a real
 * template's does. Each fragment's text is as long as the page says (to the byte: markup items
 * are added while they fit, then a comment pads to the length).
 *
 * A fragment's text depends on the seed, its name and its version: a new version of the quotes
 * (or headlines) is new text in the same markup, the template stays the same.
 */
import { RandomStream } from '../../random/RandomStream';
import type { Page } from './pages';

const WORDS = `the of and to in a is that for it as was with be by on not he this are or his from at
which but have an they you were her all she there would their we him been has when who will more
no if out so said what up its about into than them can only other new some could time these two
may then do first any my now such like our over man me even most made after also did many before
must through back years where much your way well down should because each just those people how
too little state good very make world still own see men work long get here between both life being
under never day same another know while last might us great old year off come since against go
came right used take three market city council minister plans report shares record storm season
budget health school police court energy prices rates bank talks vote election league final coach
players fans weather rain snow travel airport rail strike union deal talks growth jobs housing
study research science space launch company profits quarter review film music festival museum
award winner match result goal injury transfer summer winter spring autumn north south east west
river bridge road traffic service hospital patients doctors nurses teachers pupils exam results
village town region national local global europe asia africa america ocean island mountain forest
water power wind solar grid cars electric battery phone software data privacy security network`
  .split(/\s+/)
  .filter((w) => w !== '');

const FIRST = ['Alex', 'Sam', 'Maria', 'Chen', 'Aisha', 'Jonas', 'Priya', 'Lucas', 'Yuki', 'Omar'];
const SECTIONS = ['News', 'World', 'Business', 'Markets', 'Sport', 'Science', 'Culture', 'Travel'];

class Writer {
  constructor(private readonly rng: RandomStream) {}
  pick<T>(list: readonly T[]): T {
    return list[this.rng.int(0, list.length - 1)];
  }
  words(lo: number, hi: number): string {
    return Array.from({ length: this.rng.int(lo, hi) }, () => this.pick(WORDS)).join(' ');
  }
  sentence(lo = 8, hi = 20): string {
    const s = this.words(lo, hi);
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  }
  slug(): string {
    return this.words(3, 6).replace(/ /g, '-');
  }
  num(lo: number, hi: number, digits: number): string {
    return this.rng.uniformRange(lo, hi).toFixed(digits);
  }
  int(lo: number, hi: number): number {
    return this.rng.int(lo, hi);
  }
}

const HEAD = (w: Writer) => `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portal: ${w.sentence(3, 6)}</title>
<link rel="stylesheet" href="/static/site.css">
<script src="/static/app.js" defer></script>
</head>
<body class="portal">
<header class="masthead"><a class="logo" href="/"><img src="/static/logo.png" alt="Portal" width="180" height="48"></a>
<nav class="sections"><ul>
${SECTIONS.map((s) => `<li class="nav-item"><a href="/${s.toLowerCase()}/">${s}</a></li>`).join('\n')}
</ul></nav></header>
<main class="columns">
`;

/** One repeated item of each kind of fragment. */
const ITEMS: Record<string, (w: Writer, i: number) => string> = {
  template: (w, i) => `<section class="panel" id="panel-${i}">
<h3 class="panel-title"><a href="/${w.pick(SECTIONS).toLowerCase()}/">${w.sentence(2, 5)}</a></h3>
<p class="panel-text">${w.sentence()} ${w.sentence()}</p>
<img class="thumb" src="/img/thumb${(i % 12) + 1}.jpg" alt="${w.words(2, 5)}" width="160" height="90" loading="lazy">
</section>
`,
  headlines: (w) => `<article class="story">
<h2 class="story-title"><a href="/${w.pick(SECTIONS).toLowerCase()}/2026/${w.int(1, 12)}/${w.slug()}">${w.sentence(5, 11)}</a></h2>
<p class="teaser">${w.sentence(12, 28)}</p>
<span class="byline">By ${w.pick(FIRST)} ${w.pick(FIRST)}son · ${w.int(1, 59)} min ago</span>
</article>
`,
  quotes: (w) => {
    const change = w.num(-3, 3, 2);
    return `<tr class="${change.startsWith('-') ? 'down' : 'up'}"><td class="sym">${w
      .words(1, 1)
      .slice(0, 4)
      .toUpperCase()}</td><td class="px">${w.num(5, 900, 2)}</td><td class="chg">${change}%</td></tr>
`;
  },
  greeting: (w) => `<li class="pick"><a href="/for-you/${w.slug()}">${w.sentence(4, 9)}</a></li>
`,
};

const OPEN: Record<string, string> = {
  headlines: '<section class="headlines">\n',
  quotes: '<table class="quotes"><tbody>\n',
  greeting: '<aside class="for-you"><h2>Good morning</h2><ul>\n',
};
const CLOSE: Record<string, string> = {
  headlines: '</section>\n',
  quotes: '</tbody></table>\n',
  greeting: '</ul></aside>\n',
  template: '</main>\n<footer class="site-footer">© Portal</footer>\n</body>\n</html>\n',
};

const encoder = new TextEncoder();
const byteLength = (s: string) => encoder.encode(s).length;

/** A fragment's text of exactly `bytes` bytes (UTF-8). */
export function fragmentText(name: string, bytes: number, seed: number, version = 0): string {
  const w = new Writer(new RandomStream(seed, `pagetext/${name}/${version}`));
  const item = ITEMS[name] ?? ITEMS.template;
  const open = name === 'template' || !(name in OPEN) ? HEAD(w) : OPEN[name];
  const close = CLOSE[name] ?? CLOSE.template;
  let body = open;
  for (let i = 0; ; i++) {
    const next = item(w, i);
    if (byteLength(body + next + close) + 7 > bytes) break;
    body += next;
  }
  // Pad to the byte with a comment (7 bytes at least: "<!--", "-->") of spaces, as templates' whitespace.
  const pad = bytes - byteLength(body + close);
  return pad >= 7 ? `${body}<!--${' '.repeat(pad - 7)}-->${close}` : (body + close).slice(0, bytes);
}

/**
 * The page's HTML as text, fragment by fragment (one 'template' fragment of html.bytes for a page
 * without fragments). Version v of a fragment is the text it has after v changes; the template
 * (a lifetime of a day or more) is the same in every version.
 */
export function pageText(page: Page, seed: number, version = 0): { name: string; text: string }[] {
  const fragments = page.html.fragments ?? [
    { name: 'template', bytes: page.html.bytes, ttlSeconds: 0 },
  ];
  return fragments.map((f) => ({
    name: f.name,
    text: fragmentText(f.name, f.bytes, seed, f.ttlSeconds >= 86_400 ? 0 : version),
  }));
}
