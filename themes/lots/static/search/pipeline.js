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
    return this.splitChars(Array.from(word), 0);
  };

  Vocabulary.prototype.splitChars = function (chars, depth) {
    var n = chars.length;
    if (n < 2 * MIN_PART_CHARS) return null;
    for (var i = n - MIN_PART_CHARS; i >= MIN_PART_CHARS; i--) {
      var head = chars.slice(0, i).join('');
      if (!this.knows(head)) {
        if (i > MIN_PART_CHARS && chars[i - 1] === 's' && this.knows(head.slice(0, -1))) {
          head = head.slice(0, -1);
        } else {
          continue;
        }
      }
      var tail = chars.slice(i).join('');
      if (this.knows(tail) || this.knows(stem(tail))) return [head, tail];
      if (depth < MAX_SPLIT_DEPTH) {
        var rest = this.splitChars(chars.slice(i), depth + 1);
        if (rest) return [head].concat(rest);
      }
    }
    return null;
  };

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

  return {
    tokenize: tokenize,
    fold: fold,
    stem: stem,
    isStopWord: isStopWord,
    analyzeToken: analyzeToken,
    analyze: analyze,
    Vocabulary: Vocabulary,
    /* The form the Rust-vs-JS test compares: kind:key:exact. */
    show: function (t) { return t.kind + ':' + t.key + ':' + t.exact; }
  };
});
