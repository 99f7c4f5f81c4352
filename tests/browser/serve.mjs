// `lots serve`'s reload script in Debian's headless Chromium, driven by playwright-core.
// Run by tests/serve_browser.rs, which starts `lots serve` on a copy of a fixture site:
//
//   node tests/browser/serve.mjs URL SITE_ROOT
//
// URL is the server's root (ending in /), SITE_ROOT the site folder this script edits. Prints
// one `ok`/`not ok` line per check, then `N passed, N failed`, and exits non-zero when
// anything failed.
import { launch } from './chromium.mjs';
import { axeViolations } from './axe.mjs';
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

const browser = await launch();
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
    return box !== null && /lang\.md:\d+:\d+/.test(box.textContent)
      && getComputedStyle(box).position === 'fixed';
  });
  check('an error is shown over the page with file:line:col', shown);
  const box = await page.evaluate(() => {
    const b = document.getElementById('lots-error');
    const close = b && b.querySelector('button');
    return b && {
      heading: b.querySelector('h2') ? b.querySelector('h2').textContent : '',
      where: b.querySelector('code') ? b.querySelector('code').textContent : '',
      source: b.querySelector('pre') ? b.querySelector('pre').textContent : '',
      close: close ? close.textContent : '',
      tabbable: close ? close.tabIndex >= 0 && !close.disabled : false,
      height: close ? close.getBoundingClientRect().height : 0,
    };
  });
  check('the overlay has a Swedish heading with the number of problems',
    box && box.heading === 'Webbplatsen kunde inte byggas om: 1 problem', JSON.stringify(box));
  check('the overlay names the file relative to the site',
    box && /^content\/guider\/lang\.md:\d+:\d+$/.test(box.where), JSON.stringify(box));
  check('the overlay shows the source line with a caret',
    box && box.source.includes('[oavslutad') && /\n *\| *\^$/.test(box.source), JSON.stringify(box));
  check('the close button is named, in the tab order and at least 44 px tall',
    box && box.close === 'Stäng' && box.tabbable && box.height >= 44, JSON.stringify(box));
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await axeViolations(page, '#lots-error');
    check(`axe finds nothing in the overlay (${scheme})`, found.length === 0, found.join('; '));
  }
  await page.emulateMedia({ colorScheme: null });
  // The keyboard reaches the close button; it closes the box without reloading the page.
  await page.evaluate(() => { window.lotsSameDocument = true; });
  await page.focus('#lots-error button');
  await page.keyboard.press('Enter');
  const closed = await until(page, () => document.getElementById('lots-error') === null);
  check('the close button closes the overlay', closed && await page.evaluate(() => window.lotsSameDocument === true));
  // The next failed save shows it again; Escape closes it too.
  write('content/guider/lang.md', text.replace('title:', 'title: [oavslutad igen'));
  const again = await until(page, () => document.getElementById('lots-error') !== null);
  await page.keyboard.press('Escape');
  const escaped = await until(page, () => document.getElementById('lots-error') === null);
  check('a new error shows again and Escape closes it', again && escaped, `again ${again}, closed ${escaped}`);
  // Open at the next error, the box goes by itself once the file is fixed.
  write('content/guider/lang.md', text.replace('title:', 'title: [oavslutad en tredje gång'));
  const third = await until(page, () => document.getElementById('lots-error') !== null);
  write('content/guider/lang.md', text);
  const gone = await until(page, () => document.getElementById('lots-error') === null && !document.body.textContent.includes('zebrafink'));
  check('the overlay goes once the error is fixed', third && gone, `shown ${third}, gone ${gone}`);
} finally {
  await browser.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
