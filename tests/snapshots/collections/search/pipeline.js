/* The search text pipeline in the browser: the same steps as src/search/pipeline.rs, so a
 * query meets the terms the index was built with (tests/search_tokens.rs compares the two).
 *
 * Tokens are runs of letters and digits (punctuation between two digits stays: 2001:453), in
 * lower case. Stop words are kept as their own kind. Words go through lunr-languages' Swedish
 * stop word filter and Snowball stemmer, run by an elasticlunr.js Pipeline; the key is the
 * stem with å/ä/ö (and other accents) folded, the exact stem is kept beside it. With a
 * vocabulary, compounds are split into known parts.
 *
 * Needs vendor/elasticlunr.min.js, lunr-shim.js, vendor/lunr.stemmer.support.js and
 * vendor/lunr.sv.js first. In the browser it defines `lotsPipeline`; under node it exports a
 * function that takes the `lunr` object. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory;
  } else {
    root.lotsPipeline = factory(root.lunr);
  }
})(typeof self !== 'undefined' ? self : this, function (lunr) {
  'use strict';

  var MAX_TOKEN_CHARS = 64;
  var MIN_PART_CHARS = 3;
  var MAX_SPLIT_DEPTH = 2;
  var MIN_TAIL_CHARS = 5;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  var NUMERIC = /\p{N}/u;
  var ALPHABETIC_ONLY = /^\p{Alphabetic}+$/u;
  var ASCII = /^[\x00-\x7f]*$/;
  var DIGIT = /^[0-9]$/;
  var DIGITS_ONLY = /^[0-9]+$/;
  var MARKED_LETTER = /^[a-z][\u0300-\u036f]+$/;

  var stopPipeline = new lunr.Pipeline();
  stopPipeline.add(lunr.sv.stopWordFilter);
  var stemPipeline = new lunr.Pipeline();
  stemPipeline.add(lunr.sv.stemmer);

  function isStopWord(word) {
    return stopPipeline.run([word]).length === 0;
  }

  function stem(word) {
    var out = stemPipeline.run([word]);
    return out.length && out[0] ? out[0] : word;
  }

  var HAND_FOLDED = { 'ø': 'o', 'æ': 'ae', 'œ': 'oe', 'ß': 'ss' };

  /* å ä → a, ö → o, é → e …: a character whose decomposition is an ASCII letter with
   * combining diacritical marks becomes the letter. */
  function fold(text) {
    if (ASCII.test(text)) return text;
    var out = '';
    for (var c of text) {
      if (HAND_FOLDED[c]) {
        out += HAND_FOLDED[c];
      } else if (c < '\x80') {
        out += c;
      } else {
        var d = c.normalize('NFD');
        out += MARKED_LETTER.test(d) ? d[0] : c;
      }
    }
    return out;
  }

  function isCodeJoiner(c) {
    return c === ':' || c === '.' || c === '/' || c === ',' || c === '-';
  }

  function tokenize(text) {
    var chars = Array.from(String(text).normalize('NFC'));
    var tokens = [];
    var start = -1;
    for (var i = 0; i <= chars.length; i++) {
      var c = chars[i];
      var inside = false;
      if (c !== undefined) {
        if (WORD_CHAR.test(c)) {
          inside = true;
        } else if (isCodeJoiner(c) && start >= 0) {
          inside = i > 0 && DIGIT.test(chars[i - 1]) &&
            chars[i + 1] !== undefined && DIGIT.test(chars[i + 1]);
        }
      }
      if (inside && start < 0) {
        start = i;
      } else if (!inside && start >= 0) {
        if (i - start <= MAX_TOKEN_CHARS) tokens.push(chars.slice(start, i).join('').toLowerCase());
        start = -1;
      }
    }
    return tokens;
  }

  /* The site's own words (and their stems) that compound parts must be. */
  function Vocabulary(tokens) {
    var words = new Set();
    (tokens || []).forEach(function (token) {
      if (Array.from(token).length >= MIN_PART_CHARS && ALPHABETIC_ONLY.test(token) &&
          !isStopWord(token)) {
        words.add(stem(token));
        words.add(token);
      }
    });
    this.words = words;
  }

  Vocabulary.prototype.knows = function (word) {
    return this.words.has(word);
  };

  /* handlingsplanerna → [handling, planerna]; null when no split into known words exists. */
  Vocabulary.prototype.split = function (word) {
    var words = this.words;
    return splitWith(word, function (part) { return words.has(part); });
  };

  /* What a compound's first part may look like before its linking letter: handlings → handling,
   * kvinno → kvinna, gatu → gata. */
  function headForms(head) {
    var forms = [head];
    var last = head.slice(-1), stemPart = head.slice(0, -1);
    if (Array.from(stemPart).length >= MIN_PART_CHARS) {
      if (last === 's') forms.push(stemPart);
      if (last === 'o' || last === 'u') forms.push(stemPart + 'a');
    }
    return forms;
  }

  /* Splits a compound into parts that `knows` accepts, longest first part first, trying the
   * linking letters of headForms; at most MAX_SPLIT_DEPTH + 2 parts. */
  function splitWith(word, knows) {
    return splitChars(Array.from(word), knows, 0);
  }

  function splitChars(chars, knows, depth) {
    var n = chars.length;
    if (n < 2 * MIN_PART_CHARS) return null;
    for (var i = n - MIN_PART_CHARS; i >= MIN_PART_CHARS; i--) {
      var head = headForms(chars.slice(0, i).join('')).find(knows);
      if (head === undefined) continue;
      var tail = chars.slice(i).join('');
      if (knows(tail) || knows(stem(tail))) return [head, tail];
      if (depth < MAX_SPLIT_DEPTH) {
        var rest = splitChars(chars.slice(i), knows, depth + 1);
        if (rest) return [head].concat(rest);
      }
    }
    return null;
  }

  /* A compound none of whose splits is known still names a kind of its last part: hatsymbol
   * is a symbol. The longest known tail of at least MIN_TAIL_CHARS after a head of at least
   * MIN_PART_CHARS; null when none. Queries only: the index splits by splitWith alone. */
  function tailWith(word, knows) {
    var chars = Array.from(word);
    for (var i = MIN_PART_CHARS; i <= chars.length - MIN_TAIL_CHARS; i++) {
      var tail = chars.slice(i).join('');
      if (knows(tail)) return tail;
    }
    return null;
  }

  function term(key, exact, kind) {
    return { key: key, exact: exact, kind: kind };
  }

  function analyzeWord(word, kind, out) {
    if (isStopWord(word)) {
      if (kind === 'w') out.push(term(fold(word), word, 's'));
      return;
    }
    var exact = stem(word);
    var key = fold(exact);
    out.push(term(key, exact, kind));
    // Stemming the folded word can end elsewhere (löst → lös, lost → lost): that key too.
    var foldedStem = stem(fold(word));
    if (foldedStem !== key) out.push(term(foldedStem, exact, kind));
  }

  /* Runs of only letters or only digits: anna88 → anna, 88. */
  function runs(token) {
    var out = [];
    var last = null;
    for (var c of token) {
      if (!WORD_CHAR.test(c)) {
        last = null;
        continue;
      }
      var digit = NUMERIC.test(c);
      if (last === digit) {
        out[out.length - 1] += c;
      } else {
        out.push(c);
      }
      last = digit;
    }
    return out;
  }

  function analyzeToken(token, vocabulary, out) {
    if (!NUMERIC.test(token)) {
      analyzeWord(token, 'w', out);
      if (vocabulary && !isStopWord(token)) {
        (vocabulary.split(token) || []).forEach(function (part) {
          analyzeWord(part, 'p', out);
        });
      }
      return;
    }
    out.push(term(fold(token), token, 'c'));
    if (DIGITS_ONLY.test(token)) return;
    runs(token).forEach(function (run) {
      if (NUMERIC.test(run)) {
        out.push(term(fold(run), run, 'c'));
      } else {
        analyzeWord(run, 'w', out);
      }
    });
  }

  function analyze(text, vocabulary) {
    var out = [];
    tokenize(text).forEach(function (token) { analyzeToken(token, vocabulary, out); });
    return out;
  }

  /* Words that carry no meaning in a typed question, beside the stop words: "vem ringer jag
   * om jag är orolig" is about ringer and orolig. Only queries drop them, never the index. */
  var QUERY_STOP_WORDS = new Set(['ska', 'skall', 'måste', 'bör', 'borde', 'vill', 'får', 'få',
    'finns', 'fanns', 'gör', 'göra', 'gjorde', 'gjort', 'hitta', 'hittar', 'någon', 'något',
    'några', 'sånt', 'typ', 'liksom', 'bara', 'också', 'även', 'kanske', 'hej', 'tack', 'snälla',
    'behöver', 'behövs', 'går', 'gå', 'vet', 'veta', 'mig', 'ngn', 'ngt', 'hos', 'sig', 'the',
    'of', 'and',
    // The same typed without å/ä/ö, where that is no other word (bör → bor is one).
    'maste', 'behover', 'behovs', 'nagon', 'nagot', 'nagra', 'aven', 'gora', 'nar', 'varfor',
    'ar', 'pa', 'fran', 'sadan', 'sadant']);

  /* A stop word, a question word, or a single letter (the s of "Säpo:s"). */
  function isQueryStopWord(token) {
    return QUERY_STOP_WORDS.has(token) || isStopWord(token) ||
      (Array.from(token).length === 1 && !NUMERIC.test(token));
  }

  /* The key a word is compared by in synonyms: its first term's key (stem, folded). */
  function matchKey(token) {
    var terms = [];
    analyzeToken(token, null, terms);
    return terms.length ? terms[0].key : token;
  }

  /* search/synonyms.js's entries, [from] for a group or [from, to] one way, each a list of
   * words or phrases, ready to be matched: each `from` phrase as its words' match keys. */
  function Synonyms(entries) {
    this.entries = (entries || []).map(function (entry) {
      return {
        from: entry[0].map(function (text) { return tokenize(text).map(matchKey); }),
        to: (entry[1] || entry[0]).map(tokenize)
      };
    });
  }

  /* The longest synonym phrase that starts at keys[at], and every word or phrase it stands for. */
  Synonyms.prototype.match = function (keys, at) {
    var length = 0, to = [];
    this.entries.forEach(function (entry) {
      entry.from.forEach(function (phrase) {
        if (!phrase.length || phrase.length < length) return;
        for (var i = 0; i < phrase.length; i++) if (keys[at + i] !== phrase[i]) return;
        if (phrase.length > length) to = [];
        length = phrase.length;
        to = to.concat(entry.to);
      });
    });
    return { length: length, to: to };
  };

  /* A phrase's meaningful words (all of them when every one is a stop word). */
  function meaningful(words) {
    var kept = words.filter(function (w) { return !isQueryStopWord(w); });
    return kept.length ? kept : words;
  }

  /* The query as units of meaning: each a word or a synonym phrase as typed, with the
   * alternatives that satisfy it (the typed words first, then each synonym), stop and question
   * words left out unless the query has nothing else. */
  function queryUnits(query, synonyms) {
    var tokens = tokenize(query), keys = tokens.map(matchKey), units = [];
    for (var at = 0; at < tokens.length;) {
      var found = synonyms ? synonyms.match(keys, at) : { length: 0, to: [] };
      var length = found.length || 1;
      var typed = tokens.slice(at, at + length);
      var seen = new Set([keys.slice(at, at + length).join(' ')]);
      var alternatives = [meaningful(typed)];
      found.to.forEach(function (words) {
        var id = words.map(matchKey).join(' ');
        if (!seen.has(id)) {
          seen.add(id);
          alternatives.push(meaningful(words));
        }
      });
      var stop = length === 1 && alternatives.length === 1 && isQueryStopWord(typed[0]);
      units.push({ typed: typed, alternatives: alternatives, stop: stop });
      at += length;
    }
    var content = units.filter(function (u) { return !u.stop; });
    return content.length ? content : units;
  }

  /* Optimal string alignment distance (a swap of two neighbours is one edit), or limit + 1
   * once it is certain to exceed `limit`. */
  function distance(a, b, limit) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
      for (var j = 1; j <= b.length; j++) {
        if (i === 0) { rows[0].push(j); continue; }
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, rows[i - 2][j - 2] + 1);
        }
        rows[i].push(d);
      }
      if (i > 0 && Math.min.apply(null, rows[i]) > limit) return limit + 1;
    }
    return Math.min(rows[a.length][b.length], limit + 1);
  }

  /* "Menade du": the candidate closest to `word` within two edits (one for short words), the
   * most common of equals, then the first in order; null when none is close. Candidates are
   * {key, df, word}; the word is compared folded, as keys are. */
  function closest(word, candidates) {
    var folded = fold(word), n = Array.from(folded).length;
    var limit = n <= 4 ? 1 : 2, best = null, bestDistance = limit + 1;
    var key = matchKey(word);
    candidates.forEach(function (c) {
      if (Array.from(c.key).length < 3 || c.key === folded || c.key === key) return;
      // Against the key (a stem) and the whole word it stands for: återvändare is two edits
      // from atervndaree, its stem återvänd four.
      var d = Math.min(distance(folded, c.key, limit), distance(key, c.key, limit),
        c.word ? distance(folded, fold(c.word), limit) : limit + 1);
      if (d < bestDistance || (d === bestDistance && best && c.df > best.df)) {
        best = c;
        bestDistance = d;
      }
    });
    return bestDistance <= limit ? best : null;
  }

  return {
    tokenize: tokenize,
    fold: fold,
    stem: stem,
    isStopWord: isStopWord,
    analyzeToken: analyzeToken,
    analyze: analyze,
    Vocabulary: Vocabulary,
    splitWith: splitWith,
    tailWith: tailWith,
    matchKey: matchKey,
    isQueryStopWord: isQueryStopWord,
    Synonyms: Synonyms,
    queryUnits: queryUnits,
    distance: distance,
    closest: closest,
    /* The form the Rust-vs-JS test compares: kind:key:exact. */
    show: function (t) { return t.kind + ':' + t.key + ':' + t.exact; }
  };
});
