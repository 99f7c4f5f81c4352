/* The query engine: works out which index files a query needs, has them loaded, and ranks
 * pages. The index format is written by src/search/shards.rs:
 *   meta      page count, collections, each page's collection, first key of each vocab file
 *   vocab N   sorted keys with document frequency, postings file number, exact spellings
 *   postings  key → page list: (gap to previous page, score|flags[, spelling mask])…; a
 *             long list holds only its best pages (its head) here
 *   tails N   the rest of the long lists of postings file N, loaded only when the heads
 *             cannot decide the first results: the vocabulary gives each tail's best score
 *             and flags, which bound what its pages can add
 *   docs N    [title, url relative to the site root, snippet] for a run of pages
 * Ranking (rank.js): pages that match more of the query's words first; then pages whose title or a
 * keyword is exactly a query word; then title and keyword hits (of the word itself before
 * those of completions); then the summed scores.
 * Defines `lotsEngine(pipeline, load)`; `load(type, id)` returns a promise of a file's data. */
(function (root) {
  'use strict';

  var DIGITS = "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
  var BASE = 45;
  var DIGIT_VALUE = new Int8Array(128).fill(-1);
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  /* How much each kind of match counts (rank.js scores them). */
  var WEIGHT = { exact: 1, sub: 0.5, fuzzy: 0.3, synonym: 0.9, parts: 0.8, tail: 0.5 };
  var MAX_PREFIX_KEYS = 24;
  var MAX_FUZZY_KEYS = 8;
  /* Completions and typo neighbours may add this many postings files beyond those of the
   * query's own words: what bounds the bytes a query loads as it is typed. */
  var MAX_EXTRA_POSTINGS = { prefix: 3, fuzzy: 2 };
  /* Shorter words are not completed: "ha" would mean a little of everything. */
  var MIN_PREFIX_CHARS = 3;
  /* Words before the last one typed are completed only from this length. */
  var MIN_INNER_PREFIX_CHARS = 5;
  /* A prefix whose keys span more vocabulary files than this is too short to expand yet. */
  var MAX_PREFIX_FILES = 4;
  var MIN_FUZZY_CHARS = 5;
  /* A compound's split may load vocabulary files this many times, this many at a time. */
  var MAX_SPLIT_ROUNDS = 3;
  var MAX_SPLIT_FILES = 4;
  /* A compound's part this long may be the beginning of a word of the index. */
  var MIN_COMPLETED_PART = 5;
  var LAST = '\u{10ffff}';

  function readNumbers(text) {
    var out = [];
    var value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var digit = DIGIT_VALUE[text.charCodeAt(i)];
      if (digit >= BASE) {
        value += (digit - BASE) * scale;
        scale *= BASE;
      } else {
        out.push(value + digit * scale);
        value = 0;
        scale = 1;
      }
    }
    return out;
  }

  /* Code point order, as Rust sorts the keys (UTF-16 order differs above U+FFFF). */
  function compare(a, b) {
    var ia = a[Symbol.iterator](), ib = b[Symbol.iterator]();
    for (;;) {
      var x = ia.next(), y = ib.next();
      if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
      var cx = x.value.codePointAt(0), cy = y.value.codePointAt(0);
      if (cx !== cy) return cx < cy ? -1 : 1;
    }
  }

  /* Whether a and b differ by at most one insertion, deletion, substitution or swap. */
  function withinOne(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* A typo in an ending defeats the stemmer (samordnsre → samordnsr): a long key that the
   * typed word starts with is then the likely stem. */
  function isStemOf(key, word) {
    return key.length < word.length && key.length >= word.length - 4 && word.startsWith(key);
  }

  function Engine(pipeline, load) {
    this.pipeline = pipeline;
    this.load = load;
    this.meta = null;
    this.vocab = {};
    this.postings = {};
    this.tails = {};
    this.chunks = {};
  }

  Engine.prototype.start = function () {
    var self = this;
    if (!this.started) {
      // A site built before synonyms existed has no synonyms file: no synonyms, then.
      var synonyms = this.load('synonyms').then(function (data) { return data.synonyms; },
        function () { return []; });
      this.started = Promise.all([this.load('meta'), synonyms]).then(function (loaded) {
        var meta = loaded[0];
        self.synonyms = new self.pipeline.Synonyms(loaded[1]);
        self.meta = meta;
        // (collection, page count) runs → each page's collection.
        var runs = readNumbers(meta.collectionRuns);
        self.collections = new Uint16Array(meta.docs);
        for (var i = 0, doc = 0; i < runs.length; i += 2) {
          self.collections.fill(runs[i], doc, doc + runs[i + 1]);
          doc += runs[i + 1];
        }
      });
    }
    return this.started;
  };

  Engine.prototype.collectionOf = function (doc) {
    return this.collections[doc];
  };

  /* The vocabulary file that holds `key`: the last one whose first key is not after it. */
  Engine.prototype.fileOf = function (key) {
    var starts = this.meta.vocab, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(starts[mid], key) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  Engine.prototype.filesFor = function (prefix) {
    var files = [];
    for (var f = this.fileOf(prefix), last = this.fileOf(prefix + LAST); f <= last; f++) files.push(f);
    return files;
  };

  Engine.prototype.loadVocab = function (files) {
    var self = this;
    return Promise.all(files.filter(function (f) { return !self.vocab[f]; }).map(function (f) {
      return self.load('vocab', f).then(function (data) { self.vocab[f] = parseVocab(data); });
    }));
  };

  function parseVocab(data) {
    var keys = data.keys ? data.keys.split(' ') : [];
    var df = readNumbers(data.df), gaps = readNumbers(data.shards);
    var entries = new Map(), shard = 0;
    keys.forEach(function (key, i) {
      shard += gaps[i];
      var spelled = data.variants[i];
      entries.set(key, {
        df: df[i],
        shard: shard,
        spellings: spelled ? spelled.split(' ') : null,
        exact: data.exact[i] || key,
        word: data.words ? data.words[i] : undefined,
        tail: tailOf(data.tails && data.tails[i])
      });
    });
    return { keys: keys, entries: entries };
  }

  /* A tail's best scores (of pages without and with flags) and flags, from the vocabulary. */
  function tailOf(text) {
    if (!text) return null;
    var numbers = readNumbers(text);
    return { plain: numbers[0], flagged: numbers[1], flags: numbers[2] };
  }

  Engine.prototype.entry = function (key) {
    var file = this.vocab[this.fileOf(key)];
    return file ? file.entries.get(key) : undefined;
  };

  /* One word to look up: its terms, its typed (folded) form, and, for a word the user typed
   * (not one a synonym or a split added), the fuzzy forms its typos are looked for with. */
  Engine.prototype.word = function (token, typed) {
    var P = this.pipeline, terms = [];
    P.analyzeToken(token, null, terms);
    var folded = P.fold(token);
    var fuzzy = [];
    if (typed && terms.length && Array.from(folded).length >= MIN_FUZZY_CHARS) {
      fuzzy = [folded, terms[0].key].filter(function (f, i, a) {
        return a.indexOf(f) === i && Array.from(f).length >= 4;
      });
    }
    return {
      token: token,
      folded: folded,
      terms: terms,
      exact: terms.length ? terms[0].exact : token,
      typed: typed,
      fuzzy: fuzzy,
      expand: false,
      candidates: new Map()
    };
  };

  /* The query's units of meaning (pipeline.queryUnits), each with its alternatives: the words
   * typed, then each synonym, weighed a little less. A page satisfies an alternative when it
   * has every word of it. */
  Engine.prototype.units = function (query) {
    var self = this;
    var units = this.pipeline.queryUnits(query, this.synonyms).map(function (unit) {
      return {
        typed: unit.typed,
        alternatives: unit.alternatives.map(function (words, i) {
          return {
            weight: i === 0 ? 1 : WEIGHT.synonym,
            words: words.map(function (w) { return self.word(w, i === 0); })
          };
        })
      };
    });
    // The last word is still being typed unless a space follows it.
    var last = units.length && !/\s$/.test(query) ? units[units.length - 1].alternatives[0].words : [];
    if (last.length) last[last.length - 1].last = true;
    return units;
  };

  function wordsOf(units) {
    var out = [];
    units.forEach(function (u) {
      u.alternatives.forEach(function (a) { out.push.apply(out, a.words); });
    });
    return out;
  }

  /* Ranges where one-typo neighbours of `form` live: typos after the second letter stay in
   * its own two-letter range; a dropped, added or swapped first or second letter moves it
   * (a wrong second letter leaves only the first: used when that range is small). */
  function fuzzyPrefixes(form, wide) {
    var c = Array.from(form);
    var out = [c[0] + c[1]];
    if (wide) out.push(c[1] + c[2], c[0] + c[2], c[1] + c[0], c[0]);
    return out;
  }

  Engine.prototype.vocabFilesFor = function (words, wide) {
    var self = this, files = new Set();
    words.forEach(function (u) {
      u.terms.forEach(function (t) { files.add(self.fileOf(t.key)); });
      if (!u.typed) return;
      var prefixFiles = self.filesFor(u.folded);
      // The word being typed is completed; a word already followed by others only when long
      // (åkt in "åkt till syrien" is a whole word, not the start of aktion).
      var typedChars = Array.from(u.folded).length;
      u.expand = prefixFiles.length <= MAX_PREFIX_FILES &&
        typedChars >= (u.last ? MIN_PREFIX_CHARS : MIN_INNER_PREFIX_CHARS);
      if (u.expand) prefixFiles.forEach(function (f) { files.add(f); });
      u.fuzzy.forEach(function (form) {
        fuzzyPrefixes(form, wide).forEach(function (p) {
          var spread = self.filesFor(p);
          if (spread.length <= MAX_PREFIX_FILES) spread.forEach(function (f) { files.add(f); });
        });
      });
    });
    return Array.from(files);
  };

  Engine.prototype.addCandidate = function (unit, key, kind, weight) {
    var entry = this.entry(key);
    if (!entry) return;
    var had = unit.candidates.get(key);
    if (!had || had.weight < weight) unit.candidates.set(key, { kind: kind, weight: weight, entry: entry });
  };

  /* Exact keys, then prefix completions and one-typo neighbours from the loaded files. */
  Engine.prototype.collect = function (unit) {
    var self = this;
    // A code the index has whole (3.1.1-212/2020) is not looked for by its parts (3, 212).
    var whole = unit.terms.length > 1 && unit.terms[0].kind === 'c' && this.entry(unit.terms[0].key);
    unit.terms.forEach(function (t, i) {
      if (whole && i > 0) return;
      var sub = t.kind === 'c' && i > 0;
      self.addCandidate(unit, t.key, sub ? 'sub' : 'exact', sub ? WEIGHT.sub : WEIGHT.exact);
    });
    var scanned = new Set();
    var prefixes = [], near = [];
    var files = unit.expand ? this.filesFor(unit.folded) : [];
    unit.fuzzy.forEach(function (form) {
      fuzzyPrefixes(form, true).forEach(function (p) { files = files.concat(self.filesFor(p)); });
    });
    files.forEach(function (f) {
      var file = self.vocab[f];
      if (!file || scanned.has(f)) return;
      scanned.add(f);
      file.keys.forEach(function (key) {
        if (unit.candidates.has(key)) return;
        if (unit.expand && key.startsWith(unit.folded)) {
          prefixes.push(key);
        } else if (key.length >= 4 && unit.fuzzy.length &&
            (unit.fuzzy.some(function (form) { return withinOne(form, key); }) ||
             isStemOf(key, unit.folded))) {
          near.push(key);
        }
      });
    });
    var byDf = function (a, b) { return self.entry(b).df - self.entry(a).df; };
    this.within(unit, prefixes.sort(byDf), MAX_PREFIX_KEYS, MAX_EXTRA_POSTINGS.prefix).forEach(function (key) {
      // A completion counts more the more of it was typed.
      var typed = unit.folded.length / key.length;
      self.addCandidate(unit, key, 'prefix', 0.4 + 0.3 * typed);
    });
    this.within(unit, near.sort(byDf), MAX_FUZZY_KEYS, MAX_EXTRA_POSTINGS.fuzzy).forEach(function (key) {
      self.addCandidate(unit, key, 'fuzzy', WEIGHT.fuzzy);
    });
  };

  /* The first `count` keys whose lists sit in the unit's postings files or in at most
   * `extra` more. */
  Engine.prototype.within = function (unit, keys, count, extra) {
    var self = this, files = new Set(), added = 0, out = [];
    unit.candidates.forEach(function (c) { files.add(c.entry.shard); });
    keys.forEach(function (key) {
      var shard = self.entry(key).shard;
      if (out.length >= count) return;
      if (!files.has(shard)) {
        if (added >= extra) return;
        files.add(shard);
        added += 1;
      }
      out.push(key);
    });
    return out;
  };

  /* The postings files of the words' candidates, and with `tails` their tails files. */
  Engine.prototype.loadPostings = function (words, tails) {
    var self = this, shards = new Set(), rests = new Set();
    words.forEach(function (u) {
      u.candidates.forEach(function (c) {
        if (!self.postings[c.entry.shard]) shards.add(c.entry.shard);
        if (tails && c.entry.tail && !self.tails[c.entry.shard]) rests.add(c.entry.shard);
      });
    });
    return Promise.all(Array.from(shards).map(function (s) {
      return self.load('postings', s).then(function (data) { self.postings[s] = data.lists; });
    }).concat(Array.from(rests).map(function (s) {
      return self.load('tails', s).then(function (data) { self.tails[s] = data.lists; });
    })));
  };

  /* Whether `part` (of a compound) is a word of the index; a key whose vocabulary file is not
   * loaded yet counts as unknown and its file is noted in `missing`. */
  Engine.prototype.knows = function (part, missing) {
    var terms = [];
    this.pipeline.analyzeToken(part, null, terms);
    return terms.some(function (t) {
      var file = this.fileOf(t.key);
      if (!this.vocab[file]) {
        missing.add(file);
        return false;
      }
      return t.kind !== 's' && (this.entry(t.key) !== undefined || this.completes(t.key));
    }, this);
  };

  /* Whether a longer key of the loaded files starts with `key` (islamist → islamistisk), for
   * parts long enough not to be a mere beginning of anything. */
  Engine.prototype.completes = function (key) {
    if (Array.from(key).length < MIN_COMPLETED_PART) return false;
    var keys = this.vocab[this.fileOf(key)].keys, lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compare(keys[mid], key) < 0) lo = mid + 1; else hi = mid;
    }
    return lo < keys.length && keys[lo].startsWith(key);
  };

  /* Splits a typed word the index does not have into words it has (pipeline.splitWith), or
   * else takes its last part (pipeline.tailWith), loading the vocabulary files either asks
   * about, a few at a time; resolves to {words, weight} or null. */
  Engine.prototype.split = function (word, round) {
    var self = this, missing = new Set(), P = this.pipeline;
    var knows = function (part) { return self.knows(part, missing); };
    var parts = P.splitWith(word.token, knows);
    if (!parts && !missing.size) {
      var tail = P.tailWith(word.token, knows);
      if (tail) return Promise.resolve({ words: [tail], weight: WEIGHT.tail });
    }
    if (parts || !missing.size || round >= MAX_SPLIT_ROUNDS) {
      return Promise.resolve(parts && { words: parts, weight: WEIGHT.parts });
    }
    return this.loadVocab(Array.from(missing).slice(0, MAX_SPLIT_FILES)).then(function () {
      return self.split(word, round + 1);
    });
  };

  /* Adds, to each unit whose typed word is not in the index, the alternative of its parts. */
  Engine.prototype.splitCompounds = function (units) {
    var self = this;
    return Promise.all(units.map(function (unit) {
      var first = unit.alternatives[0].words;
      var word = first.length === 1 ? first[0] : null;
      var known = word && Array.from(word.candidates.values()).some(function (c) { return c.kind === 'exact'; });
      if (!word || known || !word.terms.length || word.terms[0].kind !== 'w') return null;
      return self.split(word, 0).then(function (split) {
        if (!split) return;
        var words = split.words.map(function (p) {
          var part = self.word(p, false);
          part.expand = Array.from(part.folded).length >= MIN_COMPLETED_PART;
          self.collect(part);
          return part;
        });
        unit.alternatives.push({ weight: split.weight, words: words });
      });
    }));
  };

  /* Ranks every page that matches; resolves to {results, matched keys, typed words, units,
   * suggestion}. */
  Engine.prototype.search = function (query) {
    var self = this;
    return this.start().then(function () {
      var units = self.units(query);
      var words = wordsOf(units);
      // Nothing to look up, or nothing to look in (a site without pages has no vocabulary).
      if (!units.length || !self.meta.vocab.length) return self.found({ results: [], matched: new Set(), partial: false }, units);
      return self.loadVocab(self.vocabFilesFor(words, false)).then(function () {
        words.forEach(function (u) { self.collect(u); });
        var lost = words.filter(function (u) { return !u.candidates.size && u.fuzzy.length; });
        if (!lost.length) return;
        // No such word: look for one-typo neighbours with a wrong first or second letter too.
        return self.loadVocab(self.vocabFilesFor(lost, true)).then(function () {
          lost.forEach(function (u) { self.collect(u); });
        });
      }).then(function () {
        return self.splitCompounds(units);
      }).then(function () {
        return self.loadPostings(wordsOf(units));
      }).then(function () {
        return self.rank(units);
      });
    });
  };

  /* Ranks the pages from the lists loaded (lotsRank, rank.js); when the heads of long lists
   * cannot decide the first results, loads the tails and ranks again. */
  Engine.prototype.rank = function (units) {
    var ranked = rankWith()(this, units);
    return ranked ? this.found(ranked, units) : this.rankWhole(units);
  };

  /* The whole result of a search whose `partial` result came from the heads alone. */
  Engine.prototype.complete = function (found) {
    return found.partial ? this.rankWhole(found.units) : Promise.resolve(found);
  };

  Engine.prototype.rankWhole = function (units) {
    var self = this;
    return this.loadPostings(wordsOf(units), true).then(function () {
      return self.found(rankWith()(self, units), units);
    });
  };

  function rankWith() {
    return root.lotsRank || require('./rank.js').lotsRank;
  }

  Engine.prototype.found = function (ranked, units) {
    var results = ranked.results, typed = [];
    units.forEach(function (u) { u.alternatives[0].words.forEach(function (w) { typed.push(w.folded); }); });
    return {
      results: results,
      matched: ranked.matched,
      partial: ranked.partial,
      typed: typed,
      units: units,
      suggestion: results.length ? null : this.suggest(units)
    };
  };

  /* "Menade du": the query with each word the index lacks replaced by the closest word of the
   * loaded vocabulary files (pipeline.closest); null when some word has no close neighbour. */
  Engine.prototype.suggest = function (units) {
    var candidates = null, changed = false, words = [];
    for (var u = 0; u < units.length; u++) {
      var unit = units[u];
      if (unit.alternatives[0].words.some(function (w) { return w.candidates.size; })) {
        words.push(unit.typed.join(' '));
        continue;
      }
      if (!candidates) candidates = this.loadedKeys();
      var best = this.pipeline.closest(unit.typed.join(''), candidates);
      if (!best) return null;
      words.push(best.word);
      changed = true;
    }
    return changed && this.meta.vocab.length ? words.join(' ') : null;
  };

  /* Every key of the loaded vocabulary files, with its page count and the word to show. */
  Engine.prototype.loadedKeys = function () {
    var out = [];
    Object.keys(this.vocab).forEach(function (f) {
      this.vocab[f].entries.forEach(function (entry, key) {
        out.push({ key: key, df: entry.df, word: entry.word || entry.exact });
      });
    }, this);
    return out;
  };

  /* Title, URL, snippet and collection of pages, loading their files. */
  Engine.prototype.docs = function (ids) {
    var self = this, size = this.meta.chunk;
    var needed = new Set(ids.map(function (id) { return Math.floor(id / size); }));
    return Promise.all(Array.from(needed).filter(function (c) { return !self.chunks[c]; }).map(function (c) {
      return self.load('docs', c).then(function (data) { self.chunks[c] = data.docs; });
    })).then(function () {
      return ids.map(function (id) {
        var row = self.chunks[Math.floor(id / size)][id % size];
        return { id: id, title: row[0], url: row[1], snippet: row[2], collection: self.collectionOf(id) };
      });
    });
  };

  root.lotsEngine = function (pipeline, load) { return new Engine(pipeline, load); };
  root.lotsEngine.readNumbers = readNumbers;
  root.lotsEngine.withinOne = withinOne;
})(typeof self !== 'undefined' ? self : this);
