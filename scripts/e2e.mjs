// `npm run test:e2e`: the end-to-end tests (e2e/*.test.mjs) with node:test, against the real
// reference server (started by each test file on 127.0.0.1, PGlite in memory) and system
// Chromium (CHROME_PATH, default /usr/bin/chromium) through playwright-core.
// The CDN bundle is built first when it is missing or older than the sources; the server and
// SDK run from their TypeScript sources (the `source` export condition).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { newest } from './newest.mjs';
import { CHROME_PATH } from './chromium.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);


if (!existsSync(CHROME_PATH)) {
  console.error(`Chromium not found at ${CHROME_PATH}; install it or set CHROME_PATH.`);
  process.exit(1);
}

const loader = 'packages/elements/dist/cdn/omnikit.js';
const sources = Math.max(
  ...['elements', 'sdk', 'contract'].map((p) => newest(`packages/${p}/src`)),
  newest('packages/elements/rollup.config.mjs'),
);
if (!existsSync(loader) || statSync(loader).mtimeMs < sources) {
  console.log('Building the CDN bundle (packages/elements)...');
  const r = spawnSync('npx', ['rollup', '-c', 'packages/elements/rollup.config.mjs', '--silent'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Node 20 has no globs in --test: list the files. `npm run test:e2e -- csp` runs matching files only.
const only = process.argv.slice(2);
const files = readdirSync('e2e')
  .filter((f) => f.endsWith('.test.mjs') && (!only.length || only.some((o) => f.includes(o))))
  .map((f) => `e2e/${f}`);
const r = spawnSync(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=1', ...files],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
