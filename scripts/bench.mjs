// `npm run bench`: every benchmark under bench/, one after the other (each prints its own
// report): bundle sizes against the budgets, render times in Chromium, and the server.
// Pass names to run some: `npm run bench -- size render`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const benches = Object.keys(root.scripts).filter((s) => s.startsWith('bench:') && s !== 'bench:budgets');
const only = process.argv.slice(2);
let failed = 0;
for (const name of benches) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n=== ${name} ===`);
  const r = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`=== ${name}: FAILED ===`);
  }
}
process.exit(failed ? 1 : 0);
