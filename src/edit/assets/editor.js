// The editor's page under `lots serve --edit`: builds a form from the page data the server put
// in #lots-edit-data (the collection's schema, the values, the body), shows the page as the site
// renders it in a sandboxed frame, and saves through the server's JSON API. Plain DOM, no
// framework and nothing from outside this server; text from the page is always set as text,
// never parsed as HTML.
'use strict';

(() => {
  const API = '/__lots/edit/api/';
  const data = JSON.parse(document.getElementById('lots-edit-data').textContent);
  const token = document.querySelector('meta[name="lots-edit-token"]').content;
  const isNew = data.key === null || data.key === undefined;
  const state = {
    values: clone(data.values || {}),
    body: data.body || '',
    version: data.version,
    files: [...(data.files || [])],
    problems: [],
    shownErrors: '',
    // A new page starts empty, so all its required fields are missing: its errors are shown
    // from the first try to save on, not before anything was typed.
    showErrors: !isNew,
    dirty: false,
  };
  // Where each problem's `field` is shown: path → {control, host, label}.
  const targets = new Map();
  const fileSelects = [];
  const app = document.getElementById('edit-app');
  let bodyArea;
  let bodyErrors;
  let summary;
  let statusLine;
  let alertLine;
  let frame;
  let frameNote;

  function clone(value) {
    return JSON.parse(JSON.stringify(value));
  }

  /** An element with attributes (`text` sets its text, `on*` functions become listeners). */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name in node && typeof value !== 'string') node[name] = value;
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  /** `node.append` without the absent parts. */
  function put(node, ...children) {
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  const idFor = (path) => 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');
  const describe = (node, ids) => {
    const all = ids.filter(Boolean).join(' ');
    if (all) node.setAttribute('aria-describedby', all);
    else node.removeAttribute('aria-describedby');
    node.dataset.describedby = all;
  };

  function labelText(field) {
    return field.label + (field.required ? ' (obligatoriskt)' : '');
  }

  function labelOf(name) {
    const field = (data.fields || []).find((f) => f.name === name);
    return field ? field.label : name;
  }

  /** The hint under a field: its description and what it requires. */
  function hint(field, id) {
    const parts = [];
    if (field.description) parts.push(field.description);
    if (field.requires && field.requires.length) {
      parts.push(`Fylls fältet i måste även ${field.requires.map(labelOf).join(', ')} fyllas i.`);
    }
    return parts.length ? el('p', { class: 'edit-hint', id: id + '-hint', text: parts.join(' ') }) : null;
  }

  function changed() {
    state.dirty = true;
    schedulePreview();
  }

  // ---- Fields ----------------------------------------------------------------------------

  /** One field of any type; `get`/`set` read and write its value in the page's values. */
  function buildField(field, path, get, set) {
    if (field.type === 'list') return buildList(field, path, get, set);
    if (field.type === 'records') return buildRecords(field, path, get, set);
    const id = idFor(path);
    const help = hint(field, id);
    const control = scalarControl(field, id, get, set);
    describe(control, [help && help.id]);
    if (field.required) control.setAttribute('aria-required', 'true');
    const box = el('div', { class: `edit-field edit-field--${field.type}` });
    if (field.type === 'bool') {
      put(box, el('div', { class: 'edit-check' }, control, el('label', { for: id, text: labelText(field) })), help);
    } else {
      put(box, el('label', { for: id, text: labelText(field) }), help);
      if (field.type === 'file') box.append(fileRow(field, control, set));
      else box.append(control);
    }
    targets.set(path, { control, host: box, label: field.label });
    return box;
  }

  function scalarControl(field, id, get, set) {
    const value = get();
    const text = value === null || value === undefined ? '' : String(value);
    const onchange = (event) => {
      const node = event.target;
      if (field.type === 'bool') set(node.checked ? true : (value === false ? false : null));
      else set(node.value);
      changed();
    };
    switch (field.type) {
      case 'longtext':
        return el('textarea', { id, name: id, rows: 4, oninput: onchange }, text);
      case 'bool':
        return el('input', { id, type: 'checkbox', checked: value === true, onchange });
      case 'enum':
      case 'file': {
        const select = el('select', { id, onchange });
        fillOptions(select, field, text);
        if (field.type === 'file') fileSelects.push({ select, field });
        return select;
      }
      default: {
        // A date the date input cannot hold (a time, a typo) stays a text box so nothing is lost.
        const dateOk = field.type !== 'date' || text === '' || /^\d{4}-\d{2}-\d{2}$/.test(text);
        const types = { number: 'number', date: 'date', url: 'url', email: 'email', phone: 'tel' };
        const type = dateOk ? types[field.type] || 'text' : 'text';
        const input = el('input', { id, type, value: text, oninput: onchange });
        if (type === 'number') input.step = 'any';
        if (type === 'email') input.autocomplete = 'off';
        return input;
      }
    }
  }

  /** An enum's values, or the bundle's files with the field's extensions; the current value
   * stays an option even when it is not allowed, so it is not silently dropped. */
  function fillOptions(select, field, current) {
    let options = field.values || [];
    if (field.type === 'file') {
      const exts = (field.extensions || []).map((e) => e.toLowerCase());
      options = state.files.filter((f) => !exts.length || exts.includes(f.split('.').pop().toLowerCase()));
    }
    if (current && !options.includes(current)) options = [current, ...options];
    select.replaceChildren(el('option', { value: '', text: '– välj –' }));
    for (const option of options) select.append(el('option', { value: option, text: option }));
    select.value = current;
  }

  function fileRow(field, select, set) {
    const id = select.id + '-upload';
    const accept = (field.extensions || []).map((e) => '.' + e).join(',');
    const input = el('input', { type: 'file', id, accept: accept || null, disabled: !canUpload() });
    input.addEventListener('change', async () => {
      const name = await upload(input.files[0]);
      input.value = '';
      if (!name) return;
      set(name);
      fillOptions(select, field, name);
      changed();
    });
    return el('div', { class: 'edit-file' }, select,
      el('label', { for: id, class: 'edit-file__upload', text: `Ladda upp en ny fil till ${field.label}` }), input,
      canUpload() ? null : el('p', { class: 'edit-hint', text: uploadHint() }));
  }

  function canUpload() {
    return !isNew && data.bundle !== false;
  }

  function uploadHint() {
    return isNew
      ? 'Spara sidan först, sedan kan du ladda upp filer till den.'
      : 'Filer kan bara laddas upp till en sida som har en egen mapp (index.md).';
  }

  function refreshFileSelects() {
    for (const { select, field } of fileSelects) fillOptions(select, field, select.value);
  }

  /** A list of texts: a row per item with a remove button, and an add button. */
  function buildList(field, path, get, set) {
    const id = idFor(path);
    const help = hint(field, id);
    const box = el('fieldset', { class: 'edit-field edit-list', id: id + '-group' });
    put(box, el('legend', { text: labelText(field) }), help);
    const rows = el('ul', { class: 'edit-list__rows' });
    const items = () => (Array.isArray(get()) ? get().map((v) => (v === null ? '' : String(v))) : []);
    const render = (focusIndex) => {
      rows.replaceChildren();
      items().forEach((value, index) => {
        const input = el('input', {
          id: `${id}-${index}`, type: 'text', value,
          oninput: () => { const all = items(); all[index] = input.value; set(all); changed(); },
        });
        const label = el('label', { for: input.id, class: 'visually-hidden', text: `${field.label}, rad ${index + 1}` });
        const remove = el('button', {
          type: 'button', class: 'edit-button edit-button--small', text: 'Ta bort',
          'aria-label': `Ta bort ${field.label}, rad ${index + 1}`,
          onclick: () => { const all = items(); all.splice(index, 1); set(all); render(Math.max(0, index - 1)); changed(); },
        });
        targets.set(`${path}/${index}`, { control: input, host: rows, label: `${field.label}, rad ${index + 1}` });
        rows.append(el('li', {}, label, input, remove));
      });
      const inputs = rows.querySelectorAll('input');
      if (focusIndex !== undefined) (inputs[focusIndex] || add).focus();
    };
    const add = el('button', {
      type: 'button', class: 'edit-button edit-button--secondary', text: `Lägg till ${field.label.toLowerCase()}`,
      onclick: () => { const all = items(); all.push(''); set(all); render(all.length - 1); changed(); },
    });
    render();
    box.append(rows, add);
    describe(box, [help && help.id]);
    targets.set(path, { control: box, focus: () => (rows.querySelector('input') || add).focus(), host: box, label: field.label });
    return box;
  }

  /** A table of records (a plan's activities): a fieldset per row with its fields and
   * buttons to move it up or down or remove it, and a button adding a row. */
  function buildRecords(field, path, get, set) {
    const id = idFor(path);
    const help = hint(field, id);
    const box = el('fieldset', { class: 'edit-field edit-records', id: id + '-group' });
    const rows = el('div', { class: 'edit-records__rows' });
    const list = () => (Array.isArray(get()) ? get() : []);
    const noun = field.label.toLowerCase();
    const render = (focus) => {
      rows.replaceChildren();
      for (const key of [...targets.keys()]) if (key.startsWith(path + '/')) targets.delete(key);
      list().forEach((row, index) => rows.append(recordRow(field, path, row, index, list, set, render)));
      if (focus) (rows.querySelector(focus) || add).focus();
    };
    const add = el('button', {
      type: 'button', class: 'edit-button edit-button--secondary', text: `Lägg till en rad i ${noun}`,
      onclick: () => {
        const all = list().slice();
        all.push({});
        set(all);
        render(`#${id}-${all.length - 1} input, #${id}-${all.length - 1} select`);
        changed();
      },
    });
    put(box, el('legend', { text: labelText(field) }), help, rows, add);
    render();
    describe(box, [help && help.id]);
    targets.set(path, { control: box, focus: () => (rows.querySelector('input, select') || add).focus(), host: box, label: field.label });
    return box;
  }

  function recordRow(field, path, row, index, list, set, render) {
    const id = idFor(path);
    const count = list().length;
    const name = `Rad ${index + 1}${row.id ? ` (${row.id})` : ''}`;
    const box = el('fieldset', { class: 'edit-record', id: `${id}-${index}` }, el('legend', { text: name }));
    for (const sub of field.fields || []) {
      const subPath = `${path}/${index}/${sub.name}`;
      box.append(buildField(sub, subPath, () => row[sub.name], (v) => { row[sub.name] = v; }));
    }
    const move = (to, focusClass) => () => {
      const all = list().slice();
      const [moved] = all.splice(index, 1);
      all.splice(to, 0, moved);
      set(all);
      render(`#${id}-${to} .${focusClass}`);
      changed();
    };
    const button = (text, cls, onclick, disabled) => el('button', {
      type: 'button', class: `edit-button edit-button--small ${cls}`, text, onclick, disabled,
      'aria-label': `${text}: ${field.label.toLowerCase()}, ${name.toLowerCase()}`,
    });
    box.append(el('div', { class: 'edit-record__actions' },
      button('Flytta upp', 'edit-up', move(index - 1, 'edit-up'), index === 0),
      button('Flytta ned', 'edit-down', move(index + 1, 'edit-down'), index === count - 1),
      button('Ta bort raden', 'edit-remove', () => {
        const all = list().slice();
        all.splice(index, 1);
        set(all);
        render(`#${id}-${Math.max(0, index - 1)} .edit-remove`);
        changed();
      })));
    return box;
  }

  // ---- The values sent to the server -----------------------------------------------------

  /** The form's values as the server reads them: empty means absent, numbers as numbers. */
  function normalise(field, value) {
    if (value === undefined) return null;
    switch (field.type) {
      case 'list':
        return Array.isArray(value) ? value.filter((v) => String(v ?? '').trim() !== '') : value;
      case 'records':
        if (!Array.isArray(value)) return value;
        return value.map((row) => {
          const out = { ...row };
          for (const sub of field.fields || []) {
            const v = normalise(sub, row[sub.name]);
            if (v === null) delete out[sub.name];
            else out[sub.name] = v;
          }
          return out;
        });
      case 'number':
        if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
        return value === '' ? null : value;
      default:
        return value === '' ? null : value;
    }
  }

  function payload() {
    const values = {};
    for (const field of data.fields || []) values[field.name] = normalise(field, state.values[field.name]);
    return { key: data.key ?? null, section: data.section, values, body: bodyArea.value };
  }

  async function post(route, body, headers = { 'Content-Type': 'application/json' }) {
    try {
      const response = await fetch(API + route, {
        method: 'POST',
        headers: { 'X-Lots-Token': token, ...headers },
        body: headers['Content-Type'] === 'application/json' ? JSON.stringify(body) : body,
      });
      let json = null;
      try { json = await response.json(); } catch { json = null; }
      return { status: response.status, json: json || {} };
    } catch {
      return { status: 0, json: { message: 'Servern svarar inte. Är lots serve --edit fortfarande igång?' } };
    }
  }

  async function upload(file) {
    if (!file) return null;
    const query = `upload?key=${encodeURIComponent(data.key)}&name=${encodeURIComponent(file.name)}`;
    say(`Laddar upp ${file.name} …`);
    const { status, json } = await post(query, file, { 'Content-Type': file.type || 'application/octet-stream' });
    if (status !== 200) {
      const why = { 413: 'Filen är för stor (högst 20 MB).', 415: 'Den filtypen får inte laddas upp här.' }[status];
      say(json.message || why || `Uppladdningen misslyckades (${status}).`, true);
      return null;
    }
    if (!state.files.includes(json.file)) state.files.push(json.file);
    refreshFileSelects();
    say(`${json.file} är uppladdad.`);
    return json.file;
  }

  /** A message under the save button: errors go to an alert region, the rest to a status. */
  function say(text, isError = false, link = null) {
    const [shown, other] = isError ? [alertLine, statusLine] : [statusLine, alertLine];
    other.replaceChildren();
    shown.replaceChildren(text);
    if (link) shown.append(' ', el('a', { href: link.href, text: link.text }));
  }

  // ---- The body, the link picker and images -------------------------------------------

  /** Puts `text` in place of the body's selection and leaves the caret at `caret` within it. */
  function insertIntoBody(text, caret = text.length) {
    const start = bodyArea.selectionStart;
    bodyArea.setRangeText(text, start, bodyArea.selectionEnd, 'end');
    bodyArea.focus();
    bodyArea.setSelectionRange(start + caret, start + caret);
    changed();
  }

  function buildBody() {
    bodyArea = el('textarea', { id: 'edit-body', class: 'edit-body', rows: 20, spellcheck: true }, state.body);
    bodyErrors = el('ul', { class: 'edit-body__errors', id: 'edit-body-errors' });
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
      bodyArea, caretLine, bodyErrors);
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

  function goToBodyLine(line) {
    const lines = bodyArea.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    bodyArea.focus();
    bodyArea.setSelectionRange(start, start + (lines[line - 1] || '').length);
    const height = parseFloat(getComputedStyle(bodyArea).lineHeight) || 20;
    bodyArea.scrollTop = Math.max(0, (line - 3) * height);
    bodyArea.dispatchEvent(new Event('click'));
  }

  // ---- Preview and problems --------------------------------------------------------------

  let previewTimer;
  let previewRun = 0;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 300);
  }

  async function preview() {
    const run = ++previewRun;
    const { status, json } = await post('preview', payload());
    if (run !== previewRun) return; // a newer preview is on its way
    if (status !== 200) {
      frameNote.textContent = json.message || `Förhandsvisningen misslyckades (${status}).`;
      return;
    }
    showProblems(json.problems || []);
    if (typeof json.html === 'string') {
      frameNote.textContent = '';
      let scroll = 0;
      try { scroll = frame.contentWindow.scrollY; } catch { scroll = 0; }
      frame.addEventListener('load', () => {
        try { frame.contentWindow.scrollTo(0, scroll); } catch { /* nothing to keep */ }
      }, { once: true });
      frame.srcdoc = json.html;
    } else {
      frameNote.textContent = frame.srcdoc
        ? 'Förhandsvisningen visar den senaste versionen utan fel.'
        : 'Förhandsvisningen visas när sidan inte har några fel.';
    }
  }

  /** Where a problem's field is shown: the field itself, else the nearest enclosing one. */
  function targetFor(field) {
    if (!field) return null;
    // Tags live in `taxonomies: {tags: [...]}` in the file and in the form's `tags` field.
    let path = field.replace(/^taxonomies(\/tags)?(?=\/|$)/, 'tags');
    while (path) {
      if (targets.has(path)) return targets.get(path);
      path = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    }
    return null;
  }

  function clearProblems() {
    for (const node of app.querySelectorAll('.edit-error')) node.remove();
    for (const node of app.querySelectorAll('[aria-invalid]')) {
      node.removeAttribute('aria-invalid');
      describe(node, (node.dataset.describedby || '').split(' ').filter((id) => !id.startsWith('err-')));
    }
    bodyErrors.replaceChildren();
  }

  function showProblems(problems) {
    state.problems = problems;
    clearProblems();
    if (!state.showErrors) return;
    const items = [];
    problems.forEach((problem, index) => {
      const kind = problem.severity === 'warning' ? 'Varning' : 'Fel';
      const id = `err-${index}`;
      const target = targetFor(problem.field);
      if (problem.body_line) {
        bodyErrors.append(el('li', { id, class: `edit-error edit-error--${problem.severity}` },
          el('button', { type: 'button', class: 'edit-linkbutton', text: `Rad ${problem.body_line}`, onclick: () => goToBodyLine(problem.body_line) }),
          `: ${kind.toLowerCase()}, ${problem.message}`));
        markInvalid(bodyArea, id, problem);
        items.push({ problem, text: `Texten, rad ${problem.body_line}: ${problem.message}`, href: '#edit-body', go: () => goToBodyLine(problem.body_line) });
      } else if (target) {
        const note = el('p', { id, class: `edit-error edit-error--${problem.severity}`, text: `${kind}: ${problem.message}` });
        if (target.host === target.control) target.host.querySelector('legend').after(note);
        else target.control.before(note);
        markInvalid(target.control, id, problem);
        const go = () => (target.focus ? target.focus() : target.control.focus());
        items.push({ problem, text: `${target.label}: ${problem.message}`, href: '#' + (target.control.id || ''), go });
      } else {
        const where = problem.line ? ` (rad ${problem.line} i filen)` : '';
        items.push({ problem, text: `${problem.message}${where}` });
      }
    });
    showSummary(items);
  }

  function markInvalid(node, id, problem) {
    if (problem.severity !== 'warning') node.setAttribute('aria-invalid', 'true');
    describe(node, [...(node.dataset.describedby || '').split(' '), id]);
  }

  /** The summary at the top: errors first, a link to each; rebuilt only when it changes so a
   * screen reader does not repeat it on every key press. */
  function showSummary(items, force = false) {
    const errors = items.filter((i) => i.problem.severity !== 'warning');
    const warnings = items.filter((i) => i.problem.severity === 'warning');
    const key = JSON.stringify(items.map((i) => i.text));
    if (key === state.shownErrors && !force) return;
    state.shownErrors = key;
    summary.replaceChildren();
    const list = (group) => el('ul', {}, ...group.map((item) => el('li', {}, item.go
      ? el('a', { href: item.href, text: item.text, onclick: (e) => { e.preventDefault(); item.go(); } })
      : item.text)));
    if (errors.length) {
      summary.append(el('h2', { id: 'edit-summary-heading', tabindex: '-1', text: 'Sidan har fel' }),
        el('p', { text: 'Sidan kan inte sparas förrän felen är rättade.' }), list(errors));
    }
    if (warnings.length) summary.append(el('h2', { text: 'Varningar' }), list(warnings));
    summary.classList.toggle('edit-summary--errors', errors.length > 0);
    summary.hidden = items.length === 0;
  }

  // ---- Saving and conflicts --------------------------------------------------------------

  async function save() {
    clearTimeout(previewTimer);
    previewRun += 1; // a preview still on its way must not replace what the save reports
    say('Sparar …');
    const { status, json } = await post('save', { ...payload(), version: state.version ?? null });
    if (status === 200) return saved(json);
    if (status === 422) {
      state.showErrors = true;
      showProblems(json.problems || []);
      say('Sidan sparades inte: den har fel. Din text finns kvar.', true);
      const heading = document.getElementById('edit-summary-heading');
      if (heading) heading.focus();
      return;
    }
    if (status === 409) return conflict(json);
    say(json.message || `Sidan sparades inte (${status}).`, true);
  }

  function saved(json) {
    state.dirty = false;
    const here = `/__lots/edit/page?key=${encodeURIComponent(json.key || data.key)}`;
    if (isNew || (json.key && json.key !== data.key)) {
      // A new page gets its own address: edit it there, where uploads work.
      location.assign(`${here}&sparat=1`);
      return;
    }
    if (!json.version) {
      // Without the new version the next save would look like a conflict: start afresh.
      location.replace(`${here}&sparat=1`);
      return;
    }
    state.version = json.version;
    const time = new Date().toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit' });
    say(`Sparat kl. ${time}.`, false, json.url ? { href: json.url, text: 'Visa sidan' } : null);
    schedulePreview();
  }

  /** Your version as a readable file, to set beside the disk's. */
  function yourText() {
    const { values, body } = payload();
    const lines = Object.entries(values).filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
    return `---\n${lines.join('\n')}\n---\n${body}`;
  }

  function conflict(json) {
    const box = document.getElementById('edit-conflict');
    const disk = json.disk || {};
    const column = (id, title, text) => el('div', { class: 'edit-conflict__side' },
      el('label', { for: id, text: title }),
      el('textarea', { id, readonly: true, rows: 16, class: 'edit-conflict__text' }, text));
    box.replaceChildren(
      el('h2', { id: 'edit-conflict-heading', tabindex: '-1', text: 'Filen har ändrats sedan du öppnade den' }),
      el('p', { text: json.message || 'Någon annan har sparat sidan, eller filen har ändrats på disken.' }),
      el('p', { text: 'Ingenting har skrivits över. Välj vilken version som ska gälla.' }),
      el('div', { class: 'edit-conflict__sides' },
        column('edit-conflict-yours', 'Din version', yourText()),
        column('edit-conflict-disk', 'Versionen på disken', disk.text || '')),
      el('div', { class: 'edit-actions' },
        el('button', { type: 'button', class: 'edit-button', text: 'Läs in versionen på disken', onclick: () => {
          state.values = clone(disk.values || {});
          state.version = json.version;
          bodyArea.value = disk.body || '';
          box.hidden = true;
          state.dirty = false;
          renderFields();
          say('Versionen på disken är inläst. Dina ändringar är borta.');
          schedulePreview();
        } }),
        el('button', { type: 'button', class: 'edit-button edit-button--secondary', text: 'Spara min version ändå', onclick: () => {
          state.version = json.version;
          box.hidden = true;
          save();
        } })));
    box.hidden = false;
    say('Sidan sparades inte: filen har ändrats på disken.', true);
    document.getElementById('edit-conflict-heading').focus();
  }

  // ---- The page --------------------------------------------------------------------------

  let fieldsBox;
  function renderFields() {
    targets.clear();
    fileSelects.length = 0;
    fieldsBox.replaceChildren(...(data.fields || []).map((field) => buildField(field, field.name,
      () => state.values[field.name], (v) => { state.values[field.name] = v; })));
    if (state.problems.length) showProblems(state.problems);
  }

  function start() {
    const what = data.collection ? data.collection.title : null;
    document.getElementById('edit-heading').textContent = isNew
      ? `Ny sida${what ? ` i ${what}` : ''}`
      : `Redigera: ${data.values.title || data.key}`;
    const nav = document.getElementById('edit-nav');
    if (data.url) nav.append(el('a', { href: data.url, text: 'Visa sidan' }));
    summary = el('div', { class: 'edit-summary', id: 'edit-summary', role: 'alert', hidden: true });
    statusLine = el('p', { class: 'edit-message', role: 'status' });
    alertLine = el('p', { class: 'edit-message edit-message--error', role: 'alert' });
    fieldsBox = el('div', { class: 'edit-fields' });
    frame = el('iframe', { class: 'edit-preview__frame', title: 'Förhandsvisning av sidan', sandbox: 'allow-same-origin' });
    frameNote = el('p', { class: 'edit-hint', role: 'status' });
    const form = el('form', { class: 'edit-form', novalidate: true, 'aria-labelledby': 'edit-heading' },
      el('h2', { class: 'visually-hidden', text: 'Uppgifter' }), fieldsBox, buildBody(),
      el('div', { class: 'edit-actions edit-save' },
        el('button', { type: 'submit', class: 'edit-button', text: isNew ? 'Skapa sidan' : 'Spara' }),
        statusLine, alertLine));
    form.addEventListener('submit', (event) => { event.preventDefault(); save(); });
    renderFields();
    app.append(summary, el('section', { id: 'edit-conflict', class: 'edit-conflict', hidden: true, 'aria-labelledby': 'edit-conflict-heading' }),
      el('div', { class: 'edit-layout' }, form,
        el('section', { class: 'edit-preview', 'aria-labelledby': 'edit-preview-heading' },
          el('h2', { id: 'edit-preview-heading', text: 'Förhandsvisning' }), frameNote, frame)));
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
})();
