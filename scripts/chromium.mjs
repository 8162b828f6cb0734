// The system Chromium every browser test and benchmark launches: never a downloaded build.
// As root it needs --no-sandbox; the other flags keep it off the network (this machine has
// none beyond loopback) and quiet.

/** Path of the Chromium binary: `CHROME_PATH`, else Debian's. */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Launch flags for headless runs. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
