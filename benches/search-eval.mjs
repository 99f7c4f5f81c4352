// Search quality yardstick: runs every query of benches/search-eval/queries.json through the
// real search box of a built site in headless Chromium, over http:// and over file://, and the
// same queries through Pagefind indexing a copy of the same HTML, then prints a Markdown report.
//
//   node benches/search-eval.mjs --site public [--queries FILE] [--json FILE]
//        [--pagefind BIN] [--work DIR] [--min-top3 PERCENT]
//
// --pagefind: the pagefind_extended binary (or $PAGEFIND); without it Pagefind is skipped.
// --work: where the Pagefind copy of the site goes (default $BENCH_DIR or the system temp dir).
// --min-top3: exit 1 when lots' top-3 over http or over file is below PERCENT.
// benches/search-eval.sh installs everything and builds the example site first.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LAUNCH } from '../tests/browser/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEPTH = 10; // reciprocal rank counts the first expected page among this many results
const TIMEOUT_MS = 10000;

function parseArgs(argv) {
  const opts = {
    queries: path.join(HERE, 'search-eval', 'queries.json'),
    pagefind: process.env.PAGEFIND || '',
    work: process.env.BENCH_DIR || path.join(os.tmpdir(), 'lots-bench'),
  };
  const names = { '--site': 'site', '--queries': 'queries', '--json': 'json',
    '--pagefind': 'pagefind', '--work': 'work', '--min-top3': 'minTop3' };
  for (let i = 0; i < argv.length; i += 2) {
    const name = names[argv[i]];
    if (!name || argv[i + 1] === undefined) usage(`unknown or incomplete option ${argv[i]}`);
    opts[name] = argv[i + 1];
  }
  if (!opts.site) usage('--site is required');
  if (opts.minTop3 !== undefined && !(Number(opts.minTop3) >= 0)) usage('--min-top3 takes a percentage');
  opts.site = path.resolve(opts.site);
  return opts;
}

function usage(message) {
  console.error(`search-eval.mjs: ${message}\nusage: node benches/search-eval.mjs --site DIR `
    + '[--queries FILE] [--json FILE] [--pagefind BIN] [--work DIR] [--min-top3 PERCENT]');
  process.exit(2);
}

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif',
  '.ico': 'image/x-icon', '.wasm': 'application/wasm', '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json', '.vtt': 'text/vtt', '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

// A static server for one folder on a free port of 127.0.0.1; resolves to its root URL.
function serve(root) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      // Pagefind's files are not all known extensions (.pf_meta, .pf_index, …): bytes then.
      const type = MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

// Output paths the way queries.json writes them; an alias page (meta refresh) counts as the page
// it sends the reader to, since that is where a click on it lands.
function canonical(site, url) {
  let rel = url.replace(/^\/+/, '').replace(/[?#].*$/, '');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  try {
    const html = fs.readFileSync(path.join(site, rel), 'utf8');
    const m = html.match(/http-equiv="refresh" content="0; url=([^"]+)"/);
    if (m) return path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1]));
  } catch {
    // Not a file of the site (or not readable): keep the URL as given.
  }
  return rel;
}

// Lots: type into the header's search box and read the listbox once data-search-done says so.
async function lotsRunner(page, rootUrl) {
  await page.goto(new URL('index.html', rootUrl).href);
  const input = page.locator('form[data-lots-search] input[role="combobox"]').first();
  const listbox = await input.getAttribute('aria-controls');
  return async (query) => {
    await input.fill('');
    await input.fill(query);
    await page.waitForFunction(
      (q) => document.querySelector('form[data-lots-search]').getAttribute('data-search-done') === q,
      query, { timeout: TIMEOUT_MS });
    return page.$$eval(`#${listbox} li[role="option"]`, (items) => items.map((li) => li.dataset.url));
  };
}

// Pagefind: its own JavaScript API, loaded into a page of the indexed copy.
async function pagefindRunner(page, rootUrl) {
  await page.goto(new URL('index.html', rootUrl).href);
  const bundle = new URL('pagefind/pagefind.js', rootUrl).href;
  await page.evaluate(async (src) => {
    window.pf = await import(src);
    await window.pf.init();
  }, bundle);
  return (query) => page.evaluate(async ([q, depth]) => {
    const found = await window.pf.search(q);
    const data = await Promise.all(found.results.slice(0, depth).map((r) => r.data()));
    return data.map((d) => d.url);
  }, [query, DEPTH]);
}

function score(expect, got) {
  const rank = got.slice(0, DEPTH).findIndex((url) => expect.includes(url));
  return { rank, top1: rank === 0, top3: rank >= 0 && rank < 3, rr: rank >= 0 ? 1 / (rank + 1) : 0 };
}

// One mode: every query in one page; a timeout or an error is a miss with a note.
async function runMode(browser, { name, rootUrl, site, runner }, queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const mode = { name, results: [], note: '' };
  let search;
  try {
    search = await runner(page, rootUrl);
  } catch (error) {
    const where = rootUrl.startsWith('file:') ? ' from file://' : '';
    mode.note = `does not work${where}: ${firstLine(error).replace(/^page\.\w+: /, '')}`;
  }
  for (const q of queries) {
    let got = [];
    let note = mode.note;
    if (search) {
      try {
        got = (await search(q.query)).map((url) => canonical(site, url));
      } catch (error) {
        note = /Timeout/i.test(String(error)) ? `no data-search-done within ${TIMEOUT_MS} ms`
          : firstLine(error);
      }
    }
    mode.results.push({ ...q, got: got.slice(0, DEPTH), ...score(q.expect, got), note });
  }
  if (errors.length) mode.scriptErrors = [...new Set(errors)];
  await context.close();
  return summarise(mode);
}

function firstLine(error) {
  return String(error && error.message ? error.message : error).split('\n')[0];
}

function summarise(mode) {
  const pct = (list, key) => (list.length ? (100 * list.filter((r) => r[key]).length) / list.length : 0);
  const rs = mode.results;
  mode.top1 = pct(rs, 'top1');
  mode.top3 = pct(rs, 'top3');
  mode.mrr = rs.length ? rs.reduce((sum, r) => sum + r.rr, 0) / rs.length : 0;
  mode.kinds = {};
  for (const kind of [...new Set(rs.map((r) => r.kind))]) {
    const ofKind = rs.filter((r) => r.kind === kind);
    mode.kinds[kind] = { top3: pct(ofKind, 'top3'), queries: ofKind.length };
  }
  return mode;
}

// Pagefind indexes a copy so that the site folder given stays exactly what lots wrote.
function indexWithPagefind(bin, site, work) {
  const copy = path.join(work, 'pagefind-site');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(site, copy, { recursive: true });
  // The "page not found" page is never an answer; a site using Pagefind would leave it out too.
  fs.rmSync(path.join(copy, '404.html'), { force: true });
  // Only <main>: the header, menu and footer are the same on every page and would only blur
  // Pagefind's ranking; alias pages have no <main> and are left out.
  execFileSync(bin, ['--site', copy, '--root-selector', 'main'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return copy;
}

function loadQueries(file, site) {
  const queries = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const q of queries) {
    if (!q.query || !q.kind || !Array.isArray(q.expect) || !q.expect.length) {
      throw new Error(`${file}: an entry needs query, kind and expect: ${JSON.stringify(q)}`);
    }
    const gone = q.expect.filter((p) => !fs.existsSync(path.join(site, p)));
    if (gone.length) console.error(`search-eval: "${q.query}" expects pages the site lacks: ${gone.join(', ')}`);
  }
  return queries;
}

const fmt = (n) => n.toFixed(1);

function report(modes, queries, opts) {
  const kinds = [...new Set(queries.map((q) => q.kind))];
  const rel = path.relative(process.cwd(), opts.queries);
  const out = ['## Search quality', '',
    `${queries.length} queries from \`${rel.startsWith('..') ? opts.queries : rel}\`; `
    + `a query scores when one of its expected pages is in the first 3 (top-3) or first (top-1); `
    + `MRR over the first ${DEPTH} results.`, '',
    '| mode | top-1 % | top-3 % | MRR | queries | note |', '| --- | --- | --- | --- | --- | --- |'];
  for (const m of modes) {
    const timeouts = m.results.filter((r) => r.note && !m.note).length;
    const note = m.note || (timeouts ? `${timeouts} ${timeouts === 1 ? 'query' : 'queries'} failed (see misses)` : '');
    out.push(`| ${m.name} | ${fmt(m.top1)} | ${fmt(m.top3)} | ${m.mrr.toFixed(3)} | ${m.results.length} | ${note} |`);
  }
  out.push('', '### Top-3 % by kind', '', `| mode | ${kinds.map((k) => `${k} (${
    queries.filter((q) => q.kind === k).length})`).join(' | ')} |`, `| --- |${' --- |'.repeat(kinds.length)}`);
  for (const m of modes) out.push(`| ${m.name} | ${kinds.map((k) => fmt(m.kinds[k]?.top3 ?? 0)).join(' | ')} |`);
  out.push(...misses(modes, 'lots'), ...misses(modes, 'pagefind'));
  for (const m of modes.filter((x) => x.scriptErrors)) {
    out.push('', `Script errors in ${m.name}: ${m.scriptErrors.join('; ')}`);
  }
  return out.join('\n');
}

// The misses of a tool's http mode, then those of its file mode that http did not have.
function misses(modes, tool) {
  const [web, file] = [`${tool}-http`, `${tool}-file`].map((n) => modes.find((m) => m.name === n));
  if (!web) return [];
  const out = ['', `### Missed top-3: ${tool}`, ''];
  const line = (r) => `- "${r.query}" (${r.kind}) → expected ${r.expect.join(' or ')}; `
    + (r.note ? `${r.note}` : `got ${r.got.slice(0, 3).join(', ') || 'nothing'}`
      + (r.rank >= 0 ? ` (expected at ${r.rank + 1})` : ''));
  const webMissed = web.results.filter((r) => !r.top3);
  out.push(...(webMissed.length ? webMissed.map(line) : ['None.']));
  if (file && !file.note) {
    const only = file.results.filter((r, i) => !r.top3 && web.results[i].top3);
    if (only.length) out.push('', `Only over file://:`, ...only.map(line));
  }
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(opts.site, 'index.html'))) usage(`${opts.site} holds no built site`);
  const queries = loadQueries(opts.queries, opts.site);
  const lotsServer = await serve(opts.site);
  const fileRoot = `${pathToFileURL(opts.site).href}/`;
  const plans = [
    { name: 'lots-http', rootUrl: lotsServer.url, site: opts.site, runner: lotsRunner },
    { name: 'lots-file', rootUrl: fileRoot, site: opts.site, runner: lotsRunner },
  ];
  let pfServer;
  if (opts.pagefind) {
    const copy = indexWithPagefind(opts.pagefind, opts.site, opts.work);
    pfServer = await serve(copy);
    plans.push({ name: 'pagefind-http', rootUrl: pfServer.url, site: copy, runner: pagefindRunner },
      { name: 'pagefind-file', rootUrl: `${pathToFileURL(copy).href}/`, site: copy, runner: pagefindRunner });
  } else {
    console.error('search-eval: no --pagefind binary given; Pagefind is not measured');
  }
  const browser = await chromium.launch(LAUNCH);
  const modes = [];
  try {
    for (const plan of plans) {
      console.error(`search-eval: ${plan.name} …`);
      modes.push(await runMode(browser, plan, queries));
    }
  } finally {
    await browser.close();
    lotsServer.close();
    if (pfServer) pfServer.close();
  }
  console.log(report(modes, queries, opts));
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify({ site: opts.site, depth: DEPTH, modes }, null, 1)}\n`);
  const lotsTop3 = modes.filter((m) => m.name.startsWith('lots-')).map((m) => m.top3);
  if (opts.minTop3 !== undefined && lotsTop3.some((t) => t < Number(opts.minTop3))) {
    console.error(`search-eval: lots top-3 ${lotsTop3.map(fmt).join(' / ')} % is below ${opts.minTop3} %`);
    process.exit(1);
  }
}

await main();
