// The example site on a 390×844 phone, as a worried reader uses it: the routine's first step
// on the first screen, 112 a tel: link, a header of at most a fifth of the screen, the menu
// opening with and without JavaScript, every visible link and button of the main page types
// at least 24 px each way (WCAG 2.5.8), the coordinator list's jump list, a checklist item
// that stays ticked after a reload; axe-core's rules (axe.mjs: WCAG 2.0–2.2 A/AA and best
// practices) with the menu open, the jump list open and the checklist enhanced.
// Prints "ok …" or "not ok …" per check; exits 1 when one fails.
//
//   node tests/browser/phone.mjs SITE_DIR
import { launch } from './chromium.mjs';
import { axeViolations } from './axe.mjs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error('usage: phone.mjs SITE_DIR');
  process.exit(2);
}
const url = (path) => pathToFileURL(join(dir, path)).href;
const ROUTINE = 'rutiner/rutin-vid-oro-eller-handelse/index.html';
const MAIN_PAGES = [
  'index.html',
  ROUTINE,
  'symboler/kod-88/index.html',
  'samordnare/index.html',
  'forelasningar/att-lamna-extremism/index.html',
];
const SCREEN = { width: 390, height: 844 };
let failed = 0;
function report(ok, what, detail = '') {
  if (!ok) failed += 1;
  console.log(`${ok ? 'ok' : 'not ok'} ${what}${detail ? `: ${detail}` : ''}`);
}

// Links and buttons under 24 px wide or tall, visible ones only. A link inside a sentence is
// the criterion's own exception (its size is the text's), unless it is a phone number or an
// e-mail address, which people tap.
function smallTargets() {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, summary, input[type="checkbox"], input[type="submit"]')) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[hidden]')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (el.closest('.visually-hidden, .skip-link')) continue;
    const href = el.getAttribute('href') || '';
    const dialled = href.startsWith('tel:') || href.startsWith('mailto:');
    if (el.tagName === 'A' && !dialled && style.display === 'inline') {
      const block = el.parentElement.closest('p, li, td, dd, figcaption, blockquote');
      const sentence = block && block.textContent.trim().length > el.textContent.trim().length + 1;
      if (sentence) continue;
    }
    if (box.width < 24 || box.height < 24) {
      small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || href).trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
}

// What people tap most on a phone, under 44 px tall (WCAG 2.5.5, the aim): navigation,
// breadcrumbs, a contact's phone and e-mail, the header's controls, checklist lines.
function shortTargets() {
  const short = [];
  const taps = '.main-nav a, .breadcrumbs a, .facts--contact a, .menu-button, .quick-link, ' +
    '.lots-search__button, .lots-search__input, .task__label, .jump-list a, .jump-list summary';
  for (const el of document.querySelectorAll(taps)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.height < 43.5) short.push(`${el.className || el.tagName} "${el.textContent.trim().slice(0, 30)}" ${Math.round(box.height)} px`);
  }
  return short;
}

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: SCREEN });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(url(ROUTINE), { waitUntil: 'load' });
  const step = await page.locator('#steg-for-steg ~ ol > li').first().boundingBox();
  report(step && step.y + step.height <= SCREEN.height, 'the routine\'s first step is on the first screen',
    step ? `its bottom at ${Math.round(step.y + step.height)} px` : 'no step found');
  const tel112 = await page.locator('.content a[href="tel:112"]').count();
  report(tel112 > 0, '112 is a tel: link in the routine', `${tel112} links`);

  for (const path of MAIN_PAGES) {
    await page.goto(url(path), { waitUntil: 'load' });
    const header = await page.locator('.site-header').boundingBox();
    report(header.height <= SCREEN.height / 5, `header at most a fifth of the screen on ${path}`, `${Math.round(header.height)} px`);
    const routine = await page.locator('.site-header .quick-link').isVisible();
    const search = await page.locator('#lots-search-input').isVisible();
    report(routine && search, `routine link and search visible on ${path}`);
    const small = await page.evaluate(smallTargets);
    report(small.length === 0, `targets at least 24 px on ${path}`, small.slice(0, 6).join('; '));
    const short = await page.evaluate(shortTargets);
    report(short.length === 0, `the most tapped targets at least 44 px tall on ${path}`, short.slice(0, 6).join('; '));
  }

  // The menu with JavaScript: a disclosure button.
  await page.goto(url('index.html'), { waitUntil: 'load' });
  const nav = page.locator('#lots-menu');
  const closedBefore = !(await nav.isVisible());
  const button = page.locator('button.menu-button');
  await button.click();
  const opened = await nav.isVisible() && (await button.getAttribute('aria-expanded')) === 'true';
  const firstLink = nav.locator('a').first();
  const usable = await firstLink.isVisible();
  const shortInMenu = await page.evaluate(shortTargets);
  const menuAxe = await axeViolations(page);
  report(menuAxe.length === 0, 'axe finds nothing with the menu open', menuAxe.join('; '));
  report(shortInMenu.length === 0, 'the open menu\'s links at least 44 px tall', shortInMenu.slice(0, 6).join('; '));
  await button.click();
  const closedAgain = !(await nav.isVisible()) && (await button.getAttribute('aria-expanded')) === 'false';
  report(closedBefore && opened && usable && closedAgain, 'the menu opens and closes with JavaScript',
    `closed at first ${closedBefore}, opened ${opened}, closed again ${closedAgain}`);

  // The coordinator list's jump list: opened, one tap brings an administration into view.
  await page.goto(url('samordnare/index.html'), { waitUntil: 'load' });
  await page.locator('.jump-list summary').click();
  const jump = page.locator('.jump-list li a').nth(3);
  const target = ((await jump.getAttribute('href')) || '').slice(1);
  await jump.click();
  // The stylesheet scrolls smoothly (unless reduced motion is asked for): wait for it to land.
  const inView = await page.waitForFunction((id) => {
    const heading = document.getElementById(id);
    const top = heading ? heading.getBoundingClientRect().top : -1;
    return top >= 0 && top < window.innerHeight / 2;
  }, target, { timeout: 5000 }).then(() => true, () => false);
  report(inView, 'the coordinator list\'s jump list brings an administration into view', target);
  const jumpAxe = await axeViolations(page);
  report(jumpAxe.length === 0, 'axe finds nothing on the coordinator list with its jump list open', jumpAxe.join('; '));

  // A checklist item is ticked, and still ticked after a reload (kept in this browser).
  await page.goto(url(ROUTINE), { waitUntil: 'load' });
  const box = page.locator('.content .task input[type="checkbox"]').first();
  const labelled = (await box.count()) > 0 && await page.evaluate(() => {
    const input = document.querySelector('.content .task input[type="checkbox"]');
    return !input.disabled && input.labels.length === 1 && input.labels[0].textContent.trim().length > 5;
  });
  let kept = false;
  if (labelled) {
    await box.click();
    await page.reload({ waitUntil: 'load' });
    kept = await page.locator('.content .task input[type="checkbox"]').first().isChecked();
    const others = await page.locator('.content .task input[type="checkbox"]:checked').count();
    kept = kept && others === 1;
  }
  report(labelled && kept, 'a checklist item can be ticked, is labelled and stays ticked after a reload');
  // The note under the checklist says where the ticks are kept, in the site's words (texts.js).
  const note = await page.locator('.content .task-note').allTextContents();
  report(note.length === 1 && note[0] === 'Dina bockar sparas bara i den här webbläsaren.',
    'the checklist says once, in Swedish, that its ticks stay in this browser', JSON.stringify(note));
  const routineAxe = await axeViolations(page);
  report(routineAxe.length === 0, 'axe finds nothing on the routine with its checklist', routineAxe.join('; '));
  report(errors.length === 0, 'no script errors', errors.join('; '));
  await context.close();

  // Dark mode: the header's menu button and the open menu keep their contrast.
  const dark = await browser.newContext({ viewport: SCREEN, colorScheme: 'dark' });
  const night = await dark.newPage();
  await night.goto(url(ROUTINE), { waitUntil: 'load' });
  await night.locator('button.menu-button').click();
  const darkAxe = await axeViolations(night);
  report(darkAxe.length === 0, 'axe finds nothing in dark mode with the menu open', darkAxe.join('; '));
  await dark.close();

  // The menu without JavaScript: the menu link opens the navigation by :target.
  const plain = await browser.newContext({ viewport: SCREEN, javaScriptEnabled: false });
  const still = await plain.newPage();
  await still.goto(url('index.html'), { waitUntil: 'load' });
  const stillNav = still.locator('#lots-menu');
  const hidden = !(await stillNav.isVisible());
  await still.locator('a.menu-button').click();
  const shown = await stillNav.isVisible() && await stillNav.locator('a').first().isVisible();
  let closed = false;
  if (shown) {
    await still.locator('#lots-menu .menu-close').click();
    closed = !(await stillNav.isVisible());
  }
  report(hidden && shown && closed, 'the menu opens and closes without JavaScript',
    `closed at first ${hidden}, opened ${shown}, closed again ${closed}`);
  const header = await still.locator('.site-header').boundingBox();
  report(header.height <= SCREEN.height / 5, 'header at most a fifth of the screen without JavaScript', `${Math.round(header.height)} px`);
  await still.goto(url(ROUTINE), { waitUntil: 'load' });
  const plainList = await still.evaluate(() => {
    const boxes = [...document.querySelectorAll('.content li input[type="checkbox"]')];
    const shown = boxes.filter((b) => b.getBoundingClientRect().width > 0);
    const items = boxes.map((b) => b.closest('li')).filter((li) => li.getBoundingClientRect().height > 0);
    return boxes.length > 0 && shown.length === 0 && items.length === boxes.length;
  });
  report(plainList, 'without JavaScript the checklist is a plain list, no boxes that cannot be ticked');
  await plain.close();
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
