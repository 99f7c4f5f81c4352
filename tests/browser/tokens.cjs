// Runs the browser's search pipeline (themes/lots/static/search/pipeline.js with the vendored
// elasticlunr.js and lunr-languages Swedish files) under node, for tests/search_tokens.rs.
//
// Reads JSON from stdin: {"texts": ["...", ...]}. The vocabulary for compound splitting is
// made from the tokens of all texts together, as the Rust side does. Writes JSON:
// {"tokens": [[...], ...], "terms": [["w:key:exact", ...], ...]}.
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
const tokens = input.texts.map((text) => pipeline.tokenize(text));
const vocabulary = new pipeline.Vocabulary([...new Set(tokens.flat())]);
const terms = input.texts.map((text) => pipeline.analyze(text, vocabulary).map(pipeline.show));
process.stdout.write(JSON.stringify({ tokens, terms }));
