/* Ranking, for engine.js: scores each page from the page lists loaded and orders the pages.
 * Pages by how many of the query's units they satisfy, then by whether a title or keyword is
 * exactly a query word, then by title and keyword hits, then by score. No unit is required:
 * a long question still finds the pages that have most of it.
 *
 * A long list is loaded as its head (its best pages) first; its tail only when needed. While
 * a tail is missing, each page also gets the most it could have (`up`, `coveredUp`), from the
 * tail's best score and flags, and so does a page no loaded list names. When the first
 * EXACT_FIRST pages are known to the last point and nothing missing could overtake them, the
 * heads decide the result (`partial`: later pages and the count may grow); otherwise `rank`
 * answers null, and the engine loads the tails and ranks again.
 * Defines `lotsRank(engine, units)` → {results, matched, partial} or null. */
(function (root) {
  'use strict';

  // Loaded after engine.js (search.js's LIBRARIES), or required beside it under node.
  var readNumbers = (root.lotsEngine || require('./engine.js').lotsEngine).readNumbers;
  var MAX_SCORE = 31;
  var FLAG_TITLE = 1, FLAG_KEYWORD = 2, FLAG_NAME = 4;
  /* An exact spelling beats a folded one (för > for). */
  var FOLDED = 0.75;
  var BONUS = { title: 0.6, keyword: 0.6, name: 0.5 };
  /* The results the list shows first: these must be right when the heads alone decide. */
  var EXACT_FIRST = 10;
  var NONE = -Infinity;

  function bonus(flags) {
    return (flags & FLAG_TITLE ? BONUS.title : 0) + (flags & FLAG_KEYWORD ? BONUS.keyword : 0) +
      (flags & FLAG_NAME ? BONUS.name : 0);
  }

  /* A title or keyword hit of the word itself ranks above one of a completion. */
  function titleLevel(c) {
    return c.kind === 'exact' ? 2 : c.kind === 'prefix' ? 1 : 0;
  }

  /* Adds a list's pages to `best`: each page's best score of the word, title level, name. */
  function scoreList(unit, c, idf, list, best) {
    var numbers = readNumbers(list);
    var spelled = c.entry.spellings;
    var step = spelled ? 3 : 2;
    var bit = spelled ? spelled.indexOf(unit.exact) : -1;
    var sameSpelling = !spelled && c.entry.exact === unit.exact, level = titleLevel(c);
    for (var i = 0, doc = 0; i < numbers.length; i += step) {
      doc += numbers[i];
      var value = numbers[i + 1], flags = value >> 5;
      var exactness = 1;
      if (c.kind === 'exact') {
        var same = spelled ? bit >= 0 && (numbers[i + 2] & (1 << bit)) : sameSpelling;
        exactness = same ? 1 : FOLDED;
      }
      var score = c.weight * exactness * idf * ((value & MAX_SCORE) / MAX_SCORE + bonus(flags));
      var hit = best.get(doc);
      if (!hit) {
        hit = { score: 0, title: 0, name: false };
        best.set(doc, hit);
      }
      if (score > hit.score) hit.score = score;
      if (flags & (FLAG_TITLE | FLAG_KEYWORD) && level > hit.title) hit.title = level;
      if (c.kind === 'exact' && flags & FLAG_NAME) hit.name = true;
    }
  }

  /* The most a missing tail can add to a page: score, title level, name. */
  function tailUpper(c, idf, tail) {
    var most = tail.plain / MAX_SCORE;
    if (tail.flags) most = Math.max(most, tail.flagged / MAX_SCORE + bonus(tail.flags));
    return {
      score: c.weight * idf * most,
      title: tail.flags & (FLAG_TITLE | FLAG_KEYWORD) ? titleLevel(c) : 0,
      name: c.kind === 'exact' && (tail.flags & FLAG_NAME) !== 0
    };
  }

  /* Best match of one word in each page; `hidden`: the most a page can get from the tails
   * not loaded (score NONE when no tail is missing). */
  function scoreWord(engine, unit, matched) {
    var N = engine.meta.docs, best = new Map(), hidden = { score: NONE, title: 0, name: false };
    unit.candidates.forEach(function (c, key) {
      var head = (engine.postings[c.entry.shard] || {})[key];
      if (!head) return;
      matched.add(key);
      var idf = Math.log(1 + N / c.entry.df);
      scoreList(unit, c, idf, head, best);
      var tail = c.entry.tail;
      if (!tail) return;
      var rest = (engine.tails[c.entry.shard] || {})[key];
      if (rest) return scoreList(unit, c, idf, rest, best);
      var most = tailUpper(c, idf, tail);
      hidden.score = Math.max(hidden.score, most.score);
      hidden.title = Math.max(hidden.title, most.title);
      hidden.name = hidden.name || most.name;
    });
    return { hits: best, hidden: hidden };
  }

  /* The most an alternative can give a page: `hits[i]` its hit of word i, if any. */
  function alternativeUpper(words, hits, weight) {
    var up = { score: 0, title: 0, name: false };
    for (var i = 0; i < words.length; i++) {
      var h = hits[i], more = words[i].hidden;
      up.score += h ? Math.max(h.score, more.score) : more.score;
      up.title = Math.max(up.title, h ? h.title : 0, more.title);
      up.name = up.name || (words.length === 1 && ((h && h.name) || more.name));
    }
    up.score *= weight;
    return weight < 1 ? { score: up.score, title: Math.min(up.title, 1), name: false } : up;
  }

  function widen(had, up) {
    if (!had) return up;
    return {
      score: Math.max(had.score, up.score),
      title: Math.max(had.title, up.title),
      name: had.name || up.name
    };
  }

  /* Each page's best alternative of a unit: all its words present, their scores summed. With
   * tails missing, also the most the unit can give: `up` of each page it knows, `maybe` for
   * pages with some of an alternative's words, `unknown` for a page it does not know. */
  function scoreUnit(engine, unit, matched) {
    var best = new Map(), uppers = new Map(), unknown = null;
    unit.alternatives.forEach(function (alternative) {
      var words = alternative.words.map(function (w) { return scoreWord(engine, w, matched); });
      var weight = alternative.weight;
      var open = words.some(function (w) { return w.hidden.score > NONE; });
      if (open) {
        var none = alternativeUpper(words, [], weight);
        if (none.score > NONE) unknown = widen(unknown, none);
      }
      var docs = new Set(words[0].hits.keys());
      if (open) words.forEach(function (w) { w.hits.forEach(function (h, doc) { docs.add(doc); }); });
      docs.forEach(function (doc) {
        var hits = words.map(function (w) { return w.hits.get(doc); });
        if (open) {
          var up = alternativeUpper(words, hits, weight);
          if (up.score > NONE) uppers.set(doc, widen(uppers.get(doc), up));
        }
        if (hits.some(function (h) { return !h; })) return;
        var hit = { score: 0, title: 0, name: false };
        hits.forEach(function (h) {
          hit.score += h.score;
          hit.title = Math.max(hit.title, h.title);
          hit.name = hit.name || (h.name && hits.length === 1);
        });
        // A synonym's hit in a title counts like a completion's: below the typed word's.
        if (weight < 1) {
          hit.title = Math.min(hit.title, 1);
          hit.name = false;
        }
        hit.score *= weight;
        var had = best.get(doc);
        if (!had || had.score < hit.score) best.set(doc, hit);
      });
    });
    var maybe = new Map();
    uppers.forEach(function (up, doc) {
      up = unknown ? widen(up, unknown) : up;
      var hit = best.get(doc);
      if (hit) hit.up = widen(up, hit);
      else maybe.set(doc, up);
    });
    best.forEach(function (hit) { if (!hit.up) hit.up = unknown ? widen(hit, unknown) : hit; });
    return { hits: best, maybe: maybe, unknown: unknown };
  }

  function byRank(a, b) {
    return b.covered - a.covered || b.names - a.names || b.titles - a.titles ||
      b.score - a.score || a.doc - b.doc;
  }

  function close(a, b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }

  /* Whether a page with these most-it-could-have figures ranks after `last` for certain. */
  function below(up, last) {
    if (up.covered !== last.covered) return up.covered < last.covered;
    if (up.names !== last.names) return up.names < last.names;
    if (up.titles !== last.titles) return up.titles < last.titles;
    return up.score < last.score && !close(up.score, last.score);
  }

  function settled(page) {
    var up = page.up;
    return up.covered === page.covered && up.names === page.names && up.titles === page.titles &&
      close(up.score, page.score);
  }

  /* Whether the first EXACT_FIRST of `results` are right however the missing tails read. A
   * page known to the last point ranks as the whole result would rank it (ties by number). */
  function decided(results, pages, unknown) {
    if (results.length < EXACT_FIRST) return false;
    var first = results.slice(0, EXACT_FIRST), last = first[EXACT_FIRST - 1];
    if (!first.every(settled) || !below(unknown, last)) return false;
    var chosen = new Set(first);
    return Array.from(pages.values()).every(function (p) {
      return chosen.has(p) || (settled(p) ? byRank(last, p) < 0 : below(p.up, last));
    });
  }

  /* Adds a unit's most for a page in place of what `unknown` counted for it. */
  function raise(page, up, unitUnknown) {
    var was = unitUnknown || { score: 0, title: 0, name: false };
    page.up.covered += unitUnknown ? 0 : 1;
    page.up.score += up.score - was.score;
    page.up.titles += up.title - was.title;
    page.up.names += (up.name ? 1 : 0) - (was.name ? 1 : 0);
  }

  root.lotsRank = function (engine, units) {
    var matched = new Set(), pages = new Map();
    var scored = units.map(function (unit) { return scoreUnit(engine, unit, matched); });
    // What a page no loaded list names could still have.
    var unknown = { covered: 0, names: 0, titles: 0, score: 0 };
    scored.forEach(function (s) {
      if (!s.unknown) return;
      unknown.covered += 1;
      unknown.names += s.unknown.name ? 1 : 0;
      unknown.titles += s.unknown.title;
      unknown.score += s.unknown.score;
    });
    function pageOf(doc) {
      var page = pages.get(doc);
      if (!page) {
        page = { doc: doc, score: 0, covered: 0, names: 0, titles: 0, up: Object.assign({}, unknown) };
        pages.set(doc, page);
      }
      return page;
    }
    scored.forEach(function (s) {
      s.hits.forEach(function (hit, doc) {
        var page = pageOf(doc);
        page.score += hit.score;
        page.covered += 1;
        if (hit.name) page.names += 1;
        page.titles += hit.title;
        raise(page, hit.up, s.unknown);
      });
      s.maybe.forEach(function (up, doc) { raise(pageOf(doc), up, s.unknown); });
    });
    var all = Array.from(pages.values());
    var results = all.filter(function (p) { return p.covered > 0; }).sort(byRank);
    var hidden = unknown.covered > 0 || !all.every(settled);
    if (!hidden) return { results: results, matched: matched, partial: false };
    return decided(results, pages, unknown) ? { results: results, matched: matched, partial: true } : null;
  };
})(typeof self !== 'undefined' ? self : this);
