/* Search as you type in the header's search box (an ARIA 1.2 combobox with a listbox popup).
 *
 * Small on purpose: it loads the pipeline, the engine and the index only when the box is first
 * used, by inserting script elements (which work under file://, where fetch does not). Each
 * index file calls lotsSearch.addShard({...}). Results are built with createElement and
 * textContent only: page text never becomes HTML. Without JavaScript the form submits to the
 * A–Ö page. */
(function () {
  'use strict';

  var DEBOUNCE_MS = 120;
  var PAGE_SIZE = 10;
  var SNIPPET_CHARS = 170;
  var LIBRARIES = ['vendor/elasticlunr.min.js', 'lunr-shim.js', 'vendor/lunr.stemmer.support.js',
    'vendor/lunr.sv.js', 'pipeline.js', 'engine.js', 'rank.js'];
  var FILES = { meta: 'meta.js', synonyms: 'synonyms.js', vocab: 'v/', postings: 'p/', tails: 't/', docs: 'd/' };

  var arrived = {};
  window.lotsSearch = {
    addShard: function (data) { arrived[data.id === undefined ? data.type : data.type + '/' + data.id] = data; }
  };

  function loadScript(url, ordered) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = url;
      script.async = !ordered;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error('cannot load ' + url)); };
      document.head.appendChild(script);
    });
  }

  function Search(form) {
    this.form = form;
    this.input = form.querySelector('[role="combobox"]');
    this.listbox = document.getElementById(this.input.getAttribute('aria-controls'));
    this.panel = form.querySelector('[data-search-panel]');
    this.status = form.querySelector('[data-search-status]');
    this.chips = form.querySelector('[data-search-chips]');
    this.more = form.querySelector('[data-search-more]');
    this.suggestion = form.querySelector('[data-search-suggestion]');
    this.suggestionLink = form.querySelector('[data-search-suggestion-link]');
    this.base = new URL('.', new URL(form.getAttribute('data-search-root'), document.baseURI));
    this.root = new URL('..', this.base);
    // A site's own template may set a text on the form; else texts.js has it.
    this.text = function (name, count) {
      var own = form.getAttribute('data-text-' + name);
      var texts = window.lotsTexts || {};
      return (own !== null ? own : texts['search-' + name] || '').replace('{count}', count);
    };
    this.sequence = 0;
    this.shown = [];
    this.active = -1;
    this.filter = null;
    this.bind();
  }

  /* Loads the libraries and the index metadata once; resolves to the engine. */
  Search.prototype.ready = function () {
    var self = this;
    if (this.engine) return this.engine;
    var base = this.base;
    var libraries = Promise.all(LIBRARIES.map(function (file) {
      return loadScript(new URL(file, base).href, true);
    }));
    this.engine = libraries.then(function () {
      var version = '';
      var engine = window.lotsEngine(window.lotsPipeline, function (type, id) {
        var single = id === undefined;
        var key = single ? type : type + '/' + id;
        var file = single ? FILES[type] : FILES[type] + id + '.js?v=' + version;
        return loadScript(new URL(file, base).href, false).then(function () {
          var data = arrived[key];
          delete arrived[key];
          if (!data) throw new Error('no index data in ' + file);
          if (type === 'meta') version = data.version;
          return data;
        });
      });
      return engine.start().then(function () { return engine; });
    });
    this.engine.catch(function () { self.say(self.text('error')); });
    return this.engine;
  };

  Search.prototype.bind = function () {
    var self = this, timer = null;
    this.input.addEventListener('focus', function () { self.ready(); });
    this.input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(); }, DEBOUNCE_MS);
    });
    this.input.addEventListener('keydown', function (event) { self.key(event); });
    this.form.addEventListener('submit', function (event) {
      var target = self.shown[self.active >= 0 ? self.active : 0];
      if (target) {
        event.preventDefault();
        self.open(target);
      }
    });
    // Keeps the focus in the box, so that clicking an option does not close the list first.
    this.listbox.addEventListener('mousedown', function (event) { event.preventDefault(); });
    this.listbox.addEventListener('click', function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) self.open(self.shown[Number(option.getAttribute('data-index'))]);
    });
    this.more.addEventListener('click', function () { self.showMore(); });
    // "Menade du …?": runs the suggested search in place, the focus back in the box.
    this.suggestionLink.addEventListener('click', function (event) {
      event.preventDefault();
      self.input.value = self.suggestionLink.textContent;
      self.input.focus();
      self.run();
    });
    this.form.addEventListener('focusout', function (event) {
      if (!event.relatedTarget || !self.form.contains(event.relatedTarget)) self.close();
    });
    document.addEventListener('click', function (event) {
      if (!self.form.contains(event.target)) self.close();
    });
  };

  Search.prototype.key = function (event) {
    var count = this.shown.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!count) return;
        event.preventDefault();
        this.show(true);
        var step = event.key === 'ArrowDown' ? 1 : -1;
        this.select(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count);
        break;
      case 'Enter':
        if (this.active >= 0) {
          event.preventDefault();
          this.open(this.shown[this.active]);
        }
        break;
      case 'Escape':
        if (this.input.getAttribute('aria-expanded') === 'true') {
          this.close();
        } else {
          this.input.value = '';
          this.clear();
        }
        event.preventDefault();
        break;
      default:
    }
  };

  Search.prototype.select = function (index) {
    var options = this.listbox.querySelectorAll('[role="option"]');
    for (var i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', String(i === index));
    this.active = index;
    if (index >= 0 && options[index]) {
      this.input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  };

  Search.prototype.open = function (result) {
    if (result) window.location.href = new URL(result.url, this.root).href;
  };

  Search.prototype.show = function (open) {
    this.panel.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
  };

  Search.prototype.close = function () {
    this.show(false);
    this.select(-1);
  };

  Search.prototype.clear = function () {
    this.results = null;
    this.shown = [];
    this.listbox.textContent = '';
    this.chips.textContent = '';
    this.more.hidden = true;
    this.showSuggestion(null);
    this.say('');
    this.close();
  };

  Search.prototype.say = function (text) {
    this.status.textContent = text;
  };

  Search.prototype.run = function () {
    var self = this, query = this.input.value.trim(), sequence = ++this.sequence;
    if (!query) return this.clear();
    var slow = setTimeout(function () { self.say(self.text('loading')); }, 300);
    this.ready().then(function (engine) {
      var started = performance.now();
      return engine.search(query).then(function (found) {
        clearTimeout(slow);
        if (sequence !== self.sequence) return;
        self.lastSearchMs = performance.now() - started;
        self.query = query;
        self.results = found;
        self.filter = null;
        self.render(PAGE_SIZE);
      });
    }).catch(function (error) {
      clearTimeout(slow);
      self.say(self.text('error'));
      if (window.console) window.console.error(error);
    });
  };

  /* The ranked pages under the chosen collection filter. */
  Search.prototype.filtered = function () {
    var filter = this.filter, engine = this.engineNow;
    return this.results.results.filter(function (r) {
      return filter === null || engine.collectionOf(r.doc) === filter;
    });
  };

  /* The next results; a result from the heads of long lists alone (`partial`: its first
   * results are right, the rest and the count may grow) is completed first. */
  Search.prototype.showMore = function () {
    var self = this, sequence = this.sequence, limit = this.shown.length + PAGE_SIZE;
    if (!this.results.partial) return this.render(limit);
    this.say(this.text('loading'));
    this.ready().then(function (engine) {
      return engine.complete(self.results).then(function (found) {
        if (sequence !== self.sequence) return;
        self.results = found;
        self.render(limit);
      });
    });
  };

  Search.prototype.render = function (limit) {
    var self = this, sequence = this.sequence;
    this.ready().then(function (engine) {
      self.engineNow = engine;
      var all = self.filtered();
      var ids = all.slice(0, limit).map(function (r) { return r.doc; });
      return engine.docs(ids).then(function (docs) {
        if (sequence !== self.sequence) return;
        var partial = self.results.partial;
        // The counts of a partial result are not the whole site's: no filter until complete.
        if (partial) self.chips.textContent = ''; else self.renderChips(engine);
        self.renderList(docs, engine);
        self.more.hidden = !partial && all.length <= docs.length;
        var total = all.length;
        var suggestion = total ? null : self.results.suggestion;
        self.showSuggestion(suggestion);
        var count = partial ? 'atleast' : total === 1 ? 'one' : 'many';
        self.say(total ? self.text(count, total) :
          suggestion ? self.text('suggest', suggestion) : self.text('none'));
        self.show(true);
        // Tests and benchmarks wait for this.
        self.form.setAttribute('data-search-done', self.query);
      });
    });
  };

  Search.prototype.showSuggestion = function (suggestion) {
    this.suggestion.hidden = !suggestion;
    this.suggestionLink.textContent = suggestion || '';
    var href = new URL(this.form.getAttribute('action'), document.baseURI);
    href.searchParams.set('q', suggestion || '');
    this.suggestionLink.href = href.href;
  };

  Search.prototype.renderChips = function (engine) {
    var self = this, counts = new Map();
    this.results.results.forEach(function (r) {
      var c = engine.collectionOf(r.doc);
      counts.set(c, (counts.get(c) || 0) + 1);
    });
    this.chips.textContent = '';
    if (counts.size < 2) return;
    var chips = [[null, this.text('all'), this.results.results.length]];
    Array.from(counts.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
      .forEach(function (e) { chips.push([e[0], engine.meta.collections[e[0]], e[1]]); });
    chips.forEach(function (chip) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'lots-search__chip';
      button.setAttribute('aria-pressed', String(self.filter === chip[0]));
      button.textContent = chip[1] + ' (' + chip[2] + ')';
      button.addEventListener('click', function () {
        self.filter = chip[0];
        self.render(PAGE_SIZE);
      });
      self.chips.appendChild(button);
    });
  };

  Search.prototype.renderList = function (docs, engine) {
    var self = this;
    this.listbox.textContent = '';
    this.shown = docs;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    var marker = new Marker(engine.pipeline, this.results);
    docs.forEach(function (doc, i) {
      var option = document.createElement('li');
      option.id = self.listbox.id + '-' + i;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.setAttribute('data-index', String(i));
      option.setAttribute('data-url', doc.url);
      option.className = 'lots-search__result';
      var title = document.createElement('span');
      title.className = 'lots-search__title';
      marker.fill(title, doc.title);
      var collection = document.createElement('span');
      collection.className = 'lots-search__collection';
      collection.textContent = engine.meta.collections[doc.collection] || '';
      var snippet = document.createElement('span');
      snippet.className = 'lots-search__snippet';
      marker.fill(snippet, marker.window(doc.snippet, SNIPPET_CHARS));
      option.appendChild(title);
      option.appendChild(collection);
      option.appendChild(snippet);
      self.listbox.appendChild(option);
    });
  };

  /* Finds the words of a text that the query matched, for <mark>. */
  function Marker(pipeline, found) {
    this.pipeline = pipeline;
    this.keys = found.matched;
    this.typed = found.typed.filter(function (t) { return t.length > 1; });
  }

  Marker.prototype.hits = function (word) {
    var P = this.pipeline, lower = word.toLowerCase(), folded = P.fold(lower);
    if (this.keys.has(folded) || this.keys.has(P.fold(P.stem(lower)))) return true;
    var self = this;
    return this.typed.some(function (t) { return folded.startsWith(t); }) ||
      Array.from(this.keys).some(function (k) {
        // A compound's part (symbol in hatsymboler), or a completion of what was typed.
        return k.length >= 3 && (folded.indexOf(k) > 0 ||
          (folded.startsWith(k) && self.typed.some(function (t) { return k.startsWith(t); })));
      });
  };

  Marker.prototype.ranges = function (text) {
    var out = [], word = /[\p{Alphabetic}\p{N}]+/gu, m;
    while ((m = word.exec(text))) {
      if (this.hits(m[0])) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  };

  /* About `size` characters of `text`, starting a little before its first hit. */
  Marker.prototype.window = function (text, size) {
    if (text.length <= size) return text;
    var first = this.ranges(text)[0];
    var start = first ? Math.max(0, first[0] - 40) : 0;
    if (start > 0) {
      var space = text.indexOf(' ', start);
      start = space >= 0 && space < first[0] ? space + 1 : start;
    }
    var end = Math.min(text.length, start + size);
    var cut = text.lastIndexOf(' ', end);
    if (end < text.length && cut > start + size / 2) end = cut;
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
  };

  Marker.prototype.fill = function (element, text) {
    var at = 0;
    this.ranges(text).forEach(function (r) {
      if (r[0] > at) element.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(r[0], r[1]);
      element.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) element.appendChild(document.createTextNode(text.slice(at)));
  };

  function start() {
    var forms = document.querySelectorAll('form[data-lots-search]');
    for (var i = 0; i < forms.length; i++) forms[i].lotsSearch = new Search(forms[i]);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
