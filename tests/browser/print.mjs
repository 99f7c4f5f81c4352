// The printed page (issue 17): each page given is printed to an A4 PDF with Chromium
// (`page.pdf`, which lays the page out with print media), and what the PDF must and must not
// hold is written beside it, taken from the page itself, for tests/print_browser.rs to compare
// with the PDF's text (pdftotext):
//
//   OUT/NAME.pdf   the printed page
//   OUT/NAME.json  { absent, content, present, links, internal, facts, firstHeading, tables,
//                    pageBox, printedWidth, sticksOut }
//
// Measured here, in the browser, for the test to check with the rest: the page's width at the
// A4 page box's with print media, and what sticks out past its right edge (Chromium prints
// that cut off).
//
//   node tests/browser/print.mjs OUT NAME=FILE.html [NAME=FILE.html...]
import { launch } from './chromium.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [out, ...pages] = process.argv.slice(2);
if (!out || !pages.length) {
  console.error('usage: print.mjs OUT NAME=FILE.html [NAME=FILE.html...]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

// A4 is 210 mm wide and style.css's @page has 2 cm margins: 170 mm at 96 px to the inch.
const PAGE_BOX = Math.floor((170 / 25.4) * 96);

// What must not be on paper (issue 17): navigation, the search, the skip link, filters,
// buttons and the offline banners. Each is a phrase: the element's whole text.
const NO_PRINT = 'nav, .skip-link, [role="search"], button, .button, [data-filters], .offline-banner';

// Read on screen, as a reader sees the page: the texts that must not print, and the content
// that must (everything else of the main element that is visible).
function expectations(noPrint) {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const main = document.querySelector('main');
  const hidden = [...document.querySelectorAll(noPrint)];
  const printable = (el) =>
    el.checkVisibility() && !hidden.some((h) => h.contains(el)) && !el.closest('.visually-hidden');
  const absent = [...new Set(hidden.map((el) => norm(el.innerText || el.textContent)).filter(Boolean))];
  const clone = main.cloneNode(true);
  clone.querySelectorAll(noPrint).forEach((el) => el.remove());
  const headings = [...main.querySelectorAll('h1, h2, h3, h4')].filter(printable);
  const cellText = (cell) => norm(cell.innerText);
  const tables = [...main.querySelectorAll('table')].filter(printable).map((table) => ({
    caption: norm(table.caption ? table.caption.innerText : ''),
    header: table.tHead ? [...table.tHead.rows].map((row) => [...row.cells].map(cellText).join(' ')).join(' ') : '',
    rows: [...table.querySelectorAll('tbody tr, tfoot tr')]
      .filter(printable)
      .map((row) => [...row.cells].map(cellText)),
  }));
  const links = [...main.querySelectorAll('a[href^="http://"], a[href^="https://"]')]
    .filter(printable)
    .map((a) => a.getAttribute('href'));
  const internal = [...main.querySelectorAll('a[href]')]
    .filter(printable)
    .map((a) => a.getAttribute('href'))
    .filter((href) => !/^(#|[a-z]+:)/.test(href));
  const facts = [...main.querySelectorAll('.facts-box .facts__row')]
    .filter(printable)
    .map((row) => ({ label: norm(row.querySelector('dt').innerText), value: norm(row.querySelector('dd').innerText) }));
  const body = headings.find((h) => h.tagName === 'H2');
  return {
    absent,
    content: norm(clone.textContent),
    present: headings.map((h) => norm(h.innerText)),
    links,
    internal,
    facts,
    firstHeading: body ? norm(body.innerText) : null,
    tables,
  };
}

// With print media at the page box's width: the outermost elements whose right edge is past
// it (the ones to fix). Unlike on screen, a box that scrolls is no excuse: paper does not scroll.
function overflow(width) {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || !el.checkVisibility()) continue;
    if (out.some((o) => o.contains(el))) continue;
    out.push(el);
  }
  const name = (el) =>
    el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : '') +
    ` (right edge ${Math.round(el.getBoundingClientRect().right)}, "${(el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50)}")`;
  return { scroll: document.documentElement.scrollWidth, out: out.slice(0, 5).map(name) };
}

const browser = await launch();
try {
  for (const arg of pages) {
    const at = arg.indexOf('=');
    const [name, file] = [arg.slice(0, at), arg.slice(at + 1)];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const expected = await page.evaluate(expectations, NO_PRINT);
    await page.pdf({ path: join(out, `${name}.pdf`), format: 'A4', printBackground: true });

    await page.setViewportSize({ width: PAGE_BOX, height: 1100 });
    await page.emulateMedia({ media: 'print' });
    const seen = await page.evaluate(overflow, PAGE_BOX);
    expected.pageBox = PAGE_BOX;
    expected.printedWidth = seen.scroll;
    expected.sticksOut = seen.out;
    writeFileSync(join(out, `${name}.json`), JSON.stringify(expected, null, 1));
    console.log(`${name}: printed, ${seen.scroll}px wide at A4's ${PAGE_BOX}px`);
    await page.close();
  }
} finally {
  await browser.close();
}
