// Measures the search in headless Chromium for benches/search.sh (not a test):
//
//   node tests/browser/bench.mjs URL QUERY...
//
// URL is the root of a built site served over http. For each query, in a fresh browser
// context (empty cache): opens the start page, types the query and waits for the results,
// summing the bytes of every script loaded after typing began (libraries, index metadata,
// vocabulary, postings and page files). It does so twice, each time in a fresh context: with
// the whole query entered at once (one search: the first query) and typed at a person's pace
// (200 ms a key, so a search runs after every key: what typing costs). Then, with those files loaded, times the query again
// in the page: from calling the search to the results being in the list (median of 15).
// Prints one JSON object.
import { launch } from './chromium.mjs';

const [root, ...queries] = process.argv.slice(2);
if (!root || !queries.length) {
  console.error('usage: bench.mjs URL QUERY...');
  process.exit(2);
}

const browser = await launch();

async function measure(query, typed) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let typing = false;
  const loads = [];
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    const url = response.url();
    if (type !== 'script' && !url.endsWith('.js') && !url.includes('.js?')) return;
    const after = typing;
    try {
      const body = await response.body();
      loads.push({ url, bytes: body.length, after });
    } catch (e) {
      loads.push({ url, bytes: 0, after });
    }
  });
  await page.goto(new URL('index.html', root).href, { waitUntil: 'load' });
  await page.waitForTimeout(100);
  typing = true;
  const started = Date.now();
  const input = page.locator('#lots-search-input');
  if (typed) {
    await input.pressSequentially(query, { delay: 200 });
  } else {
    await input.fill(query);
  }
  await page.waitForFunction(
    (q) => document.querySelector('form[data-lots-search]').dataset.searchDone === q,
    query,
    { timeout: 30000 },
  );
  const firstMs = Date.now() - started;
  await page.waitForTimeout(100);
  const results = await page.$$eval('#lots-search-results [role="option"]', (o) => o.length);
  const after = loads.filter((l) => l.after);
  const bytes = after.reduce((sum, l) => sum + l.bytes, 0);
  if (typed) {
    await context.close();
    return { bytes, files: after.length };
  }
  const warm = await page.evaluate(async (q) => {
    const form = document.querySelector('form[data-lots-search]');
    const search = form.lotsSearch;
    const times = [];
    for (let i = 0; i < 15; i++) {
      form.setAttribute('data-search-done', '');
      const t0 = performance.now();
      search.input.value = q;
      search.run();
      await new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (form.dataset.searchDone === q) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(form, { attributes: true, attributeFilter: ['data-search-done'] });
      });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median: times[7], max: times[14], engine: search.lastSearchMs };
  }, query);
  await context.close();
  const index = after.filter((l) => /\/search\/(meta|[vpd]\/)/.test(l.url));
  return {
    query,
    results,
    firstQueryMs: firstMs,
    bytesAfterTyping: bytes,
    indexBytes: index.reduce((sum, l) => sum + l.bytes, 0),
    scriptsAfterTyping: after.length,
    pageLoadScriptBytes: loads.filter((l) => !l.after).reduce((s, l) => s + l.bytes, 0),
    warmMedianMs: warm.median,
    warmMaxMs: warm.max,
  };
}

const out = [];
for (const query of queries) {
  const first = await measure(query, false);
  const typed = await measure(query, true);
  out.push({ ...first, typedBytes: typed.bytes, typedScripts: typed.files });
}
await browser.close();
console.log(JSON.stringify(out));
