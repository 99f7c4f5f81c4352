// Browser tests of offline use, in Debian's headless Chromium driven by playwright-core. Run by
// tests/offline_browser.rs and tests/offline_bundle.rs, which build the sites, serve them with
// nginx and stop it between phases:
//
//   node tests/browser/offline.mjs PHASE JSON
//
//   file     {root, dir, crawl, query, expect}: the site opened from file://, every page
//            reachable from index.html followed (crawl) and checked, then a search.
//   install  {profile, sites: [{url, version, files}]}: first visit over http; waits until the
//            service worker is ready and its cache holds every file of the build.
//   offline  {profile, sites: [{url, version, pages, query, expect}]}: the server is stopped;
//            pages never visited, their images, styles and scripts, a search, the 404 page.
//   update   {profile, sites: [{url, version, old, page, text}], kept: [{url, version}]}: a
//            new build is served; the new worker takes over, deletes the old cache, the banner
//            shows, the changed page shows its new text; other sites' caches stay.
//
// `profile` is a Chromium profile folder kept between phases (the service workers and their
// caches live there). Prints one `ok`/`not ok` line per check, then `N passed, N failed`, and
// exits non-zero when anything failed.
import { launch, launchPersistent } from './chromium.mjs';
import { axeViolations } from './axe.mjs';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const [phase, json] = process.argv.slice(2);
if (!phase || !json) {
  console.error('usage: offline.mjs file|install|offline|update JSON');
  process.exit(2);
}
const options = JSON.parse(json);

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

async function attempt(name, body) {
  try {
    await body();
  } catch (error) {
    check(name, false, String(error && error.message ? error.message : error).split('\n')[0]);
  }
}

/** Records what went wrong while a page was shown: script errors and failed requests. */
function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e}`));
  page.on('requestfailed', (r) => {
    const error = r.failure() && r.failure().errorText;
    // A request cut short by the next navigation (the favicon, say) is not a missing file.
    if (error !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${error}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** What a loaded page shows and links to: every URL, whether its images decode, its styles
    and scripts loaded, its caption tracks have cues. */
async function inspect(page) {
  return page.evaluate(async () => {
    const images = Array.from(document.images);
    const broken = [];
    await Promise.all(images.map(async (img) => {
      img.loading = 'eager';
      try {
        await img.decode();
      } catch (error) {
        broken.push(img.currentSrc || img.src);
      }
    }));
    const sheets = Array.from(document.querySelectorAll('link[rel="stylesheet"]'));
    const tracks = Array.from(document.querySelectorAll('track'));
    const cues = await Promise.all(tracks.map((t) => new Promise((resolve) => {
      t.track.mode = 'hidden';
      const done = () => resolve(t.readyState === 2 && t.track.cues ? t.track.cues.length : -t.readyState);
      if (t.readyState >= 2) done();
      else {
        t.addEventListener('load', done);
        t.addEventListener('error', done);
        setTimeout(done, 3000);
      }
    })));
    const urls = [];
    for (const el of document.querySelectorAll('a[href], link[href], script[src], img[src], source[src], track[src], video[src]')) {
      urls.push({ tag: el.tagName.toLowerCase(), url: el.href || el.src });
    }
    for (const el of document.querySelectorAll('img[srcset], source[srcset]')) {
      for (const part of el.getAttribute('srcset').split(',')) {
        const src = part.trim().split(/\s+/)[0];
        if (src) urls.push({ tag: 'srcset', url: new URL(src, document.baseURI).href });
      }
    }
    return {
      title: document.title,
      h1: (document.querySelector('h1') || {}).textContent || '',
      text: document.body ? document.body.innerText : '',
      images: images.length,
      broken,
      sheets: sheets.length,
      sheetsMissing: sheets.filter((l) => !l.sheet).map((l) => l.href),
      searchReady: typeof window.lotsSearch === 'object' && Boolean(document.querySelector('form[data-lots-search]')),
      tracks: cues,
      banners: Array.from(document.querySelectorAll('.offline-banner')).map((b) => b.id),
      manifest: Boolean(document.querySelector('link[rel="manifest"]')),
      urls,
    };
  });
}

async function search(page, query) {
  const input = page.locator('#lots-search-input');
  await input.fill('');
  await input.pressSequentially(query, { delay: 15 });
  await page.waitForFunction(
    (q) => document.querySelector('form[data-lots-search]').dataset.searchDone === q,
    query,
    { timeout: 15000 },
  );
  return page.$$eval('#lots-search-results [role="option"]', (options) => options.map((o) => o.dataset.url));
}

/** Searches, then opens the expected result by pressing Enter on it. */
async function searchAndOpen(page, root, query, expected, label) {
  const found = await search(page, query);
  const index = found.indexOf(expected);
  check(`${label}: search "${query}" finds ${expected}`, index >= 0 && index < 3, found.slice(0, 5).join(', '));
  if (index < 0) return;
  const input = page.locator('#lots-search-input');
  await input.focus();
  for (let i = 0; i <= index; i += 1) await page.keyboard.press('ArrowDown');
  const target = new URL(expected, root).href;
  await Promise.all([page.waitForURL(target, { timeout: 15000 }), page.keyboard.press('Enter')]);
  const shown = await inspect(page);
  check(`${label}: the search result opens`, page.url() === target && shown.h1.length > 0, `${page.url()} "${shown.h1}"`);
}

// ---- file:// ----

async function fileSite() {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    const root = options.root;
    const onDisk = (url) => {
      const path = fileURLToPath(url.split('#')[0].split('?')[0]);
      try {
        return fs.statSync(path).isFile();
      } catch (error) {
        return false;
      }
    };
    const queue = [new URL('index.html', root).href];
    const seen = new Set(queue);
    const missing = new Set();
    const folders = new Set();
    const badPages = [];
    let visited = 0;
    let images = 0;
    let tracks = 0;
    let attachments = 0;
    while (queue.length) {
      const url = queue.shift();
      await page.goto(url);
      visited += 1;
      const shown = await inspect(page);
      images += shown.images;
      tracks += shown.tracks.length;
      const wrong = [];
      if (shown.broken.length) wrong.push(`broken images ${shown.broken.join(' ')}`);
      if (shown.sheetsMissing.length || shown.sheets === 0) wrong.push(`styles missing ${shown.sheetsMissing.join(' ')}`);
      if (!shown.searchReady) wrong.push('search script not loaded');
      if (shown.tracks.some((n) => n <= 0)) wrong.push(`captions not loaded (${shown.tracks.join(',')})`);
      if (shown.manifest) wrong.push('a manifest link under file://');
      if (shown.banners.length) wrong.push(`banners ${shown.banners.join(',')}`);
      if (wrong.length) badPages.push(`${url.slice(root.length)}: ${wrong.join('; ')}`);
      for (const { tag, url: target } of shown.urls) {
        if (!target.startsWith(root)) {
          if (target.startsWith('file:')) missing.add(`${target} (outside the site, from ${url})`);
          continue;
        }
        const bare = target.split('#')[0].split('?')[0];
        if (bare.endsWith('/')) {
          folders.add(`${bare} (from ${url})`);
          continue;
        }
        if (!onDisk(bare)) {
          missing.add(`${bare} (from ${url})`);
          continue;
        }
        if (tag === 'a' && bare.endsWith('.html')) {
          if (options.crawl && !seen.has(bare)) {
            seen.add(bare);
            queue.push(bare);
          }
        } else if (tag === 'a') {
          attachments += 1;
        }
      }
    }
    console.log(`# file://: ${visited} pages, ${images} images, ${tracks} caption tracks, ${attachments} attachment links`);
    check('file://: every page reachable from index.html was opened', visited >= (options.min_pages || 1), `${visited} pages`);
    check('file://: every page shows its images, styles, scripts and captions', badPages.length === 0, badPages.slice(0, 5).join(' | '));
    check('file://: every link, image, stylesheet, script and attachment is a file that exists', missing.size === 0,
      Array.from(missing).slice(0, 5).join(' | '));
    check('file://: no link points at a folder (a directory listing under file://)', folders.size === 0,
      Array.from(folders).slice(0, 5).join(' | '));
    if (options.min_images) check('file://: images were shown', images >= options.min_images, `${images}`);
    if (options.min_tracks) check('file://: caption tracks were loaded', tracks >= options.min_tracks, `${tracks}`);
    await page.goto(new URL('index.html', root).href);
    await attempt('file://: search', () => searchAndOpen(page, root, options.query, options.expect, 'file://'));
    check('file://: no script errors, no failed requests', problems.length === 0, problems.slice(0, 5).join(' | '));
  } finally {
    await browser.close();
  }
}

// ---- over http, with the service worker ----

async function withProfile(body) {
  const context = await launchPersistent(options.profile);
  try {
    await body(context);
  } finally {
    await context.close();
  }
}

/** The names of this origin's caches and how many entries each holds. */
// The caches that exist, each with its number of files; -1 for a cache not in `count`.
// Only the counted caches are opened: `caches.open` creates a cache that the service worker
// deleted a moment before, which made a deleted old cache reappear, empty, and stay.
async function cacheState(page, count) {
  return page.evaluate(async (count) => {
    const state = {};
    for (const name of await caches.keys()) {
      state[name] = count.includes(name) && (await caches.has(name))
        ? (await (await caches.open(name)).keys()).length
        : -1;
    }
    return state;
  }, count);
}

function cacheName(site, version) {
  return `lots:${site.url}:${version}`;
}

async function install(context) {
  for (const site of options.sites) {
    const label = `install ${new URL(site.url).pathname}`;
    await attempt(label, async () => {
      const page = await context.newPage();
      const problems = watch(page);
      const response = await page.goto(new URL('index.html', site.url).href);
      check(`${label}: the start page loads from the server`, response && response.status() === 200);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      check(`${label}: the service worker is ready with the site's scope`, scope === site.url, scope);
      const name = cacheName(site, site.version);
      const started = Date.now();
      let state = {};
      while (Date.now() - started < 60000) {
        state = await cacheState(page, [name]);
        if (state[name] === site.files) break;
        await page.waitForTimeout(200);
      }
      console.log(`# ${label}: ${state[name]} files cached in ${Date.now() - started} ms`);
      check(`${label}: the cache holds every file of the build (${site.files})`, state[name] === site.files, JSON.stringify(state));
      await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 10000 });
      const shown = await inspect(page);
      check(`${label}: the manifest is linked`, shown.manifest);
      const manifest = await page.evaluate(async () => {
        const link = document.querySelector('link[rel="manifest"]');
        const data = await (await fetch(link.href)).json();
        const icons = await Promise.all(data.icons.map(async (i) => {
          const r = await fetch(new URL(i.src, link.href));
          return r.ok;
        }));
        return { start: new URL(data.start_url, link.href).href, icons };
      });
      check(`${label}: the manifest starts at the site's index.html and its icons exist`,
        manifest.start === new URL('index.html', site.url).href && manifest.icons.length >= 2 && manifest.icons.every(Boolean),
        JSON.stringify(manifest));
      check(`${label}: no banner on a first visit`, shown.banners.length === 0, shown.banners.join());
      check(`${label}: no script errors, no failed requests`, problems.length === 0, problems.slice(0, 5).join(' | '));
      await page.close();
    });
  }
}

async function offline(context) {
  for (const site of options.sites) {
    const label = `offline ${new URL(site.url).pathname}`;
    await attempt(label, async () => {
      const page = await context.newPage();
      const problems = watch(page);
      const bad = [];
      let images = 0;
      for (const path of site.pages) {
        const response = await page.goto(new URL(path, site.url).href);
        const shown = await inspect(page);
        images += shown.images;
        const wrong = [];
        if (!response || response.status() !== 200) wrong.push(`status ${response && response.status()}`);
        if (!response || !response.fromServiceWorker()) wrong.push('not from the service worker');
        if (shown.broken.length) wrong.push(`broken images ${shown.broken.join(' ')}`);
        if (shown.sheetsMissing.length || shown.sheets === 0) wrong.push('styles missing');
        if (!shown.searchReady) wrong.push('search script not loaded');
        if (shown.tracks.some((n) => n <= 0)) wrong.push('captions not loaded');
        if (wrong.length) bad.push(`${path}: ${wrong.join('; ')}`);
      }
      console.log(`# ${label}: ${site.pages.length} pages, ${images} images`);
      check(`${label}: ${site.pages.length} pages never visited open from the cache with their images, styles and scripts`,
        bad.length === 0, bad.slice(0, 5).join(' | '));
      await page.goto(new URL('index.html', site.url).href);
      if (site.range_file) {
        // Video and audio players ask for byte ranges; the worker cuts them from the whole file.
        const part = await page.evaluate(async (url) => {
          const r = await fetch(url, { headers: { Range: 'bytes=5-14' } });
          const body = await r.arrayBuffer();
          return { status: r.status, length: body.byteLength, range: r.headers.get('content-range') };
        }, new URL(site.range_file, site.url).href);
        check(`${label}: a byte range of ${site.range_file} comes from the cache`,
          part.status === 206 && part.length === 10 && part.range === `bytes 5-14/${site.range_size}`, JSON.stringify(part));
      }
      await page.waitForSelector('#lots-offline', { timeout: 10000 }).catch(() => {});
      const shown = await inspect(page);
      check(`${label}: the offline banner shows`, shown.banners.includes('lots-offline'), shown.banners.join());
      if (shown.banners.includes('lots-offline')) await axeInEveryView(page, `${label}: with the offline banner`);
      await attempt(`${label}: search`, () => searchAndOpen(page, site.url, site.query, site.expect, label));
      const folder = await page.goto(site.url);
      check(`${label}: the site's folder URL opens its start page`, folder && folder.status() === 200 && (await page.title()).length > 0);
      const gone = await page.goto(new URL('finns/inte/alls/index.html', site.url).href);
      const text = await page.evaluate(() => document.body.innerText);
      check(`${label}: an unknown page shows the site's 404 page`, gone && gone.status() === 404 && text.includes(site.not_found),
        `${gone && gone.status()} ${text.slice(0, 80)}`);
      const real = problems.filter((p) => !p.includes('finns/inte/alls') && !p.includes('sw.js?online=')
        && !p.includes('Failed to load resource'));
      check(`${label}: no script errors, no failed requests`, real.length === 0, real.slice(0, 5).join(' | '));
      await page.close();
    });
  }
}

/** axe-core on the page as it is (a banner shown), light and dark, at 1280 and 320 px. */
async function axeInEveryView(page, label) {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      const found = await axeViolations(page);
      check(`${label}: no axe violations (${colorScheme}, ${width}px)`, found.length === 0, found.join(' | '));
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function update(context) {
  for (const site of options.sites) {
    const label = `update ${new URL(site.url).pathname}`;
    await attempt(label, async () => {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(new URL('index.html', site.url).href);
      const banner = await page.waitForSelector('#lots-updated', { timeout: 60000 }).then(() => true, () => false);
      check(`${label}: the "new version" banner shows`, banner);
      if (banner) {
        const text = await page.locator('#lots-updated').innerText();
        check(`${label}: the banner says so and offers a reload`, text.includes(site.banner) && (await page.locator('#lots-updated button').count()) === 1, text);
        await axeInEveryView(page, `${label}: with the banner`);
      }
      const fresh = cacheName(site, site.version);
      const stale = cacheName(site, site.old);
      let state = {};
      const started = Date.now();
      while (Date.now() - started < 30000) {
        state = await cacheState(page, [fresh]);
        if (state[fresh] === site.files && !(stale in state)) break;
        await page.waitForTimeout(200);
      }
      check(`${label}: the new cache holds every file of the new build`, state[fresh] === site.files, JSON.stringify(state));
      check(`${label}: the old cache is deleted`, !(stale in state), JSON.stringify(state));
      for (const kept of options.kept || []) {
        check(`${label}: the cache of ${new URL(kept.url).pathname} is left alone`, cacheName(kept, kept.version) in state, JSON.stringify(state));
      }
      if (banner) {
        await Promise.all([page.waitForNavigation(), page.locator('#lots-updated button').click()]);
      }
      await page.goto(new URL(site.page, site.url).href);
      const shown = await inspect(page);
      check(`${label}: the changed page shows its new text`, shown.text.includes(site.text), shown.h1);
      check(`${label}: no banner after the reload`, shown.banners.length === 0, shown.banners.join());
      check(`${label}: no script errors, no failed requests`, problems.length === 0, problems.slice(0, 5).join(' | '));
      await page.close();
    });
  }
}

try {
  if (phase === 'file') await fileSite();
  else if (phase === 'install') await withProfile(install);
  else if (phase === 'offline') await withProfile(offline);
  else if (phase === 'update') await withProfile(update);
  else throw new Error(`unknown phase ${phase}`);
} catch (error) {
  check(`${phase}: ran`, false, String(error && error.stack ? error.stack : error));
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
