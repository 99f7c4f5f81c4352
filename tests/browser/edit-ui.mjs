// The editor's page against tests/browser/edit-mock.mjs (the HTTP contract with made-up
// pages): every field type, lists and records, errors at the field and the body line, the
// summary, a refused save keeping the text, the conflict view, the link picker and image
// upload, keyboard reach and axe-core's WCAG 2.1 A/AA rules.
//
//   node tests/browser/edit-ui.mjs URL      (URL: the mock's root, ending in /)
import { launch } from './chromium.mjs';
import { axeViolations, unreachedByTab } from './edit-checks.mjs';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: edit-ui.mjs URL');
  process.exit(2);
}
const results = { passed: 0, failed: 0 };
function check(name, ok, detail) {
  results[ok ? 'passed' : 'failed'] += 1;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || detail === undefined ? '' : `: ${detail}`}`);
}
const SYMBOL = `${base}__lots/edit/page?key=symboler/kod-88/index.md`;
const PLAN = `${base}__lots/edit/page?key=handlingsplaner/plan.md`;

async function until(page, test, arg) {
  try {
    await page.waitForFunction(test, arg, { timeout: 20000, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

async function noViolations(page, name) {
  const found = await axeViolations(page);
  check(name, found.length === 0, found.join(' | '));
}

const preview = (page) => page.frameLocator('iframe.edit-preview__frame');

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => d.accept());
  await page.goto(SYMBOL);
  await until(page, () => document.querySelector('iframe')?.srcdoc.includes('Att tänka'));

  // Every field type has its control, labelled.
  const kinds = await page.evaluate(() => ({
    title: document.getElementById('f-title')?.type,
    description: document.getElementById('f-description')?.tagName,
    date: document.getElementById('f-date')?.type,
    draft: document.getElementById('f-draft')?.type,
    miljo: document.getElementById('f-miljo')?.tagName,
    ar: document.getElementById('f-ar')?.type,
    bild: document.getElementById('f-bild')?.tagName,
    lank: document.getElementById('f-lank')?.type,
    epost: document.getElementById('f-epost')?.type,
    telefon: document.getElementById('f-telefon')?.type,
    tags: document.querySelectorAll('#f-tags-group input').length,
    unlabelled: [...document.querySelectorAll('input, select, textarea')].filter((n) => !n.labels?.length).map((n) => n.id),
  }));
  check('each field type gets its control', JSON.stringify(kinds) === JSON.stringify({
    title: 'text', description: 'TEXTAREA', date: 'date', draft: 'checkbox', miljo: 'SELECT', ar: 'number',
    bild: 'SELECT', lank: 'url', epost: 'email', telefon: 'tel', tags: 2, unlabelled: [],
  }), JSON.stringify(kinds));
  const options = await page.$$eval('#f-bild option', (o) => o.map((x) => x.value));
  check('a file field offers the bundle files with its extensions', options.join() === ',bild.svg,foto.png', options.join());

  await noViolations(page, 'no WCAG 2.1 A/AA violations (axe-core) in the editor');
  await page.emulateMedia({ colorScheme: 'dark' });
  await noViolations(page, 'no axe violations in the dark colour scheme');
  await page.emulateMedia({ colorScheme: 'light' });
  const unreached = await unreachedByTab(page);
  check('every control is reached with Tab', unreached.length === 0, unreached.join(', '));

  // A field change and a body change reach the preview.
  await page.fill('#f-title', 'Åttioåtta');
  await page.fill('#edit-body', 'Ny text om koden.\n');
  const previewed = await until(page, () => {
    // While the frame loads its new document, that document has no body yet.
    const text = document.querySelector('iframe').contentDocument?.body?.textContent || '';
    return text.includes('Åttioåtta') && text.includes('Ny text om koden');
  });
  const seen = await page.evaluate(() => document.querySelector('iframe').contentDocument?.body?.textContent);
  check('the preview follows the fields and the body', previewed, `${seen} / ${await page.textContent('.edit-preview')}`);
  const text = await preview(page).locator('h1').textContent().catch(() => '');
  check('the preview is the page as rendered', text === 'Åttioåtta', text);
  const sandbox = await page.getAttribute('iframe', 'sandbox');
  check('the preview may not run scripts', sandbox !== null && !sandbox.includes('allow-scripts'), sandbox);

  // List rows: add and remove.
  await page.click('#f-tags-group >> text=Lägg till en rad i taggar');
  const focused = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.type('ny tagg');
  await page.click('#f-tags-group li:first-child button');
  const tags = await page.evaluate(() => window.lotsEdit.payload().values.tags);
  check('list rows are added and removed', JSON.stringify(tags) === '["sifferkoder","ny tagg"]' && focused === 'f-tags-2', `${JSON.stringify(tags)} focus ${focused}`);

  // An error in a tag (at `taxonomies/tags/N` in the file) is shown at that row of the form.
  await page.fill('#f-tags-1', 'fel tagg');
  const tagError = await until(page, () => document.getElementById('f-tags-1').getAttribute('aria-invalid') === 'true');
  check('an error in the file\'s taxonomies.tags is shown at the form\'s tag row', tagError);
  await page.fill('#f-tags-1', 'ny tagg');
  await until(page, () => !document.getElementById('f-tags-1').hasAttribute('aria-invalid'));

  // A required field left empty: the error at the field and in the summary.
  await page.selectOption('#f-miljo', '');
  const shown = await until(page, () => document.getElementById('f-miljo').getAttribute('aria-invalid') === 'true');
  const described = await page.evaluate(() => {
    const ids = document.getElementById('f-miljo').getAttribute('aria-describedby').split(' ');
    return ids.map((id) => document.getElementById(id)?.textContent || '').join(' ');
  });
  check('an empty required field is marked invalid, its error described', shown && described.includes('miljo is required'), described);
  const summary = await page.evaluate(() => {
    const s = document.getElementById('edit-summary');
    return { role: s.getAttribute('role'), hidden: s.hidden, heading: s.querySelector('h2')?.textContent, links: [...s.querySelectorAll('a')].map((a) => a.textContent) };
  });
  check('the error summary names it with a link', summary.role === 'alert' && !summary.hidden && summary.heading === 'Sidan har fel'
    && summary.links.some((l) => l.includes('Miljö')), JSON.stringify(summary));
  await page.click('#edit-summary a:has-text("Miljö")');
  check('the summary link moves focus to the field', await page.evaluate(() => document.activeElement.id) === 'f-miljo');

  // A body error at its line; its link puts the caret there.
  await page.fill('#edit-body', 'Rad ett.\nRad två.\nSe [saknad](@/finns-inte.md).\n');
  await until(page, () => document.querySelector('#edit-body-errors li'));
  const line = await page.textContent('#edit-body-errors li');
  check('a body error is shown with its line', /Rad 3/.test(line), line);
  await page.click('#edit-summary a:has-text("rad 3")');
  const caret = await page.evaluate(() => {
    const t = document.activeElement;
    return t.id === 'edit-body' ? t.value.slice(0, t.selectionStart).split('\n').length : -1;
  });
  check('following a body error puts the caret on its line', caret === 3, `line ${caret}`);
  await noViolations(page, 'no axe violations with errors shown');

  // Saving with errors is refused and keeps the text.
  await page.click('button[type=submit]');
  await until(page, () => document.querySelector('.edit-message--error')?.textContent.includes('sparades inte'));
  const kept = await page.evaluate(() => ({
    body: document.getElementById('edit-body').value, title: document.getElementById('f-title').value,
    focus: document.activeElement.id,
  }));
  check('a refused save keeps the text and focuses the summary', kept.body.includes('finns-inte') && kept.title === 'Åttioåtta'
    && kept.focus === 'edit-summary-heading', JSON.stringify(kept));

  // Link picker and image upload insert at the caret.
  await page.fill('#edit-body', 'Före  efter.\n');
  await page.selectOption('#f-miljo', 'autonom');
  await page.evaluate(() => document.getElementById('edit-body').setSelectionRange(5, 5));
  await page.click('text=Infoga länk till en sida');
  await page.fill('#edit-picker-search', 'rutin');
  await page.click('.edit-picker__page');
  await page.setInputFiles('#edit-image', { name: 'Foto.PNG', mimeType: 'image/png', buffer: Buffer.from('png') });
  await until(page, () => document.getElementById('edit-body').value.includes('!['));
  const body = await page.inputValue('#edit-body');
  check('the link picker and an image upload insert at the caret', body === 'Före [Rutin vid oro](@/rutiner/rutin.md)![](foto.png) efter.\n', body);

  // Saving; then a conflict shows both versions, and the disk's can be loaded.
  await until(page, () => document.getElementById('edit-summary').hidden);
  await page.click('button[type=submit]');
  const ok = await until(page, () => /Sparat/.test(document.querySelector('.edit-message[role=status]').textContent));
  check('a page without errors is saved', ok);
  // Saved again without reloading: the second save names the version the first one answered.
  await page.evaluate(() => {
    window.notReloaded = true;
    document.querySelector('.edit-message[role=status]').textContent = '';
  });
  await page.fill('#f-title', 'Åttioåtta igen');
  await page.click('button[type=submit]');
  const again = await until(page, () => /Sparat/.test(document.querySelector('.edit-message[role=status]').textContent));
  const saves = await (await page.request.get(`${base}__lots/edit/api/saved`)).json();
  const versions = saves.slice(-2).map((s) => s.version).join(',');
  check('a second save without reload sends the version the first save answered', again && versions === 'v1,v2'
    && await page.evaluate(() => window.notReloaded === true), `saved ${again}, versions ${versions}`);
  await page.fill('#f-title', 'Åttioåtta');
  await page.request.get(`${base}__lots/edit/api/stale`);
  await page.click('button[type=submit]');
  await until(page, () => !document.getElementById('edit-conflict').hidden);
  const both = await page.evaluate(() => ({
    yours: document.getElementById('edit-conflict-yours')?.value, disk: document.getElementById('edit-conflict-disk')?.value,
  }));
  check('a conflict shows your version and the disk version', both.yours?.includes('Åttioåtta') && both.disk?.includes('Från disken'), JSON.stringify(both));
  await noViolations(page, 'no axe violations with the conflict shown');
  await page.click('text=Läs in versionen på disken');
  const loaded = await page.evaluate(() => [document.getElementById('f-title').value, document.getElementById('edit-body').value]);
  check('the disk version can be loaded', loaded[0] === 'Från disken' && loaded[1] === 'Diskens text.\n', loaded.join('|'));

  // Records: add, move, remove; unknown keys of a row are kept.
  await page.goto(PLAN);
  await page.click('text=Lägg till en rad i aktiviteter');
  const newFocus = await page.evaluate(() => document.activeElement.id);
  await page.keyboard.type('a3');
  await page.click('#f-aktiviteter-2 .edit-up');
  await page.click('#f-aktiviteter-0 .edit-remove');
  const rows = await page.evaluate(() => window.lotsEdit.payload().values.aktiviteter);
  check('record rows are added, moved and removed', JSON.stringify(rows) === JSON.stringify([
    { id: 'a3' }, { id: 'a2', aktivitet: 'Samverka', omrade: 'riktade' }]) && newFocus === 'f-aktiviteter-2-id', `${JSON.stringify(rows)} focus ${newFocus}`);
  await until(page, () => document.getElementById('f-aktiviteter-0-aktivitet')?.getAttribute('aria-invalid') === 'true');
  const rowError = await page.evaluate(() => document.getElementById('f-aktiviteter-0-aktivitet').getAttribute('aria-describedby'));
  check('an error in a record row is shown at its cell', /err-/.test(rowError || ''), rowError);
  await noViolations(page, 'no axe violations in the records editor');

  // A new page goes to its own editor once saved.
  await page.goto(`${base}__lots/edit/new?section=handlingsplaner/_index.md`);
  check('a new page cannot upload before it is saved', await page.isDisabled('#edit-image'));
  await until(page, () => window.lotsEdit.state.problems.length > 0);
  const early = await page.evaluate(() => document.getElementById('edit-summary').hidden && !document.querySelector('[aria-invalid]'));
  await page.click('button[type=submit]');
  const later = await until(page, () => !document.getElementById('edit-summary').hidden
    && document.getElementById('f-title').getAttribute('aria-invalid') === 'true');
  check('a new page shows its errors from the first save on, not before', early && later, `before ${early}, after ${later}`);
  await page.fill('#f-title', 'Ny plan');
  await page.click('text=Lägg till en rad i aktiviteter');
  await page.fill('#f-aktiviteter-0-id', 'a1');
  await page.fill('#f-aktiviteter-0-aktivitet', 'Något');
  await page.selectOption('#f-aktiviteter-0-omrade', 'individ');
  await page.click('button[type=submit]');
  const went = await until(page, () => location.search.includes('ny-plan.md'));
  check('a saved new page opens in its own editor', went, page.url());
  check('no script errors', errors.length === 0, errors.join('; '));
} finally {
  await browser.close();
}
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
