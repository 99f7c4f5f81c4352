// `lots serve --edit` in Debian's Chromium, on a copy of the repository's example site: a
// coordinator edits a symbol, creates a coordinator entry, adds an activity to a plan, leaves a
// required field empty and meets a conflict. Run by tests/edit_browser.rs:
//
//   node tests/browser/edit.mjs URL SITE_ROOT [SCREENSHOT_DIR]
//
// URL is the server's root (ending in /), SITE_ROOT the site folder it serves (read and
// changed here, as another editor would). With SCREENSHOT_DIR, the editor is photographed
// there (editor-dator.png) for the README. Prints one `ok`/`not ok` line per check.
import { launch } from './chromium.mjs';
import { axeViolations, unreachedByTab } from './edit-checks.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [base, root, shots] = process.argv.slice(2);
if (!base || !root) {
  console.error('usage: edit.mjs URL SITE_ROOT [SCREENSHOT_DIR]');
  process.exit(2);
}
const results = { passed: 0, failed: 0 };
function check(name, ok, detail) {
  results[ok ? 'passed' : 'failed'] += 1;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || detail === undefined ? '' : `: ${detail}`}`);
}
const read = (file) => fs.readFileSync(path.join(root, 'content', file), 'utf8');
const SYMBOL = 'symboler/kod-88/index.md';
const PLAN = 'handlingsplaner/alvsjo-2020.md';

async function until(page, test, arg, timeout = 15000) {
  try {
    await page.waitForFunction(test, arg, { timeout, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

/** Fetches `url` until its text passes `test` (the watcher rebuilds after a save). */
async function served(page, url, test) {
  for (let i = 0; i < 150; i += 1) {
    const response = await page.request.get(new URL(url, base).href).catch(() => null);
    const text = response && response.ok() ? await response.text() : '';
    if (test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Opens a served page and follows its "Redigera sidan" (or "Ny sida") link. */
async function openEditor(page, url, link = 'Redigera sidan') {
  await page.goto(new URL(url, base).href);
  await page.click(`nav[aria-label="Redigering"] a:has-text("${link}")`);
  await page.waitForSelector('#edit-body');
  await until(page, () => document.querySelector('iframe.edit-preview__frame')?.srcdoc);
}

const saved = (page) => until(page, () => /Sparat/.test(document.querySelector('.edit-message[role=status]')?.textContent || ''));
const frameText = (page) => page.evaluate(() => document.querySelector('iframe.edit-preview__frame').contentDocument?.body?.textContent || '');

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());

  // A symbol: a field and the body, the preview, the save, the served page, the file.
  const before = read(SYMBOL);
  await openEditor(page, 'symboler/kod-88/');
  check('the symbol page links to its editor', page.url().includes('/__lots/edit/page?key='), page.url());
  const violations = await axeViolations(page);
  check('no WCAG 2.1 A/AA violations (axe-core) in the editor', violations.length === 0, violations.join(' | '));
  const unreached = await unreachedByTab(page);
  check('every control of the editor is reached with Tab', unreached.length === 0, unreached.join(', '));
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'editor-dator.png') });
  }
  const body = await page.inputValue('#edit-body');
  await page.fill('#f-betydelse', 'Zebrafinken betyder något nytt');
  await page.fill('#edit-body', `${body}\nEn ny mening om zebrafinkar.\n`);
  const previewed = await until(page, () => {
    const text = document.querySelector('iframe.edit-preview__frame').contentDocument?.body?.textContent || '';
    return text.includes('Zebrafinken betyder något nytt') && text.includes('En ny mening om zebrafinkar');
  });
  check('the preview shows the changed field and body', previewed, (await frameText(page)).slice(0, 200));
  await page.click('button[type=submit]');
  check('the symbol is saved', await saved(page));
  const shown = await served(page, 'symboler/kod-88/', (t) => t.includes('Zebrafinken betyder något nytt') && t.includes('zebrafinkar'));
  check('the served page shows the change', shown !== null);
  const after = read(SYMBOL);
  const old = before.split('\n');
  const now = after.split('\n');
  const changed = old.map((line, i) => (line === now[i] ? null : i)).filter((i) => i !== null);
  const added = now.slice(old.length - 1).join('\n');
  check('only the changed field\'s line and the new body lines differ on disk', changed.length === 1
    && old[changed[0]].startsWith('betydelse:') && now[changed[0]].startsWith('betydelse:') && now[changed[0]].includes('Zebrafinken')
    && now.length === old.length + 2 && added === '\nEn ny mening om zebrafinkar.\n', `lines ${changed.join(',')}, added ${JSON.stringify(added)}`);

  // A second save from the same page, not reloaded: the first save's answer held the version.
  await page.evaluate(() => {
    window.notReloaded = true;
    document.querySelector('.edit-message[role=status]').textContent = '';
  });
  await page.fill('#f-betydelse', 'Zebrafinken betyder något ännu nyare');
  await page.click('button[type=submit]');
  const again = await saved(page);
  const still = await page.evaluate(() => window.notReloaded === true && document.getElementById('edit-conflict').hidden);
  check('a second save without reloading the page is written, not taken for a conflict', again && still
    && read(SYMBOL).includes('ännu nyare'), `saved ${again}, same page without conflict ${still}`);

  // A required field left empty: at the field, in the summary, and the save refused.
  await openEditor(page, 'symboler/kod-88/');
  await page.fill('#f-bild_alt', '');
  await page.fill('#edit-body', 'Texten som ska finnas kvar.\n');
  const invalid = await until(page, () => document.getElementById('f-bild_alt').getAttribute('aria-invalid') === 'true');
  const described = await page.evaluate(() => (document.getElementById('f-bild_alt').getAttribute('aria-describedby') || '')
    .split(' ').map((id) => document.getElementById(id)?.className || '').join(' '));
  const summary = await page.evaluate(() => [...document.querySelectorAll('#edit-summary a')].map((a) => a.textContent).join(' | '));
  check('an empty required field is invalid and described by its error', invalid && described.includes('edit-error'), described);
  check('the summary links to the empty field', summary.includes('Alternativtext') || summary.toLowerCase().includes('bild_alt'), summary);
  const onDisk = read(SYMBOL);
  await page.click('button[type=submit]');
  const refused = await until(page, () => /sparades inte/.test(document.querySelector('.edit-message--error')?.textContent || ''));
  check('saving with an error is refused and the text is kept', refused && read(SYMBOL) === onDisk
    && (await page.inputValue('#edit-body')) === 'Texten som ska finnas kvar.\n');

  // A conflict: the file changes on disk after the editor opened it.
  await openEditor(page, 'symboler/kod-88/');
  fs.appendFileSync(path.join(root, 'content', SYMBOL), '\nÄndrat på disken.\n');
  await page.fill('#f-title', '88 (min ändring)');
  await page.click('button[type=submit]');
  const conflict = await until(page, () => !document.getElementById('edit-conflict').hidden);
  const both = await page.evaluate(() => [document.getElementById('edit-conflict-yours')?.value || '',
    document.getElementById('edit-conflict-disk')?.value || '']);
  check('a change on disk since opening is shown as a conflict with both versions', conflict
    && both[0].includes('88 (min ändring)') && both[1].includes('Ändrat på disken'), both.join(' ||| ').slice(0, 300));
  check('the disk version is not overwritten', read(SYMBOL).includes('Ändrat på disken') && !read(SYMBOL).includes('min ändring'));

  // A new coordinator from "Ny sida": in the list and in its vCard.
  await openEditor(page, 'samordnare/', 'Ny sida');
  await page.fill('#f-title', 'Samordnare i Zebrastaden');
  await page.fill('#f-roll', 'Samordnare mot våldsbejakande extremism');
  await page.fill('#f-forvaltning', 'Zebrastadens förvaltning');
  await page.selectOption('#f-forvaltningstyp', 'facknamnd');
  await page.fill('#f-telefon', '08-123 456 99');
  await page.fill('#f-epost', 'zebra@example.stockholm.se');
  await page.fill('#f-verifierad', '2020-05-01');
  await page.click('button[type=submit]');
  const opened = await until(page, () => new URLSearchParams(location.search).get('key')?.startsWith('samordnare/'));
  const key = opened ? new URLSearchParams(new URL(page.url()).search).get('key') : '';
  // Where the page is served follows from its key (the site may not have rebuilt yet).
  const url = key.replace(/(index)?\.md$/, '').replace(/[^/]$/, '$&/');
  check('a new coordinator is saved and opens in its editor', opened, page.url());
  const listed = await served(page, 'samordnare/', (t) => t.includes('Samordnare i Zebrastaden'));
  check('the new coordinator is in the list', listed !== null);
  const card = key ? await served(page, `${url}kontakt.vcf`, (t) => t.includes('Zebrastadens förvaltning')) : null;
  check('the new coordinator has a vCard', card !== null && card.includes('FN:Samordnare i Zebrastaden'), card || url);

  // An activity added to a plan.
  await openEditor(page, 'handlingsplaner/alvsjo-2020/');
  const rows = await page.locator('.edit-record').count();
  await page.click('text=Lägg till en rad i aktiviteter');
  const row = `#f-aktiviteter-${rows}`;
  await page.fill(`${row}-id`, 'zebra1');
  await page.fill(`${row}-aktivitet`, 'Zebrautbildning för personalen');
  await page.fill(`${row}-ansvarig`, 'Samordnaren');
  await page.fill(`${row}-tidplan`, 'Hösten 2020');
  await page.fill(`${row}-uppfoljning`, 'Antal deltagare');
  await page.selectOption(`${row}-omrade`, 'allmanna');
  await page.click('button[type=submit]');
  check('a plan with a new activity is saved', await saved(page));
  check('the new activity is in the plan\'s file', read(PLAN).includes('Zebrautbildning för personalen'));
  check('the new activity is on the served plan', await served(page, 'handlingsplaner/alvsjo-2020/', (t) => t.includes('Zebrautbildning')) !== null);
  check('no script errors', errors.length === 0, errors.join('; '));
} finally {
  await browser.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
