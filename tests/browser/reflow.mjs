// WCAG 2.1 1.4.10 (Reflow): at 320 and 390 CSS pixels wide no page of a built site scrolls
// sideways. Every HTML file of each site folder is opened (alias redirects aside) and the page's
// scroll width compared with the viewport's, and once more on each start page with the search's
// results for WORD open; a failure names the elements sticking out.
//
//   node tests/browser/reflow.mjs WORD SITE_DIR [SITE_DIR...]
import { launch } from './chromium.mjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const [word, ...dirs] = process.argv.slice(2);
if (!dirs.length) {
  console.error('usage: reflow.mjs WORD SITE_DIR [SITE_DIR...]');
  process.exit(2);
}

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(dir, name))
    .filter((file) => !readFileSync(file, 'utf8').includes('http-equiv="refresh"'))
    .sort();
}

// The page's scroll width, and what sticks out past the viewport's right edge (the outermost
// such elements, which are the ones to fix).
function measure() {
  const width = window.innerWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    if (out.some((o) => o.contains(el))) continue;
    // Inside a box that scrolls on its own, overflow is that box's business.
    let scroller = el.parentElement;
    while (scroller && getComputedStyle(scroller).overflowX === 'visible') scroller = scroller.parentElement;
    if (scroller && scroller !== document.body && scroller !== document.documentElement) continue;
    out.push(el);
  }
  const name = (el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '') +
    ` (right edge ${Math.round(el.getBoundingClientRect().right)}, "${(el.textContent || '').trim().slice(0, 40)}")`;
  return { scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5).map(name) };
}

const browser = await launch();
let failed = 0;
let checked = 0;
async function check(page, width, what) {
  const seen = await page.evaluate(measure);
  checked += 1;
  if (seen.scroll > seen.width) {
    failed += 1;
    console.log(`not ok ${width}px ${what}: ${seen.scroll}px wide; ${seen.out.join('; ')}`);
  }
}

try {
  for (const width of [320, 390]) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    for (const dir of dirs) {
      for (const file of htmlFiles(dir)) {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await check(page, width, relative(dir, file));
      }
      await page.goto(pathToFileURL(join(dir, 'index.html')).href, { waitUntil: 'load' });
      await page.locator('#lots-search-input').fill(word);
      const hits = page.locator('#lots-search-results [role="option"]');
      try {
        await hits.first().waitFor({ timeout: 10000 });
      } catch {
        failed += 1;
        console.log(`not ok ${width}px ${dir}: no search results for "${word}" to measure`);
        continue;
      }
      await check(page, width, `search results for "${word}" in ${dir}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${checked - failed} of ${checked} pages fit`);
process.exit(failed ? 1 : 0);
