// The page's text: the Markdown textarea with the caret's line, the link picker (a searchable
// list of the site's pages) and the image upload, both inserting at the caret.

import { API, data, state, ui, el, describe } from './editor-base.js';
import { changed } from './editor-problems.js';
import { canUpload, uploadHint } from './editor-fields.js';
import { upload } from './editor-save.js';

/** Puts `text` in place of the body's selection and leaves the caret at `caret` within it. */
function insertIntoBody(text, caret = text.length) {
  const { bodyArea } = ui;
  const start = bodyArea.selectionStart;
  bodyArea.setRangeText(text, start, bodyArea.selectionEnd, 'end');
  bodyArea.focus();
  bodyArea.setSelectionRange(start + caret, start + caret);
  changed();
}

export function buildBody() {
  const bodyArea = el('textarea', { id: 'edit-body', class: 'edit-body', rows: 20, spellcheck: true }, state.body);
  ui.bodyArea = bodyArea;
  ui.bodyErrors = el('ul', { class: 'edit-body__errors', id: 'edit-body-errors' });
  const caretLine = el('p', { class: 'edit-hint', id: 'edit-body-line', text: 'Markören står på rad 1.' });
  const where = () => {
    const line = bodyArea.value.slice(0, bodyArea.selectionStart).split('\n').length;
    caretLine.textContent = `Markören står på rad ${line}.`;
  };
  bodyArea.addEventListener('input', () => { where(); changed(); });
  for (const name of ['keyup', 'click']) bodyArea.addEventListener(name, where);
  describe(bodyArea, ['edit-body-hint', 'edit-body-line']);
  const imageId = 'edit-image';
  const images = (data.upload_extensions || []).filter((e) => /^(svg|png|jpe?g|webp|gif|avif)$/i.test(e));
  const image = el('input', {
    type: 'file', id: imageId, accept: images.map((e) => '.' + e).join(',') || null, disabled: !canUpload(),
  });
  image.addEventListener('change', async () => {
    const name = await upload(image.files[0]);
    image.value = '';
    // The caret goes between the brackets: the image's alternative text is typed there.
    if (name) insertIntoBody(`![](${name})`, 2);
  });
  return el('div', { class: 'edit-field edit-bodybox' },
    el('label', { for: 'edit-body', text: 'Sidans text (Markdown)' }),
    el('p', { class: 'edit-hint', id: 'edit-body-hint', text: 'Rubriker med ##, listor med -, länkar med [text](adress).' }),
    el('div', { class: 'edit-toolbar' }, linkPicker(),
      el('div', { class: 'edit-toolbar__upload' },
        el('label', { for: imageId, text: 'Ladda upp en bild till texten' }), image,
        canUpload() ? null : el('p', { class: 'edit-hint', text: uploadHint() }))),
    bodyArea, caretLine, ui.bodyErrors);
}

/** A searchable list of the site's pages; choosing one inserts a link to it at the caret. */
function linkPicker() {
  const panel = el('div', { class: 'edit-picker', id: 'edit-picker', hidden: true });
  const toggle = el('button', {
    type: 'button', class: 'edit-button edit-button--secondary', text: 'Infoga länk till en sida',
    'aria-expanded': 'false', 'aria-controls': 'edit-picker',
  });
  const search = el('input', { type: 'search', id: 'edit-picker-search', autocomplete: 'off' });
  const count = el('p', { class: 'edit-hint', id: 'edit-picker-count', role: 'status' });
  const results = el('ul', { class: 'edit-picker__results' });
  let pages = null;
  const show = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const hits = (pages || []).filter((p) => words.every((w) => `${p.title} ${p.url || ''} ${p.key}`.toLowerCase().includes(w)));
    count.textContent = pages === null ? 'Hämtar sidorna …' : `${hits.length} sidor`;
    results.replaceChildren(...hits.slice(0, 50).map((p) => el('li', {}, el('button', {
      type: 'button', class: 'edit-picker__page',
      onclick: () => { close(); insertIntoBody(`[${p.title}](${p.link})`); },
    }, el('span', { text: p.title }), ' ', el('span', { class: 'edit-picker__url', text: p.url || p.key })))));
  };
  const close = () => { panel.hidden = true; toggle.setAttribute('aria-expanded', 'false'); };
  toggle.addEventListener('click', async () => {
    if (!panel.hidden) { close(); return; }
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    search.focus();
    if (pages === null) {
      show();
      try {
        const response = await fetch(API + 'pages');
        pages = response.ok ? await response.json() : [];
      } catch { pages = []; }
    }
    show();
  });
  search.addEventListener('input', show);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { close(); toggle.focus(); }
  });
  panel.append(el('label', { for: search.id, text: 'Sök sida att länka till' }), search, count, results);
  return el('div', { class: 'edit-toolbar__link' }, toggle, panel);
}
