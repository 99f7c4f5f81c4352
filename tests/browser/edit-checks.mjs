// Checks shared by the editor's browser tests (edit.mjs, edit-ui.mjs): axe-core's WCAG 2.1
// A/AA rules and reaching every control with Tab.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const axe = readFileSync(process.env.AXE_CORE || join(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA violations on the page, one line each. */
export async function axeViolations(page) {
  // By `evaluate`: a script element of axe would be inline, which the page's CSP refuses.
  await page.evaluate(axe);
  return page.evaluate(async () => (await window.axe.run(document, {
    runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
  })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
}

/** Tabs through the page; returns the enabled, visible form controls it never reached. */
export async function unreachedByTab(page) {
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const reached = new Set();
  let previous = null;
  for (let i = 0; i < 400; i += 1) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a.dataset.tabSeen) a.dataset.tabSeen = String(Math.random());
      return a.dataset.tabSeen;
    });
    // A date input keeps focus over its parts; coming back to an earlier control is the end.
    if (reached.has(id) && id !== previous) break;
    reached.add(id);
    previous = id;
  }
  return page.evaluate(() => [...document.querySelectorAll('#edit-app input, #edit-app select, #edit-app textarea, #edit-app button')]
    .filter((n) => !n.disabled && n.offsetParent !== null && !n.dataset.tabSeen)
    .map((n) => n.id || n.textContent));
}
