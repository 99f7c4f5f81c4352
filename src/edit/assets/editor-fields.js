// The form's fields: a labelled control per field of the page's schema (text, textarea,
// number, date, checkbox, select, a bundle's file with its upload), with its hint, and the
// rendering of all fields from the page's values.

import { data, state, targets, fileSelects, ui, el, put, idFor, describe, isNew } from './editor-base.js';
import { buildList, buildRecords } from './editor-rows.js';
import { changed, showProblems } from './editor-problems.js';
import { upload } from './editor-save.js';

/** (Re)builds every field from `state.values`, keeping the problems shown. */
export function renderFields() {
  targets.clear();
  fileSelects.length = 0;
  ui.fieldsBox.replaceChildren(...(data.fields || []).map((field) => buildField(field, field.name,
    () => state.values[field.name], (v) => { state.values[field.name] = v; })));
  if (state.problems.length) showProblems(state.problems);
}

export function labelText(field) {
  return field.label + (field.required ? ' (obligatoriskt)' : '');
}

function labelOf(name) {
  const field = (data.fields || []).find((f) => f.name === name);
  return field ? field.label : name;
}

/** The hint under a field: its description and what it requires. */
export function hint(field, id) {
  const parts = [];
  if (field.description) parts.push(field.description);
  if (field.requires && field.requires.length) {
    parts.push(`Fylls fältet i måste även ${field.requires.map(labelOf).join(', ')} fyllas i.`);
  }
  return parts.length ? el('p', { class: 'edit-hint', id: id + '-hint', text: parts.join(' ') }) : null;
}

/** One field of any type; `get`/`set` read and write its value in the page's values. */
export function buildField(field, path, get, set) {
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

export function canUpload() {
  return !isNew && data.bundle !== false;
}

export function uploadHint() {
  return isNew
    ? 'Spara sidan först, sedan kan du ladda upp filer till den.'
    : 'Filer kan bara laddas upp till en sida som har en egen mapp (index.md).';
}

export function refreshFileSelects() {
  for (const { select, field } of fileSelects) fillOptions(select, field, select.value);
}
