// A stand-in for `lots serve --edit`'s editor routes, speaking the same HTTP contract as
// src/edit/http.rs (the page data JSON, api/preview, save, upload, pages) with made-up pages, so the editor's page (src/edit/assets) can be
// checked on its own: every field type, errors, conflicts. Used by tests/browser/edit-ui.mjs;
// the real server is checked by tests/browser/edit.mjs.
//
//   node tests/browser/edit-mock.mjs REPO_ROOT   (prints `Serving http://127.0.0.1:PORT/`)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const repo = process.argv[2] || process.cwd();
const TOKEN = 'mock-token';
const assets = path.join(repo, 'src/edit/assets');
const field = (name, label, type, extra = {}) => ({
  name, label, type, required: false, description: null, values: [], requires: [], extensions: [], fields: [], ...extra,
});
const COMMON = [
  field('title', 'Titel', 'text', { required: true }),
  field('description', 'Beskrivning', 'longtext'),
  field('date', 'Datum', 'date'),
  field('draft', 'Utkast', 'bool'),
  field('tags', 'Taggar', 'list'),
];
const PAGES = {
  'symboler/kod-88/index.md': {
    section: 'symboler/_index.md', collection: { name: 'symboler', title: 'Symboler' }, bundle: true,
    files: ['bild.svg', 'foto.png', 'text.pdf'], url: '/symboler/kod-88/',
    fields: [...COMMON,
      field('miljo', 'Miljö', 'enum', { required: true, values: ['vit-makt', 'autonom', 'islamistisk', 'ovrigt'] }),
      field('ar', 'År', 'number'),
      field('bild', 'Bild', 'file', { required: true, extensions: ['svg', 'png'], description: 'bild i sidans mapp' }),
      field('lank', 'Länk', 'url', { requires: ['bild'] }),
      field('epost', 'E-post', 'email'),
      field('telefon', 'Telefon', 'phone')],
    values: { title: '88', date: '2020-03-16', tags: ['vit makt', 'sifferkoder'], miljo: 'vit-makt', ar: 2020, bild: 'bild.svg' },
    body: '## Att tänka på\n\nKoden blir intressant först i ett sammanhang.\n',
  },
  'handlingsplaner/plan.md': {
    section: 'handlingsplaner/_index.md', collection: { name: 'handlingsplaner', title: 'Handlingsplaner' }, bundle: false,
    files: [], url: '/handlingsplaner/plan/',
    fields: [...COMMON, field('aktiviteter', 'Aktiviteter', 'records', { required: true, fields: [
      field('id', 'Id', 'text', { required: true }),
      field('aktivitet', 'Aktivitet', 'longtext', { required: true }),
      field('omrade', 'Område', 'enum', { required: true, values: ['allmanna', 'riktade', 'individ'] })] })],
    values: { title: 'Plan', aktiviteter: [
      { id: 'a1', aktivitet: 'Utbilda', omrade: 'allmanna', extra: 'behålls' },
      { id: 'a2', aktivitet: 'Samverka', omrade: 'riktade' }] },
    body: 'Planens text.\n',
  },
};
const saved = [];
let version = 'v1';

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function problems(page, values, body) {
  const out = [];
  const need = (fields, vals, prefix) => {
    for (const f of fields) {
      const v = vals[f.name];
      if (f.required && (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length))) {
        out.push({ severity: 'error', code: 'schema.required', message: `${f.name} is required`, line: 2, column: 1, field: prefix + f.name, body_line: null });
      }
      if (f.type === 'records' && Array.isArray(v)) v.forEach((row, i) => need(f.fields, row, `${prefix}${f.name}/${i}/`));
    }
  };
  need(page.fields, values, '');
  (Array.isArray(values.tags) ? values.tags : []).forEach((tag, i) => {
    if (tag === 'fel tagg') {
      out.push({ severity: 'error', code: 'schema.invalid', message: 'a tag the site refuses', line: 5, column: 3, field: `taxonomies/tags/${i}`, body_line: null });
    }
  });
  body.split('\n').forEach((line, i) => {
    if (line.includes('@/finns-inte')) {
      out.push({ severity: 'error', code: 'link.internal.missing', message: 'link to a page that does not exist', line: 20 + i, column: 1, field: null, body_line: i + 1 });
    }
  });
  if (body.includes('VARNING')) out.push({ severity: 'warning', code: 'check.warn', message: 'a warning for the whole file', line: 1, column: 1, field: null, body_line: null });
  return out;
}

function reply(res, status, json) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(json));
}

function editorPage(res, key, section) {
  const template = Object.values(PAGES).find((p) => p.section === section);
  const page = key ? PAGES[key] || PAGES['handlingsplaner/plan.md'] : { ...template, values: {}, body: '', files: [], url: null };
  const data = { key: key || null, ...page, section: page.section, version: key ? version : null,
    upload_extensions: ['svg', 'png', 'jpg', 'pdf'] };
  const html = fs.readFileSync(path.join(assets, 'editor.html'), 'utf8')
    .replace('{{TOKEN}}', TOKEN).replace('{{TITLE}}', 'Redigera – mock')
    .replace('{{DATA}}', JSON.stringify(data).replace(/</g, '\\u003c'));
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(html);
}

async function api(req, res, url, page) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  if (req.headers['x-lots-token'] !== TOKEN) return reply(res, 403, { message: 'wrong token' });
  const route = url.pathname.slice('/__lots/edit/api/'.length);
  if (route === 'upload') return reply(res, 200, { file: url.searchParams.get('name').toLowerCase() });
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const found = problems(page, body.values, body.body);
  if (route === 'preview') {
    const html = `<!doctype html><html lang="sv"><head><title>${escape(body.values.title)}</title></head><body><main><h1>${escape(body.values.title)}</h1><pre>${escape(body.body)}</pre></main></body></html>`;
    return reply(res, 200, { html, problems: found });
  }
  if (body.version === 'stale' || (body.key && body.version !== version)) {
    return reply(res, 409, { message: 'The file changed on disk.', version,
      disk: { values: { ...page.values, title: 'Från disken' }, body: 'Diskens text.\n', text: '---\ntitle: Från disken\n---\nDiskens text.\n' } });
  }
  if (found.some((p) => p.severity === 'error')) return reply(res, 422, { problems: found });
  saved.push(body);
  // As on disk, the file written is a new version: the next save must name it.
  if (body.key) version = `v${Number(version.slice(1)) + 1}`;
  return reply(res, 200, { key: body.key || 'handlingsplaner/ny-plan.md', url: '/ny/', version });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const key = url.searchParams.get('key');
  if (url.pathname === '/style.css') {
    res.writeHead(200, { 'Content-Type': 'text/css' });
    return res.end(fs.readFileSync(path.join(repo, 'themes/lots/static/style.css')));
  }
  if (/^\/__lots\/edit\/editor(-[a-z]+)?\.js$|^\/__lots\/edit\/editor\.css$/.test(url.pathname)) {
    const name = url.pathname.split('/').pop();
    res.writeHead(200, { 'Content-Type': name.endsWith('.js') ? 'text/javascript' : 'text/css' });
    return res.end(fs.readFileSync(path.join(assets, name)));
  }
  if (url.pathname === '/__lots/edit/page') return editorPage(res, key, null);
  if (url.pathname === '/__lots/edit/new') return editorPage(res, null, url.searchParams.get('section'));
  if (url.pathname === '/__lots/edit/api/pages') {
    return reply(res, 200, [
      { key: 'symboler/kod-88/index.md', title: '88', url: '/symboler/kod-88/', link: '@/symboler/kod-88/index.md' },
      { key: 'rutiner/rutin.md', title: 'Rutin vid oro', url: '/rutiner/rutin/', link: '@/rutiner/rutin.md' }]);
  }
  if (url.pathname === '/__lots/edit/api/saved') return reply(res, 200, saved);
  if (url.pathname === '/__lots/edit/api/stale') { version = `v${Number(version.slice(1)) + 1}`; return reply(res, 200, {}); }
  if (req.method === 'POST' && url.pathname.startsWith('/__lots/edit/api/')) {
    const page = PAGES[key || ''] || PAGES[(await peekKey(req))] || Object.values(PAGES)[0];
    return api(req, res, url, page);
  }
  res.writeHead(404);
  res.end('not found');
});

// Which made-up page a POST is about: the referring editor page's key or section.
async function peekKey(req) {
  const ref = req.headers.referer ? new URL(req.headers.referer) : null;
  return ref ? ref.searchParams.get('key') || Object.keys(PAGES).find((k) => PAGES[k].section === ref.searchParams.get('section')) : null;
}

server.listen(0, '127.0.0.1', () => {
  console.log(`Serving http://127.0.0.1:${server.address().port}/`);
});
