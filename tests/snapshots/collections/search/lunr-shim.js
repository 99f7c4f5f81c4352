/* Lets lunr-languages' Swedish pipeline (vendor/lunr.sv.js, written for lunr.js) load under
 * elasticlunr.js, which lacks lunr.generateStopWordFilter. Loaded after vendor/elasticlunr.min.js
 * and before vendor/lunr.stemmer.support.js and vendor/lunr.sv.js. */
(function (root, shim) {
  if (typeof module === 'object' && module.exports) {
    module.exports = shim;
  } else {
    root.lunr = shim(root.lunr || root.elasticlunr);
  }
})(typeof self !== 'undefined' ? self : this, function (lunr) {
  'use strict';
  if (!lunr.generateStopWordFilter) {
    lunr.generateStopWordFilter = function (stopWords) {
      // A prototype-less map, so that `constructor` or `__proto__` are words like any other.
      var words = Object.create(null);
      stopWords.forEach(function (word) { words[word] = true; });
      return function (token) {
        if (token && words[token] !== true) return token;
        return undefined;
      };
    };
  }
  return lunr;
});
