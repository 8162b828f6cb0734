// `npm test`: every test of the repository, in order, stopping at the first failing step.
// Each workspace's own `test` script runs its Node tests (PGlite, and PostgreSQL when
// DATABASE_URL is set); the browser tests run once for all packages through @web/test-runner.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const steps = [['typecheck', 'npm', ['run', 'typecheck']]];
const root = JSON.parse(readFileSync('package.json', 'utf8'));
for (const ws of root.workspaces) {
  const pkg = JSON.parse(readFileSync(`${ws}/package.json`, 'utf8'));
  if (pkg.scripts?.test) steps.push([`${pkg.name}`, 'npm', ['test', '-w', ws]]);
}
if (existsSync('web-test-runner.config.mjs')) steps.push(['browser tests', 'npm', ['run', 'test:browser']]);
if (root.scripts['test:e2e']) steps.push(['end-to-end', 'npm', ['run', 'test:e2e']]);
// Every code block of the README and docs that talks to the API, against the seeded server.
if (existsSync('scripts/check-docs.mjs')) {
  steps.push(['docs examples', process.execPath, ['--conditions=source', '--import', 'tsx', '--test', 'scripts/check-docs.mjs']]);
}
if (root.scripts['bench:budgets']) steps.push(['size budgets', 'npm', ['run', 'bench:budgets']]);
if (existsSync('scripts/check-packages.mjs')) steps.push(['packages', 'node', ['scripts/check-packages.mjs']]);
// After "packages", which has just built everything: the framework check packs that build.
if (existsSync('scripts/check-frameworks.mjs')) {
  steps.push(['frameworks', 'node', ['scripts/check-frameworks.mjs', ...(existsSync('scripts/check-packages.mjs') ? ['--no-build'] : [])]]);
}

const only = process.argv.slice(2);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
