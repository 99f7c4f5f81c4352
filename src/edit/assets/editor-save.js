// Writing through the server: the save (refused with errors, or with a conflict when the
// file changed on disk since the version this page holds), the conflict view with both
// versions, and uploads into the page's folder.

import { data, state, ui, el, clone, isNew, payload, post, say } from './editor-base.js';
import { cancelPreview, schedulePreview, showProblems } from './editor-problems.js';
import { renderFields, refreshFileSelects } from './editor-fields.js';

export async function save() {
  cancelPreview(); // a preview still on its way must not replace what the save reports
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
  if (isNew || (json.key && json.key !== data.key)) {
    // A new page gets its own address: edit it there, where uploads work.
    location.assign(`/__lots/edit/page?key=${encodeURIComponent(json.key || data.key)}&sparat=1`);
    return;
  }
  // The file's new version: the next save is checked against what this save wrote.
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
        ui.bodyArea.value = disk.body || '';
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

/** Uploads `file` into the page's folder; its name there, or null when refused. */
export async function upload(file) {
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
