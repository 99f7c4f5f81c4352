// axe-core on every page type of the example site, in light and dark mode, at 320 and 1280 px,
// with the filters in use and the search panel open where a page has them; fails naming the
// page, the mode, the width, the rule and the elements. Full-page screenshots at 320 px go to
// OUT_DIR for people to look at (CI keeps them).
//
//   node tests/browser/a11y.mjs SITE_URL OUT_DIR
//
// SITE_URL is the site's root as a web server serves it (nginx at the base path, so the 404
// page is the server's answer to a missing file).
import { mkdirSync } from 'node:fs';
import { launch } from './chromium.mjs';
import { axeViolations } from './axe.mjs';

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error('usage: a11y.mjs SITE_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

/** Uses a list's filters as a visitor would: the second choice of each radio group, then a select. */
async function useFilters(page) {
  const groups = await page.$$eval('input[type=radio][data-filter-dim]', (radios) =>
    [...new Set(radios.map((r) => r.name))]);
  for (const name of groups) {
    await page.locator(`input[type=radio][name="${name}"]`).nth(1).check();
  }
  for (const select of await page.locator('select[data-filter-dim]').all()) {
    await select.selectOption({ index: 1 });
  }
  await page.waitForFunction(() => document.querySelector('[data-filter-status]')?.textContent.trim());
}

/** Types a query into the header's search and waits for its results. */
async function search(page) {
  await page.locator('#lots-search-input').fill('återvändare');
  await page.waitForSelector('#lots-search-results [role=option]');
}

export const VIEWS = [
  ['start', 'index.html'],
  ['section-list', 'vagledningar/index.html'],
  ['guidance', 'vagledningar/atervandare/index.html'],
  ['routine', 'rutiner/rutin-vid-oro-eller-handelse/index.html'],
  // Without scripts its ticked boxes stay as the build wrote them (disabled, in a label).
  ['routine-without-scripts', 'rutiner/rutin-vid-oro-eller-handelse/index.html', null, { scripts: false }],
  ['symbol', 'symboler/kod-88/index.html'],
  ['symbol-gallery-filtered', 'symboler/index.html', useFilters],
  ['coordinators', 'samordnare/index.html'],
  ['coordinator', 'samordnare/bromma/index.html'],
  ['plans-filtered', 'handlingsplaner/index.html', useFilters],
  ['plan', 'handlingsplaner/alvsjo-2020/index.html'],
  ['lectures', 'forelasningar/index.html'],
  ['lecture', 'forelasningar/att-lamna-extremism/index.html'],
  ['document', 'dokument/riktlinjer-2016/index.html'],
  ['tips', 'tips/index.html'],
  ['tip', 'tips/sou-2017-67/index.html'],
  ['taxonomy-list', 'tags/index.html'],
  ['taxonomy-term', 'tags/atervandare/index.html'],
  ['follow-ups', 'uppfoljningar/index.html'],
  ['follow-up', 'uppfoljningar/alvsjo-2020-t1/index.html'],
  ['documents', 'dokument/index.html'],
  ['report', 'dokument/stadsrevisionen-2-2019/index.html'],
  ['review-list', 'att-se-over/index.html'],
  ['a-o', 'a-o/index.html'],
  ['search-open', 'index.html', search],
  ['search-open-on-plan', 'handlingsplaner/alvsjo-2020/index.html', search],
  ['404', 'finns/inte/index.html'],
  ['accessibility-statement', 'om/tillganglighet/index.html'],
];
const MODES = ['light', 'dark'];
const WIDTHS = [320, 1280];

const browser = await launch();
const failures = [];
let runs = 0;
try {
  for (const colorScheme of MODES) {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 800 }, colorScheme });
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      for (const [name, path, setUp, { scripts = true } = {}] of VIEWS) {
        const where = `${name} (${path}) ${colorScheme} ${width}px`;
        errors.length = 0;
        if (!scripts) await page.route('**/*.js', (request) => request.abort());
        const response = await page.goto(new URL(path, root).href, { waitUntil: 'load' });
        if (!scripts) await page.unroute('**/*.js');
        const expected = name === '404' ? 404 : 200;
        if (!response || response.status() !== expected) {
          failures.push(`${where}: HTTP ${response && response.status()}, expected ${expected}`);
          continue;
        }
        if (setUp) await setUp(page);
        for (const line of await axeViolations(page)) failures.push(`${where}: ${line}`);
        for (const e of errors) failures.push(`${where}: script error ${e}`);
        runs += 1;
        if (width === 320) {
          await page.screenshot({ path: `${out}/${name}-${colorScheme}-320.png`, fullPage: true });
        }
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
}
for (const f of failures) console.log(`not ok ${f}`);
console.log(`axe: ${runs} page views checked, ${failures.length} problem(s)`);
process.exit(failures.length ? 1 : 0);
