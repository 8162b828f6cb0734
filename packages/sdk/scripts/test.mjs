// `npm test -w packages/sdk`: every Node test file in test/ (the *.browser.test.ts files run in
// Chromium through @web/test-runner), found by name so a new file cannot be left out.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(`${dir}test`)
  .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.browser.test.ts') && (!only.length || only.some((o) => f.includes(o))))
  .sort()
  .map((f) => `test/${f}`);
const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', ...files], { cwd: dir, stdio: 'inherit' });
process.exit(r.status ?? 1);
