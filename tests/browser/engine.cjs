// Runs the browser's query engine (themes/lots/static/search/engine.js on pipeline.js) under
// node against a built site's search index, for tests/search_engine.rs.
//
// Reads JSON from stdin: {"site": "path/to/public", "queries": ["...", ...], "complete": bool}.
// Each query gets a fresh engine, so what one loaded cannot help the next. Writes JSON:
// [{"query", "results": [{"url", "title", "covered"}, ...] best first, "suggestion",
// "partial", "loaded": ["p/3", "t/3", ...], "whole": results after engine.complete (with
// "complete" only)}, ...].
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const dir = path.join(__dirname, '..', '..', 'themes', 'lots', 'static', 'search');
const elasticlunr = require(path.join(dir, 'vendor', 'elasticlunr.min.js'));
const lunr = require(path.join(dir, 'lunr-shim.js'))(elasticlunr);
require(path.join(dir, 'vendor', 'lunr.stemmer.support.js'))(lunr);
require(path.join(dir, 'vendor', 'lunr.sv.js'))(lunr);
const pipeline = require(path.join(dir, 'pipeline.js'))(lunr);
const lotsEngine = require(path.join(dir, 'engine.js')).lotsEngine;

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
// As search.js names the index files.
const FILES = { meta: 'meta.js', synonyms: 'synonyms.js', vocab: 'v/', postings: 'p/', tails: 't/', docs: 'd/' };

let loaded = [];

function load(type, id) {
  if (id !== undefined) loaded.push(FILES[type] + id);
  const name = id === undefined ? FILES[type] : FILES[type] + id + '.js';
  return fs.promises.readFile(path.join(input.site, 'search', name), 'utf8').then((text) => {
    let got;
    vm.runInNewContext(text, { lotsSearch: { addShard: (d) => { got = d; } } });
    if (got === undefined) throw new Error(name + ' registered nothing');
    return got;
  });
}

async function described(engine, results) {
  const docs = await engine.docs(results.map((r) => r.doc));
  return results.map((r, i) => ({ url: docs[i].url, title: docs[i].title, covered: r.covered }));
}

async function run(query) {
  const engine = lotsEngine(pipeline, load);
  loaded = [];
  const found = await engine.search(query);
  const answer = {
    query,
    results: await described(engine, found.results),
    suggestion: found.suggestion,
    partial: found.partial,
    loaded: loaded.filter((f) => !f.startsWith('d/')),
  };
  if (input.complete) answer.whole = await described(engine, (await engine.complete(found)).results);
  return answer;
}

(async () => {
  const out = [];
  for (const query of input.queries) out.push(await run(query));
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
