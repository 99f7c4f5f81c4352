// Runs the browser's search pipeline (themes/lots/static/search/pipeline.js with the vendored
// elasticlunr.js and lunr-languages Swedish files) under node, for tests/search_tokens.rs.
//
// Reads JSON from stdin: {"texts": ["...", ...]} and, each optional, "queries" with "synonyms"
// (search/synonyms.js's entries: [from] or [from, to]), "splits": {"keys", "words"} and
// "closest": {"candidates": [{key, df}], "words"}. The vocabulary for compound splitting is
// made from the tokens of all texts together, as the Rust side does. Writes JSON:
// {"tokens": [[...], ...], "terms": [["w:key:exact", ...], ...]}, plus "units" (queryUnits of
// each query), "splits" (splitWith of each word, a part known when one of its term keys is
// among the keys) and "closest" (each word's candidate or null) for the inputs given.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', '..', 'themes', 'lots', 'static', 'search');
const elasticlunr = require(path.join(dir, 'vendor', 'elasticlunr.min.js'));
const lunr = require(path.join(dir, 'lunr-shim.js'))(elasticlunr);
require(path.join(dir, 'vendor', 'lunr.stemmer.support.js'))(lunr);
require(path.join(dir, 'vendor', 'lunr.sv.js'))(lunr);
const pipeline = require(path.join(dir, 'pipeline.js'))(lunr);

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const texts = input.texts || [];
const tokens = texts.map((text) => pipeline.tokenize(text));
const vocabulary = new pipeline.Vocabulary([...new Set(tokens.flat())]);
const terms = texts.map((text) => pipeline.analyze(text, vocabulary).map(pipeline.show));
const out = { tokens, terms };

if (input.queries) {
  const synonyms = new pipeline.Synonyms(input.synonyms || []);
  out.units = input.queries.map((q) => pipeline.queryUnits(q, synonyms));
}
if (input.splits) {
  const keys = new Set(input.splits.keys);
  const knows = (part) => {
    const found = [];
    pipeline.analyzeToken(part, null, found);
    return found.some((t) => keys.has(t.key));
  };
  out.splits = input.splits.words.map((w) => pipeline.splitWith(w, knows));
  out.tails = input.splits.words.map((w) => pipeline.tailWith(w, knows));
}
if (input.closest) {
  out.closest = input.closest.words.map((w) => pipeline.closest(w, input.closest.candidates));
}
process.stdout.write(JSON.stringify(out));
