// How every browser test starts Chromium: Debian's /usr/bin/chromium (or $CHROMIUM), headless,
// without the sandbox (tests run as root) and without background networking (this machine's
// closed network refuses it, many connections at a time).
export const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
};
