// Checks shared by the editor's browser tests (edit.mjs, edit-ui.mjs): axe-core's rules
// (axe.mjs) and reaching every control with Tab.
export { axeViolations } from './axe.mjs';

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
