// The preview and the problems: after each change (debounced) the server renders the page
// as the site would; the preview shows it in the sandboxed frame, and its problems are shown
// beside their fields or body lines and in the summary at the top, a link to each.

import { state, targets, ui, el, describe, payload, post } from './editor-base.js';

let previewTimer;
let previewRun = 0;

/** The form changed: it has unsaved changes, and the preview follows. */
export function changed() {
  state.dirty = true;
  schedulePreview();
}

export function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, 300);
}

/** Drops a scheduled preview and any still on its way (a save reports the problems now). */
export function cancelPreview() {
  clearTimeout(previewTimer);
  previewRun += 1;
}

export async function preview() {
  const run = ++previewRun;
  const { status, json } = await post('preview', payload());
  if (run !== previewRun) return; // a newer preview is on its way
  const { frame, frameNote } = ui;
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

/** Selects line `line` (1-based) of the body and scrolls it into view. */
export function goToBodyLine(line) {
  const { bodyArea } = ui;
  const lines = bodyArea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
  bodyArea.focus();
  bodyArea.setSelectionRange(start, start + (lines[line - 1] || '').length);
  const height = parseFloat(getComputedStyle(bodyArea).lineHeight) || 20;
  bodyArea.scrollTop = Math.max(0, (line - 3) * height);
  bodyArea.dispatchEvent(new Event('click'));
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
  for (const node of ui.app.querySelectorAll('.edit-error')) node.remove();
  for (const node of ui.app.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
    describe(node, (node.dataset.describedby || '').split(' ').filter((id) => !id.startsWith('err-')));
  }
  ui.bodyErrors.replaceChildren();
}

export function showProblems(problems) {
  state.problems = problems;
  clearProblems();
  if (!state.showErrors) return;
  const items = [];
  problems.forEach((problem, index) => {
    const kind = problem.severity === 'warning' ? 'Varning' : 'Fel';
    const id = `err-${index}`;
    const target = targetFor(problem.field);
    if (problem.body_line) {
      ui.bodyErrors.append(el('li', { id, class: `edit-error edit-error--${problem.severity}` },
        el('button', { type: 'button', class: 'edit-linkbutton', text: `Rad ${problem.body_line}`, onclick: () => goToBodyLine(problem.body_line) }),
        `: ${kind.toLowerCase()}, ${problem.message}`));
      markInvalid(ui.bodyArea, id, problem);
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
function showSummary(items) {
  const { summary } = ui;
  const errors = items.filter((i) => i.problem.severity !== 'warning');
  const warnings = items.filter((i) => i.problem.severity === 'warning');
  const key = JSON.stringify(items.map((i) => i.text));
  if (key === state.shownErrors) return;
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
