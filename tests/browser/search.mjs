// Browser tests of the search, in Debian's headless Chromium driven by playwright-core.
// Run by tests/search_browser.rs, which builds the sites and serves them:
//
//   node tests/browser/search.mjs --example URL --fixture URL [--tiered URL] [--example URL …]…
//
// Each URL is the root of a built site (ending in /), over http:// or file://; every check
// runs against every root given. Prints one `ok`/`not ok` line per check, then
// `N passed, N failed`, and exits non-zero when anything failed.
import { launch } from './chromium.mjs';

const roots = { example: [], fixture: [], tiered: [] };
for (let i = 2; i < process.argv.length; i += 2) {
  const kind = process.argv[i].replace(/^--/, '');
  if (!roots[kind] || !process.argv[i + 1]) {
    console.error(`usage: search.mjs --example URL --fixture URL …  (got ${process.argv[i]})`);
    process.exit(2);
  }
  roots[kind].push(process.argv[i + 1]);
}

// The example site (content/): query → output path that must be among the first three.
const EXAMPLE_QUERIES = [
  ['atervandare', 'vagledningar/atervandare/index.html'],
  ['Återvändare', 'vagledningar/atervandare/index.html'],
  ['återvändarna', 'vagledningar/atervandare/index.html'],
  ['atervandre', 'vagledningar/atervandare/index.html'],
  ['88', 'symboler/kod-88/index.html'],
  ['oro', 'rutiner/rutin-vid-oro-eller-handelse/index.html'],
  ['handlingsplan alvsjo', 'handlingsplaner/alvsjo-2020/index.html'],
  ['samordnare skarholmen', 'samordnare/skarholmen/index.html'],
  ['handl', 'handlingsplaner/alvsjo-2020/index.html'],
  ['samordnsre skarholmen', 'samordnare/skarholmen/index.html'],
  ['hxndlingsplan alvsjo', 'handlingsplaner/alvsjo-2020/index.html'],
  ['samirdnare skärholmen', 'samordnare/skarholmen/index.html'],
];

// The fixture site (tests/fixtures/search/): behaviours the example's text cannot show.
const FIXTURE_QUERIES = [
  ['symbol', 'symboler/hatsymboler/index.html'],
  ['plan', 'ord/arbete/index.html'],
  ['hatsymbler', 'symboler/hatsymboler/index.html'],
  ['2001:453', 'symboler/diarienummer/index.html'],
  ['2001', 'symboler/diarienummer/index.html'],
  ['sk-17', 'symboler/diarienummer/index.html'],
  ['vald', 'ord/skydd/index.html'],
  ['klistermarken', 'symboler/hatsymboler/index.html'],
];

const results = { passed: 0, failed: 0 };
function check(name, ok, detail) {
  if (ok) {
    results.passed += 1;
    console.log(`ok - ${name}`);
  } else {
    results.failed += 1;
    console.log(`not ok - ${name}${detail ? `: ${detail}` : ''}`);
  }
}

async function search(page, query) {
  const input = page.locator('#lots-search-input');
  await input.fill('');
  await input.pressSequentially(query, { delay: 15 });
  await page.waitForFunction(
    (q) => document.querySelector('form[data-lots-search]').dataset.searchDone === q,
    query,
    { timeout: 10000 },
  );
  return page.$$eval('#lots-search-results [role="option"]', (options) =>
    options.map((o) => ({ url: o.dataset.url, title: o.querySelector('.lots-search__title').textContent })));
}

async function attempt(name, body) {
  try {
    await body();
  } catch (error) {
    check(name, false, String(error && error.message ? error.message : error).split('\n')[0]);
  }
}

async function queries(context, root, list, label) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(new URL('index.html', root).href);
  for (const [query, expected] of list) {
    await attempt(`${label}: "${query}"`, async () => {
      const found = await search(page, query);
      const top = found.slice(0, 3).map((r) => r.url);
      check(`${label}: "${query}" → ${expected}`, top.includes(expected), `first three: ${top.join(', ')}`);
    });
  }
  check(`${label}: no script errors`, errors.length === 0, errors.join('; '));
  await page.close();
}

async function keyboard(context, root, label) {
  await attempt(`${label}: keyboard`, async () => {
    const page = await context.newPage();
    await page.goto(new URL('vagledningar/index.html', root).href);
    const found = await search(page, 'samordnare skarholmen');
    const input = page.locator('#lots-search-input');
    check(`${label}: listbox is expanded`, (await input.getAttribute('aria-expanded')) === 'true');
    await page.keyboard.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    const selected = await page.$eval(`#${active}`, (o) => o.getAttribute('aria-selected'));
    check(`${label}: ArrowDown selects the first option`, selected === 'true', `${active} ${selected}`);
    const marks = await page.$$eval('#lots-search-results mark', (m) => m.map((x) => x.textContent));
    check(`${label}: matched words are marked`, marks.length > 0);
    await Promise.all([page.waitForURL((url) => url.href.endsWith(found[0].url)), page.keyboard.press('Enter')]);
    check(`${label}: Enter opens ${found[0].url}`, page.url().endsWith(found[0].url), page.url());
    await page.close();
  });
}

/* A query with no results but a near word offers "Menade du …?", a link that runs that search. */
async function suggestion(context, root, label) {
  await attempt(`${label}: menade du`, async () => {
    const page = await context.newPage();
    await page.goto(new URL('index.html', root).href);
    const found = await search(page, 'atervndaree');
    const link = page.locator('[data-search-suggestion-link]');
    const shown = found.length === 0 && (await link.isVisible());
    check(`${label}: no results offer a suggestion`, shown, `${found.length} results`);
    const status = await page.locator('[data-search-status]').textContent();
    check(`${label}: the status says it`, status.includes('Menade du återvändare'), status);
    await link.click();
    await page.waitForFunction(
      () => document.querySelector('form[data-lots-search]').dataset.searchDone === 'återvändare',
      null,
      { timeout: 10000 },
    );
    const urls = await page.$$eval('#lots-search-results [role="option"]', (o) => o.map((x) => x.dataset.url));
    check(`${label}: the suggestion runs its search`, urls.slice(0, 3).includes('vagledningar/atervandare/index.html'),
      urls.slice(0, 3).join(', '));
    check(`${label}: the suggestion is gone with results`, !(await link.isVisible()));
    await page.close();
  });
}

async function mouse(context, root, label) {
  await attempt(`${label}: mouse`, async () => {
    const page = await context.newPage();
    await page.goto(new URL('index.html', root).href);
    const found = await search(page, '88');
    const target = found[0].url;
    await Promise.all([
      page.waitForURL((url) => url.href.endsWith(target)),
      page.locator('#lots-search-results [role="option"]').first().click(),
    ]);
    check(`${label}: a click on a result opens ${target}`, page.url().endsWith(target), page.url());
    await page.close();
  });
}

/* för ranks above for; våld above vald when typed with å. */
async function exactBeforeFolded(context, root, label) {
  await attempt(`${label}: exact spelling first`, async () => {
    const page = await context.newPage();
    await page.goto(new URL('index.html', root).href);
    const order = (found, url) => found.findIndex((r) => r.url === url);
    let found = await search(page, 'för');
    const withFor = order(found, 'ord/ofta/index.html');
    const withoutFor = order(found, 'ord/resan/index.html');
    check(`${label}: "för" ranks för above for`, withFor >= 0 && withoutFor > withFor, `${withFor} ${withoutFor}`);
    found = await search(page, 'våld');
    check(`${label}: "våld" ranks våld above vald`,
      order(found, 'ord/skydd/index.html') === 0 && order(found, 'ord/omrostningen/index.html') > 0);
    found = await search(page, 'vald');
    check(`${label}: "vald" finds both vald and våld`,
      order(found, 'ord/skydd/index.html') >= 0 && order(found, 'ord/omrostningen/index.html') >= 0);
    await page.close();
  });
}

async function filters(context, root, label) {
  await attempt(`${label}: collection chips`, async () => {
    const page = await context.newPage();
    await page.goto(new URL('index.html', root).href);
    const all = await search(page, 'hat');
    const chips = page.locator('.lots-search__chips button');
    check(`${label}: one chip per collection, plus all`, (await chips.count()) === 3, String(await chips.count()));
    await page.locator('.lots-search__chips button', { hasText: 'Symboler' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#lots-search-results [role="option"]').length === 1);
    const urls = await page.$$eval('#lots-search-results [role="option"]', (o) => o.map((x) => x.dataset.url));
    check(`${label}: the Symboler chip filters`, urls.length === 1 && urls[0].startsWith('symboler/') && all.length > 1, urls.join());
    await page.close();
  });
}

async function injection(context, root, label) {
  await attempt(`${label}: markup in titles`, async () => {
    const page = await context.newPage();
    const dialogs = [];
    page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    await page.goto(new URL('index.html', root).href);
    const found = await search(page, 'onerror');
    const hit = found.find((r) => r.url === 'test/xss/index.html');
    check(`${label}: the title shows as text`, hit && hit.title === '<img src=x onerror=alert(1)>', hit && hit.title);
    const injected = await page.$$eval('#lots-search-results img, #lots-search-results script, #lots-search-results b', (e) => e.length);
    await page.waitForTimeout(200);
    check(`${label}: no element made from page text, no script ran`, injected === 0 && dialogs.length === 0,
      `${injected} elements, dialogs: ${dialogs.join()}`);
    await page.close();
  });
}

/* A site whose long lists have tails (built with LOTS_SEARCH_HEAD): the heads answer first,
 * the count is a floor and there is no filter, until "Visa fler träffar" loads the rest. Its
 * own search box says "{count} sidor" (data-text-many), over texts.js's "{count} träffar". */
async function tiered(context, root, label) {
  await attempt(`${label}: heads first`, async () => {
    const page = await context.newPage();
    const loaded = [];
    page.on('request', (r) => loaded.push(r.url()));
    await page.goto(new URL('index.html', root).href);
    const first = await search(page, 'samordnare');
    const status = () => page.locator('[data-search-status]').textContent();
    const tails = () => loaded.filter((u) => /\/search\/t\//.test(u)).length;
    check(`${label}: ten results from the heads, no tail loaded`, first.length === 10 && tails() === 0,
      `${first.length} results, ${tails()} tails`);
    check(`${label}: the count is a floor`, /^Minst \d+ träffar$/.test(await status()), await status());
    const more = page.locator('[data-search-more]');
    check(`${label}: "Visa fler träffar" is offered`, await more.isVisible());
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('#lots-search-results [role="option"]').length === 20);
    const after = await page.$$eval('#lots-search-results [role="option"]', (o) => o.map((x) => x.dataset.url));
    check(`${label}: the first ten stay, ten more follow`,
      first.every((r, i) => after[i] === r.url) && new Set(after).size === 20, after.join());
    check(`${label}: the tails are loaded and the count is whole`,
      tails() > 0 && (await status()) === '40 sidor', `${tails()} tails, ${await status()}`);
    await page.close();
  });
}

async function withoutJavaScript(browser, root, label) {
  await attempt(`${label}: without JavaScript`, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(new URL('symboler/index.html', root).href);
    await page.locator('#lots-search-input').fill('88');
    await Promise.all([page.waitForURL(/a-o\/index\.html/), page.keyboard.press('Enter')]);
    const titles = await page.$$eval('.a-o__list a', (a) => a.map((x) => x.textContent));
    check(`${label}: the form leads to the A–Ö list of every page`, titles.length > 5 && titles.includes('88'),
      `${titles.length} titles`);
    await context.close();
  });
}

const browser = await launch();
try {
  const context = await browser.newContext();
  for (const root of roots.example) {
    const label = `example ${root.split(':')[0]}`;
    await queries(context, root, EXAMPLE_QUERIES, label);
    await keyboard(context, root, label);
    await mouse(context, root, label);
    await suggestion(context, root, label);
    await withoutJavaScript(browser, root, label);
  }
  for (const root of roots.fixture) {
    const label = `fixture ${root.split(':')[0]}`;
    await queries(context, root, FIXTURE_QUERIES, label);
    await exactBeforeFolded(context, root, label);
    await filters(context, root, label);
    await injection(context, root, label);
  }
  for (const root of roots.tiered) await tiered(context, root, `tiered ${root.split(':')[0]}`);
} finally {
  await browser.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed ? 1 : 0);
