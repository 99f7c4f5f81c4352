// `lots serve`'s reload script in Debian's headless Chromium, driven by playwright-core.
// Run by tests/serve_browser.rs, which starts `lots serve` on a copy of a fixture site:
//
//   node tests/browser/serve.mjs URL SITE_ROOT
//
// URL is the server's root (ending in /), SITE_ROOT the site folder this script edits. Prints
// one `ok`/`not ok` line per check, then `N passed, N failed`, and exits non-zero when
// anything failed.
import { chromium } from 'playwright-core';
import { LAUNCH } from './chromium.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, root] = process.argv.slice(2);
if (!base || !root) {
  console.error('usage: serve.mjs URL SITE_ROOT');
  process.exit(2);
}
const results = { passed: 0, failed: 0 };
function check(name, ok, detail) {
  results[ok ? 'passed' : 'failed'] += 1;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : `: ${detail}`}`);
}
const write = (file, text) => fs.writeFileSync(path.join(root, file), text);

/** Waits until `test` (run in the page) is true; false after 15 s. */
async function until(page, test, arg) {
  try {
    await page.waitForFunction(test, arg, { timeout: 15000, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

const browser = await chromium.launch(LAUNCH);
try {
  const page = await browser.newPage();
  await page.goto(`${base}guider/lang/`);
  await page.evaluate(() => { window.lotsSameDocument = true; });

  // A stylesheet edit is swapped into the open page without reloading it.
  write('static/style.css', 'body { background: rgb(4, 5, 6); min-height: 400vh; }');
  const swapped = await until(page, () => getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)');
  const same = await page.evaluate(() => window.lotsSameDocument === true);
  check('an edited stylesheet applies without a reload', swapped && same, `swapped ${swapped}, same document ${same}`);

  // A page edit reloads the page that shows it, at the same scroll position.
  await page.evaluate(() => window.scrollTo(0, 1500));
  await page.waitForTimeout(100);
  const text = fs.readFileSync(path.join(root, 'content/guider/lang.md'), 'utf8');
  write('content/guider/lang.md', text.replace('Första stycket.', 'Första stycket. Nytt ord zebrafink.'));
  const reloaded = await until(page, () => document.body.textContent.includes('zebrafink') && window.lotsSameDocument !== true);
  await page.waitForTimeout(300);
  const scroll = await page.evaluate(() => window.scrollY);
  check('a page edit reloads the page', reloaded);
  check('the scroll position is kept', Math.abs(scroll - 1500) < 50, `scrollY ${scroll}`);

  // An error shows over the page, naming the file and line, until it is fixed.
  write('content/guider/lang.md', text.replace('title:', 'title: [oavslutad'));
  const shown = await until(page, () => {
    const box = document.getElementById('lots-error');
    return box !== null && /lang\.md:\d+:\d+/.test(box.textContent);
  });
  check('an error is shown over the page with file:line:col', shown);
  write('content/guider/lang.md', text);
  const gone = await until(page, () => document.getElementById('lots-error') === null && !document.body.textContent.includes('zebrafink'));
  check('the overlay goes once the error is fixed', gone);
} finally {
  await browser.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
