// `npm test -w packages/server`: every server test on PGlite (in memory), then again on the
// PostgreSQL server named by DATABASE_URL when it is set (each test file in a schema of its own).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const dir = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(`${dir}test`)
  .filter((f) => f.endsWith('.test.ts') && (!only.length || only.some((o) => f.includes(o))))
  .sort()
  .map((f) => `test/${f}`);

function run(label, env) {
  console.log(`\n# @omnikit/server tests on ${label}`);
  const r = spawnSync(process.execPath,
    ['--conditions=source', '--import', 'tsx', '--test', '--test-timeout=180000', ...files],
    { cwd: dir, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let status = run('PGlite (memory)', { OMNIKIT_TEST_DATABASE_URL: '' });
if (process.env.DATABASE_URL) {
  // Schemas left behind by an interrupted earlier run.
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  const { rows } = await c.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'omnikit\\_test\\_%'`);
  for (const r of rows) await c.query(`DROP SCHEMA IF EXISTS "${r.nspname}" CASCADE`);
  await c.end();
  status = run('PostgreSQL (DATABASE_URL)', { OMNIKIT_TEST_DATABASE_URL: process.env.DATABASE_URL }) || status;
} else {
  console.log('\n# DATABASE_URL is not set: PostgreSQL run skipped (its concurrency and fan-out tests need it)');
}
process.exit(status);
