// `npm start`: the whole demo in one command on a fresh clone (after `npm install`).
// - builds first when a package's dist/ is missing or older than its sources;
// - starts the reference server (PORT, default 8787; PGlite data in OMNIKIT_DATA_DIR, default
//   .omnikit/data, or PostgreSQL when DATABASE_URL is set) serving the API under /v1, the
//   storefront example at / and the CDN bundles at /cdn/;
// - runs the node-integrator simulation so stock badges visibly change;
// - prints the URLs and keys. Ctrl-C stops both.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newest } from './newest.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
process.chdir(root);

// ---- build when needed -------------------------------------------------------------------


/** Oldest output that must exist; 0 when one is missing. */
function oldest(files) {
  let min = Infinity;
  for (const f of files) {
    if (!existsSync(f)) return 0;
    min = Math.min(min, statSync(f).mtimeMs);
  }
  return min;
}

// Every package that has a build, plus the CDN folder the storefront loads.
const outputs = ['contract', 'sdk', 'server', 'elements']
  .filter((p) => existsSync(`packages/${p}/rollup.config.mjs`))
  .map((p) => `packages/${p}/dist/index.js`)
  .concat('packages/elements/dist/cdn/omnikit.js');
const sources = Math.max(
  ...['contract', 'sdk', 'server', 'elements'].flatMap((p) => [
    newest(`packages/${p}/src`),
    newest(`packages/${p}/rollup.config.mjs`),
  ]),
);
if (oldest(outputs) < sources) {
  console.log('Building (dist/ is missing or older than the sources)...');
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm run build failed; fix the error above and run npm start again.');
    process.exit(r.status ?? 1);
  }
}

// ---- server ------------------------------------------------------------------------------

const {
  startServer, optionsFromEnv, demoSignInNotice, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, CDN_IMMUTABLE, DEFAULT_SHUTDOWN_GRACE_SECONDS,
} = await import(
  `${root}/packages/server/dist/index.js`
);

const env = process.env;
let options;
let server;
try {
  // The server CLI's own reading of the environment (packages/server/src/cli/env.ts), so the
  // demo and `omnikit-server` share every default: keys, demo sign-in, CORS, data folder.
  options = optionsFromEnv(env);
  const publishableKey = options.publishableKey ?? DEMO_PUBLISHABLE_KEY;
  server = await startServer({
    // A restart begun while the previous demo still drains waits for its PGlite folder.
    dataDirLockWaitSeconds: (options.shutdownGraceSeconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS) + 5,
    ...options,
    static: [
      // Chunks are named by content hash (packages/elements/rollup.config.mjs): cached for good.
      { prefix: '/cdn/', dir: resolve('packages/elements/dist/cdn'), immutable: CDN_IMMUTABLE },
      // The example pages are written with the demo key; served, they carry the configured one.
      { prefix: '/', dir: resolve('examples/storefront'), html: (text) => text.replaceAll(DEMO_PUBLISHABLE_KEY, publishableKey) },
    ],
  });
} catch (err) {
  console.error('[start] could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
}
const publishableKey = options.publishableKey ?? DEMO_PUBLISHABLE_KEY;
const secretKey = options.secretKey ?? DEMO_SECRET_KEY;

// ---- till simulation ---------------------------------------------------------------------

/** The node-integrator example's entry: its package.json `main`, else the usual file names. */
function integratorEntry() {
  const dir = 'examples/node-integrator';
  for (const f of ['simulate.ts', 'simulate.mjs', 'index.ts', 'index.mjs', 'main.ts', 'main.mjs']) {
    if (existsSync(join(dir, f))) return join(dir, f);
  }
  return undefined;
}

let simulation;
let stopping = false;
const entry = integratorEntry();
if (entry && env.OMNIKIT_SIMULATION !== 'off') {
  // tsx with the `source` condition runs the example straight from TypeScript, as a reader would.
  simulation = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, OMNIKIT_API_URL: server.url, OMNIKIT_SECRET_KEY: secretKey, OMNIKIT_PUBLISHABLE_KEY: publishableKey },
  });
  simulation.on('exit', (code, signal) => {
    if (!stopping) console.log(`[start] till simulation ended (${signal ?? `exit ${code}`}); the server keeps running.`);
    simulation = undefined;
  });
}

const url = server.url.replace(/\/$/, '');
// The staff page's link: the demo plays the retailer's back office (demo keys only).
let staffPage = 'npm run staff-session';
if (secretKey === DEMO_SECRET_KEY) {
  const { mintStaffLink } = await import('./staff-link.mjs');
  staffPage = await mintStaffLink(url, secretKey, 'se-solna-mall-of-scandinavia').then((l) => l.url, () => staffPage);
}
console.log(`
Omnikit is running.
  Storefront   ${url}/
  API          ${url}/v1
  OpenAPI      ${url}/v1/openapi.json
  Health       ${url}/v1/health
  CDN          ${url}/cdn/omnikit.js
  Publishable  ${publishableKey}
  Secret       ${secretKey}   (server side only)
  Data         ${options.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : options.dataDir}
  Demo sign-in ${demoSignInNotice(options)}
  Staff page   ${staffPage}
  Simulation   ${simulation ? `${entry} (set OMNIKIT_SIMULATION=off to disable)` : 'not running'}
Ctrl-C stops everything.
`);

async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[start] ${signal}: stopping...`);
  simulation?.kill('SIGTERM');
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
