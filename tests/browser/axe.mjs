// axe-core in a page, with the rules the city's sites must meet: WCAG 2.0, 2.1 and 2.2 A and AA
// plus axe's best practices. Every browser test that checks accessibility asks here, so they
// all hold the same line. AXE_CORE=/path/to/axe.min.js overrides node_modules/axe-core.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const axePath = process.env.AXE_CORE || join(process.cwd(), 'node_modules/axe-core/axe.min.js');
if (!existsSync(axePath)) {
  console.error(`axe-core not found at ${axePath}: run tools/setup-tests (it runs npm ci)`);
  process.exit(2);
}
const axeSource = readFileSync(axePath, 'utf8');

/**
 * axe-core's violations on the page, one line each: the rule, its impact, the elements (CSS
 * selectors) and axe's one-line summary of what is wrong with the first of them.
 *
 * axe is put in with `evaluate`, not as a script element, so that it runs under the page's
 * Content-Security-Policy like the theme's own files do. `within`, a CSS selector, checks only
 * that part of the page.
 */
export async function axeViolations(page, within = null) {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async ([selector, runOptions]) => (await window.axe.run(
    selector ? { include: [[selector]] } : document, runOptions)).violations
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
      summary: (v.nodes[0] && v.nodes[0].failureSummary || '').replace(/\s+/g, ' ').trim(),
    })), [within, { runOnly: { type: 'tag', values: AXE_TAGS } }]);
  return found.map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}: ${v.summary}`);
}
