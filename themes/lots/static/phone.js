// Phone-sized helpers, each an enhancement of markup that works without JavaScript:
// - the header's menu link (which opens the navigation by :target) becomes a disclosure
//   button with aria-expanded;
// - task lists in a page's text (`- [ ] …` in Markdown) become checklists to tick, each box
//   labelled by its item's text, the ticks kept in this browser (localStorage) per page and
//   item. Without JavaScript they stay plain lists.
(function () {
  'use strict';

  function menu() {
    var link = document.querySelector('[data-menu-button]');
    var nav = document.getElementById('lots-menu');
    if (!link || !nav) return;
    var header = link.closest('.site-header') || document.body;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', 'lots-menu');
    link.replaceWith(button);
    header.classList.add('has-menu-script');
    function set(open) {
      header.classList.toggle('is-menu-open', open);
      button.setAttribute('aria-expanded', String(open));
    }
    button.addEventListener('click', function () {
      set(button.getAttribute('aria-expanded') !== 'true');
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        set(false);
        button.focus();
      }
    });
  }

  function storage() {
    try {
      var probe = 'lots-probe';
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null; // private mode or storage off: the boxes still tick, for this visit
    }
  }

  function checklists() {
    // The build writes each box disabled inside a label with its line of text
    // (src/markdown/tasks.rs): here it becomes a box to tick, remembered per page.
    var boxes = document.querySelectorAll('.content .task__label > .task__box[disabled]');
    if (!boxes.length) return;
    var store = storage();
    // texts.js has the note; a site's own template may set it on a script instead.
    var script = document.querySelector('script[data-text-checklist]');
    var saved = script ? script.getAttribute('data-text-checklist') : (window.lotsTexts || {}).checklist;
    var seen = {};
    var lists = [];
    boxes.forEach(function (box) {
      var text = box.parentElement.querySelector('.task__text');
      box.disabled = false;
      box.removeAttribute('disabled');
      var item = box.closest('li');
      item.classList.add('task');
      var list = item.parentElement;
      if (lists.indexOf(list) < 0) {
        list.classList.add('task-list');
        lists.push(list);
      }
      // Keyed by page and the item's text, so a reordered list keeps its ticks.
      var key = 'lots-checklist:' + location.pathname + ':' + text.textContent.replace(/\s+/g, ' ').trim();
      seen[key] = (seen[key] || 0) + 1;
      if (seen[key] > 1) key += ':' + seen[key];
      if (store) {
        var kept = store.getItem(key);
        if (kept !== null) box.checked = kept === '1';
      }
      box.addEventListener('change', function () {
        if (store) store.setItem(key, box.checked ? '1' : '0');
      });
    });
    if (saved) {
      var note = document.createElement('p');
      note.className = 'task-note';
      note.textContent = saved;
      lists[lists.length - 1].insertAdjacentElement('afterend', note);
    }
  }

  function start() {
    menu();
    checklists();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
