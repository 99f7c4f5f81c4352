// The chart page of a built site in Chromium, at 320, 390 and 1280 px, in the light and the dark
// scheme: the page does not scroll sideways, every chart's SVG fits its column, the chart text
// is at least 9 px high at 320 px, and axe-core (from npm) finds no WCAG 2.1 A/AA
// violation. With SHOT_DIR, a screenshot of each run is written there (an artefact to look at).
//
//   node tests/browser/charts.mjs PAGE.html [SHOT_DIR]
//   AXE_CORE=/path/to/axe.min.js overrides node_modules/axe-core/axe.min.js.
import { launch } from './chromium.mjs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [page_file, shots] = process.argv.slice(2);
if (!page_file) {
  console.error('usage: charts.mjs PAGE.html [SHOT_DIR]');
  process.exit(2);
}
const axePath = process.env.AXE_CORE || join(process.cwd(), 'node_modules/axe-core/axe.min.js');
if (!existsSync(axePath)) {
  console.error(`axe-core not found at ${axePath}: run npm ci (tools/test does)`);
  process.exit(1);
}
const axe = readFileSync(axePath, 'utf8');

const browser = await launch();
const failures = [];
try {
  for (const scheme of ['light', 'dark']) {
    for (const width of [320, 390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(pathToFileURL(page_file).href);
      const where = `${scheme} ${width}px`;
      const found = await page.evaluate(() => {
        const charts = [...document.querySelectorAll('figure.chart')];
        return {
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
          charts: charts.map((f) => {
            const svg = f.querySelector('svg');
            const box = svg.getBoundingClientRect();
            const column = f.parentElement.getBoundingClientRect();
            const text = svg.querySelector('.chart-text');
            return {
              id: f.id,
              right: box.right,
              columnRight: column.right,
              textPx: text ? text.getBoundingClientRect().height : 0,
              fill: getComputedStyle(svg.querySelector('.chart-fill, .chart-line')).getPropertyValue('--chart-c'),
            };
          }),
        };
      });
      if (!found.charts.length) failures.push(`${where}: no chart on the page`);
      if (found.scroll > found.inner) failures.push(`${where}: page is ${found.scroll}px wide`);
      for (const c of found.charts) {
        if (c.right > c.columnRight + 0.5) failures.push(`${where}: ${c.id} sticks out of its column`);
        if (c.textPx < 9) failures.push(`${where}: ${c.id} text only ${c.textPx.toFixed(1)}px high`);
        if (!c.fill.trim()) failures.push(`${where}: ${c.id} has no series colour from style.css`);
      }
      if (axe) {
        // By `evaluate`: a script element of axe would be inline, which the page's CSP refuses.
        await page.evaluate(axe);
        const result = await page.evaluate(() =>
          window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }));
        for (const v of result.violations) {
          failures.push(`${where}: axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }
      }
      if (shots) {
        await page.screenshot({ path: join(shots, `charts-${scheme}-${width}.png`), fullPage: true });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.log(failures.join('\n'));
  process.exit(1);
}
console.log(`charts fit and pass${axe ? ' axe' : ''} in 6 views`);
