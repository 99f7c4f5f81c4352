// How every browser test starts Chromium: Debian's /usr/bin/chromium (or $CHROMIUM), headless,
// without the sandbox (tests run as root) and without background networking (this machine's
// closed network refuses it, many connections at a time).
//
// `launch` and `launchPersistent` also watch every page for Content-Security-Policy violations
// (the theme's pages carry a CSP meta): a script that saw one exits with status 1 and names
// it, whatever its own checks said.
import { chromium } from 'playwright-core';

export const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};

const violations = [];
process.on('exit', () => {
  if (!violations.length) return;
  console.log(`not ok: ${violations.length} Content-Security-Policy violation(s):`);
  for (const v of violations) console.log(`  ${v}`);
  process.exitCode = 1;
});

const watched = new WeakSet();

/** Chromium's console reports a blocked script, style or request as "Refused to …". */
function watch(target) {
  watched.add(target);
  target.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text)) {
      const page = typeof message.page === 'function' ? message.page() : null;
      violations.push(`${page ? page.url() : '?'}: ${text}`);
    }
  });
  return target;
}

/** The violations seen so far (a test may assert on them itself). */
export function cspViolations() {
  return violations.slice();
}

/** A browser whose every page is watched for CSP violations. */
export async function launch(options = {}) {
  const browser = await chromium.launch({ ...LAUNCH, ...options });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (...args) => watch(await newContext(...args));
  // Playwright's newPage opens its context through newContext, which watches already: a
  // second listener on the page would report every violation twice.
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    return watched.has(page.context()) ? page : watch(page);
  };
  return browser;
}

/** A persistent context (a profile folder, for service workers), watched the same way. */
export async function launchPersistent(profile, options = {}) {
  return watch(await chromium.launchPersistentContext(profile, { ...LAUNCH, ...options }));
}
