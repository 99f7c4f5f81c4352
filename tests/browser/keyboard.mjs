// The example site with the keyboard alone: the skip link comes first and moves focus to the
// content, the search comes before the content, its results are walked with the arrow keys and
// opened with Enter, Escape closes them and leaves focus in the box; the symbol gallery's and
// the consolidated plans' filters work from the keyboard; and every element Tab reaches on the
// main page types shows a focus indicator, read from computed styles (a visible outline, or a
// changed shadow or background), at 1280 and 320 px, light and dark.
//
//   node tests/browser/keyboard.mjs SITE_URL
import { launch } from './chromium.mjs';

const [root] = process.argv.slice(2);
if (!root) {
  console.error('usage: keyboard.mjs SITE_URL');
  process.exit(2);
}
const url = (path) => new URL(path, root).href;
const failures = [];
let checks = 0;
function check(what, ok, detail = '') {
  checks += 1;
  if (!ok) failures.push(`${what}${detail ? `: ${detail}` : ''}`);
}

/** What has focus: a short description and whether it lies inside <main>. */
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  const text = (a.getAttribute('aria-label') || a.textContent || a.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
  return {
    tag: a.tagName.toLowerCase(),
    id: a.id,
    cls: a.className && String(a.className),
    text,
    inMain: Boolean(a.closest('main')),
  };
});

async function skipLinkAndSearch(page) {
  await page.goto(url('index.html'));
  await page.keyboard.press('Tab');
  const first = await focused(page);
  check('start: the first Tab reaches the skip link', first.cls.includes('skip-link'), JSON.stringify(first));
  const box = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { w: r.width, h: r.height, top: r.top };
  });
  check('start: the focused skip link is visible', box.w > 20 && box.h > 10 && box.top >= 0, JSON.stringify(box));
  await page.keyboard.press('Enter');
  check('start: the skip link moves focus to the main content', (await focused(page)).id === 'main');

  await page.goto(url('index.html'));
  const passed = [];
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.id === 'lots-search-input' || now.inMain) break;
    passed.push(now.text || now.tag);
  }
  const now = await focused(page);
  check('start: Tab reaches the search before the content', now.id === 'lots-search-input',
    `stopped at ${JSON.stringify(now)} after ${passed.join(' | ')}`);
}

async function searchWithKeys(page) {
  await page.goto(url('index.html'));
  await page.locator('#lots-search-input').focus();
  await page.keyboard.type('återvändare');
  await page.waitForSelector('#lots-search-results [role=option]');
  const state = () => page.evaluate(() => {
    const input = document.getElementById('lots-search-input');
    const options = [...document.querySelectorAll('#lots-search-results [role=option]')];
    const active = document.getElementById(input.getAttribute('aria-activedescendant') || '');
    return {
      expanded: input.getAttribute('aria-expanded'),
      index: options.indexOf(active),
      selected: options.filter((o) => o.getAttribute('aria-selected') === 'true').length,
      activeLooks: active ? getComputedStyle(active).backgroundColor + getComputedStyle(active).outlineStyle : '',
      otherLooks: options.length > 1 ? getComputedStyle(options[options.length - 1]).backgroundColor + getComputedStyle(options[options.length - 1]).outlineStyle : '',
      focus: document.activeElement.id,
      panelHidden: document.querySelector('[data-search-panel]').hidden,
      href: active ? (active.querySelector('a') || active).getAttribute('href') : null,
    };
  });
  await page.keyboard.press('ArrowDown');
  let s = await state();
  check('search: ArrowDown selects the first result', s.index === 0 && s.selected === 1, JSON.stringify(s));
  check('search: the selected result looks different from the others', s.activeLooks !== s.otherLooks, JSON.stringify(s));
  await page.keyboard.press('ArrowDown');
  s = await state();
  check('search: ArrowDown again selects the second', s.index === 1, JSON.stringify(s));
  await page.keyboard.press('ArrowUp');
  s = await state();
  check('search: ArrowUp goes back to the first', s.index === 0, JSON.stringify(s));
  check('search: focus stays in the search box while choosing', s.focus === 'lots-search-input', s.focus);
  await page.keyboard.press('Escape');
  s = await state();
  check('search: Escape closes the panel', s.expanded === 'false' && s.panelHidden, JSON.stringify(s));
  check('search: after Escape the focus is in the search box', s.focus === 'lots-search-input', s.focus);
  await page.keyboard.press('ArrowDown');
  s = await state();
  check('search: ArrowDown opens the results again', s.expanded === 'true' && s.index === 0, JSON.stringify(s));
  const before = page.url();
  await Promise.all([page.waitForURL((u) => u.href !== before, { timeout: 10000 }).catch(() => {}), page.keyboard.press('Enter')]);
  check('search: Enter opens the selected result', page.url() !== before && !page.url().endsWith('index.html#'), page.url());
}

/** Shown items of a filterable list, and its status text. */
const filterState = (page) => page.evaluate(() => ({
  shown: [...document.querySelectorAll('[data-filter-item]')].filter((i) => !i.hidden && i.offsetParent !== null).length,
  total: document.querySelectorAll('[data-filter-item]').length,
  status: (document.querySelector('[data-filter-status]') || {}).textContent || '',
}));

/** Tabs until `selector` has focus; false when it never does. */
async function tabTo(page, selector, limit = 150) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement.matches(s), selector)) return true;
  }
  return false;
}

async function filtersWithKeys(page) {
  await page.goto(url('symboler/index.html'));
  const all = await filterState(page);
  check('symbols: Tab reaches the filters', await tabTo(page, 'input[type=radio][data-filter-dim]'));
  await page.keyboard.press('ArrowRight');
  const one = await filterState(page);
  check('symbols: an arrow key chooses a filter and the gallery narrows', one.shown > 0 && one.shown < all.total && one.status.trim() !== '', JSON.stringify({ all, one }));

  await page.goto(url('handlingsplaner/index.html'));
  const plans = await filterState(page);
  check('plans: Tab reaches the committee filter', await tabTo(page, 'select[data-filter-dim]'));
  await page.keyboard.press('ArrowDown');
  const committee = await filterState(page);
  check('plans: an arrow key in the committee list narrows the activities', committee.shown > 0 && committee.shown < plans.total, JSON.stringify({ plans, committee }));
  check('plans: Tab reaches the area filter', await tabTo(page, 'input[type=radio][data-filter-dim]'));
  await page.keyboard.press('ArrowRight');
  const area = await filterState(page);
  check('plans: an arrow key among the areas narrows them further', area.shown <= committee.shown && area.status !== committee.status, JSON.stringify({ committee, area }));
}

/**
 * Tabs through a page and asserts each stop shows a focus indicator: compared with how it
 * looked before it had focus (recorded for every element first), a visible outline of at least
 * 2 px, a new box shadow, or a new background, on the element or, for a hidden radio or
 * checkbox, on its label.
 */
async function focusIndicators(page, path, where) {
  await page.goto(url(path));
  await page.evaluate(() => {
    const looks = (el) => {
      const s = getComputedStyle(el);
      return { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow, background: s.backgroundColor };
    };
    window.__looks = looks;
    window.__before = new Map();
    for (const el of document.querySelectorAll('*')) window.__before.set(el, looks(el));
  });
  const seen = new Set();
  let stops = 0;
  for (let i = 0; i < 400; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const a = document.activeElement;
      if (a === document.body) return null;
      const visible = (el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return s.opacity !== '0' && s.visibility !== 'hidden' && r.width > 2 && r.height > 2;
      };
      const candidates = [a];
      if (!visible(a) && a.labels) candidates.push(...a.labels);
      const shows = candidates.some((el) => {
        const now = window.__looks(el);
        const was = window.__before.get(el) || {};
        const [style, width, ...color] = now.outline.split(' ');
        const outline = style !== 'none' && parseFloat(width) >= 2 && !/rgba\(.*, 0\)$|transparent/.test(color.join(' '));
        return (outline && now.outline !== was.outline) || (now.shadow !== 'none' && now.shadow !== was.shadow)
          || now.background !== was.background;
      });
      if (!a.dataset.kbSeen) a.dataset.kbSeen = String(Math.random());
      return {
        key: a.dataset.kbSeen,
        what: `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''} "${(a.textContent || a.value || '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`,
        shows,
      };
    });
    if (!stop || seen.has(stop.key)) break;
    seen.add(stop.key);
    stops += 1;
    check(`${where} ${path}: ${stop.what} shows that it has focus`, stop.shows);
  }
  check(`${where} ${path}: Tab reaches something`, stops > 3, `${stops} stops`);
  return stops;
}

const FOCUS_PAGES = [
  'index.html',
  'symboler/index.html',
  'handlingsplaner/index.html',
  'handlingsplaner/alvsjo-2020/index.html',
  'rutiner/rutin-vid-oro-eller-handelse/index.html',
  'forelasningar/att-lamna-extremism/index.html',
  'samordnare/bromma/index.html',
  'uppfoljningar/index.html',
];

const browser = await launch();
let stops = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await skipLinkAndSearch(page);
  await searchWithKeys(page);
  await filtersWithKeys(page);
  await page.close();
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 320]) {
      const view = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      for (const path of FOCUS_PAGES) stops += await focusIndicators(view, path, `${colorScheme} ${width}px`);
      await view.close();
    }
  }
} finally {
  await browser.close();
}
for (const f of failures) console.log(`not ok ${f}`);
console.log(`keyboard: ${checks} checks, ${stops} focus stops, ${failures.length} failure(s)`);
process.exit(failures.length ? 1 : 0);
