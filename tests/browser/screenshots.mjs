// Screenshots of the example site's main pages, for people to look at (CI keeps them as
// artefacts), plus the checks a screenshot cannot make by eye: each page loads without script
// errors, has exactly one h1, and its images have loaded.
//
//   node tests/browser/screenshots.mjs SITE_ROOT_URL OUT_DIR [EDITOR_URL]
//
// With EDITOR_URL (a page's editor under `lots serve --edit`), the editor is photographed too,
// once its preview has loaded (editor-dator.png is the README's picture).
import { launch } from './chromium.mjs';
import { mkdirSync } from 'node:fs';

const [root, out, editor] = process.argv.slice(2);
if (!root || !out) {
  console.error('usage: screenshots.mjs SITE_ROOT_URL OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const PAGES = [
  ['start', 'index.html'],
  ['rutin', 'rutiner/rutin-vid-oro-eller-handelse/index.html'],
  ['symbol', 'symboler/kod-88/index.html'],
  ['galleri', 'symboler/index.html'],
  ['samordnare', 'samordnare/index.html'],
  ['samlad-bild', 'handlingsplaner/index.html'],
  ['att-se-over', 'att-se-over/index.html'],
];
const WIDTHS = [['dator', 1280], ['mobil', 390]];
if (editor) PAGES.push(['editor', editor]);

const browser = await launch();
let failed = 0;
try {
  for (const [label, width] of WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    for (const [name, path] of PAGES) {
      errors.length = 0;
      await page.goto(new URL(path, root).href, { waitUntil: 'load' });
      if (name === 'editor') {
        await page.waitForFunction(() => document.querySelector('iframe.edit-preview__frame')?.srcdoc, null, { timeout: 15000 });
        await page.waitForTimeout(500);
      }
      // Scroll through once so lazily loaded images are in the full-page picture.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 50));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState('networkidle').catch(() => {});
      const h1 = await page.locator('h1').count();
      const broken = await page.evaluate(() =>
        [...document.images].filter((i) => i.complete && i.naturalWidth === 0 && i.loading !== 'lazy').map((i) => i.src));
      await page.evaluate(() => window.scrollTo(0, 0));
      // The editor's save bar sticks to the window's bottom: a window-sized picture shows it
      // where people see it.
      await page.screenshot({ path: `${out}/${name}-${label}.png`, fullPage: name !== 'editor' });
      const problems = [];
      if (h1 !== 1) problems.push(`${h1} h1 elements`);
      if (errors.length) problems.push(`script errors: ${errors.join('; ')}`);
      if (broken.length) problems.push(`broken images: ${broken.join(', ')}`);
      if (problems.length) {
        failed += 1;
        console.log(`not ok ${name} ${label}: ${problems.join(' | ')}`);
      } else {
        console.log(`ok ${name} ${label}`);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
