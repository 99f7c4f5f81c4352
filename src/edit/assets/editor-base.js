// What every part of the editor's page shares: the page data the server put in
// #lots-edit-data, the form's state, the page's regions, DOM helpers that only ever set text
// (never HTML), the values as they are sent, and the calls to the server's JSON API.

export const API = '/__lots/edit/api/';
export const data = JSON.parse(document.getElementById('lots-edit-data').textContent);
const token = document.querySelector('meta[name="lots-edit-token"]').content;
export const isNew = data.key === null || data.key === undefined;

export const state = {
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

/** Where each problem's `field` is shown: path → {control, host, label, focus?}. */
export const targets = new Map();
/** The file fields' selects, refilled when a file is uploaded. */
export const fileSelects = [];
/** The page's regions, set once they are built: app, fieldsBox, bodyArea, bodyErrors,
 * summary, statusLine, alertLine, frame, frameNote. */
export const ui = { app: document.getElementById('edit-app') };

export function clone(value) {
  return JSON.parse(JSON.stringify(value));
}

/** An element with attributes (`text` sets its text, `on*` functions become listeners). */
export function el(tag, attrs = {}, ...children) {
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
export function put(node, ...children) {
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

export const idFor = (path) => 'f-' + path.replace(/[^A-Za-z0-9_-]/g, '-');

/** Sets what describes `node`, remembered so error ids can later be taken out again. */
export function describe(node, ids) {
  const all = ids.filter(Boolean).join(' ');
  if (all) node.setAttribute('aria-describedby', all);
  else node.removeAttribute('aria-describedby');
  node.dataset.describedby = all;
}

/** A message under the save button: errors go to an alert region, the rest to a status. */
export function say(text, isError = false, link = null) {
  const [shown, other] = isError ? [ui.alertLine, ui.statusLine] : [ui.statusLine, ui.alertLine];
  other.replaceChildren();
  shown.replaceChildren(text);
  if (link) shown.append(' ', el('a', { href: link.href, text: link.text }));
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

export function payload() {
  const values = {};
  for (const field of data.fields || []) values[field.name] = normalise(field, state.values[field.name]);
  return { key: data.key ?? null, section: data.section, values, body: ui.bodyArea.value };
}

/** A POST with the token; the status and the JSON answer ({} when it has none). */
export async function post(route, body, headers = { 'Content-Type': 'application/json' }) {
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
