// The editor's page under `lots serve --edit`, loaded as an ES module: builds a form from the
// page data the server put in #lots-edit-data (the collection's schema, the values, the
// body), shows the page as the site renders it in a sandboxed frame, and saves through the
// server's JSON API. Plain DOM, no framework and nothing from outside this server; text from
// the page is always set as text, never parsed as HTML. The parts, each in its own module:
// editor-base.js (shared state and helpers), editor-fields.js and editor-rows.js (the form),
// editor-body.js (the text, link picker, images), editor-problems.js (preview and errors),
// editor-save.js (save, conflict, uploads).

import { data, state, ui, el, isNew, payload, say } from './editor-base.js';
import { renderFields } from './editor-fields.js';
import { buildBody } from './editor-body.js';
import { preview } from './editor-problems.js';
import { save } from './editor-save.js';

function start() {
  const what = data.collection ? data.collection.title : null;
  document.getElementById('edit-heading').textContent = isNew
    ? `Ny sida${what ? ` i ${what}` : ''}`
    : `Redigera: ${data.values.title || data.key}`;
  const nav = document.getElementById('edit-nav');
  if (data.url) nav.append(el('a', { href: data.url, text: 'Visa sidan' }));
  ui.summary = el('div', { class: 'edit-summary', id: 'edit-summary', role: 'alert', hidden: true });
  ui.statusLine = el('p', { class: 'edit-message', role: 'status' });
  ui.alertLine = el('p', { class: 'edit-message edit-message--error', role: 'alert' });
  ui.fieldsBox = el('div', { class: 'edit-fields' });
  ui.frame = el('iframe', { class: 'edit-preview__frame', title: 'Förhandsvisning av sidan', sandbox: 'allow-same-origin' });
  ui.frameNote = el('p', { class: 'edit-hint', role: 'status' });
  const form = el('form', { class: 'edit-form', novalidate: true, 'aria-labelledby': 'edit-heading' },
    el('h2', { class: 'visually-hidden', text: 'Uppgifter' }), ui.fieldsBox, buildBody(),
    el('div', { class: 'edit-actions edit-save' },
      el('button', { type: 'submit', class: 'edit-button', text: isNew ? 'Skapa sidan' : 'Spara' }),
      ui.statusLine, ui.alertLine));
  form.addEventListener('submit', (event) => { event.preventDefault(); save(); });
  renderFields();
  ui.app.append(ui.summary, el('section', { id: 'edit-conflict', class: 'edit-conflict', hidden: true, 'aria-labelledby': 'edit-conflict-heading' }),
    el('div', { class: 'edit-layout' }, form,
      el('section', { class: 'edit-preview', 'aria-labelledby': 'edit-preview-heading' },
        el('h2', { id: 'edit-preview-heading', text: 'Förhandsvisning' }), ui.frameNote, ui.frame)));
  if (new URLSearchParams(location.search).has('sparat')) {
    say('Sparat.', false, data.url ? { href: data.url, text: 'Visa sidan' } : null);
  }
  window.addEventListener('beforeunload', (event) => {
    if (state.dirty) event.preventDefault();
  });
  preview();
}

// For the browser tests: the state and what would be sent.
window.lotsEdit = { state, data, payload };
start();
