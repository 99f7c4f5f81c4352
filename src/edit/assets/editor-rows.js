// Fields made of rows: a list of texts (a row per item, add and remove) and records (a plan's
// activities: a fieldset per row with its own fields, add, remove, move up and down). Focus
// follows the row a button acted on.

import { targets, el, put, idFor, describe } from './editor-base.js';
import { buildField, hint, labelText } from './editor-fields.js';
import { changed } from './editor-problems.js';

/** A list of texts: a row per item with a remove button, and an add button. */
export function buildList(field, path, get, set) {
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
    type: 'button', class: 'edit-button edit-button--secondary', text: `Lägg till en rad i ${field.label.toLowerCase()}`,
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
export function buildRecords(field, path, get, set) {
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
