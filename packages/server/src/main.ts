#!/usr/bin/env node
// `omnikit-server`: the reference server from the command line, configured by environment
// variables (see cli/env.ts and docs/server.md). Prints its URLs and keys; stops cleanly on SIGINT/SIGTERM.
import { optionsFromEnv } from './cli/env.js';
import { demoSignInNotice, generateKeys } from './safety.js';
import { DEFAULT_SHUTDOWN_GRACE_SECONDS } from './lifecycle.js';
import { startServer, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } from './server.js';

if (process.argv[2] === 'keys') {
  // `omnikit-server keys` (`npm run keys` in the repository): a fresh pair for a first deployment.
  const k = generateKeys();
  console.log(`OMNIKIT_PUBLISHABLE_KEY=${k.publishableKey}\nOMNIKIT_SECRET_KEY=${k.secretKey}`);
  process.exit(0);
}

let options: ReturnType<typeof optionsFromEnv>;
let server: Awaited<ReturnType<typeof startServer>>;
try {
  options = optionsFromEnv();
  // A restart that starts while the old process still drains waits for it to let go of the
  // PGlite folder: at most its grace period and a margin to close the database.
  server = await startServer({ dataDirLockWaitSeconds: graceSeconds(options) + 5, ...options });
} catch (err) {
  console.error('[omnikit] could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
}

// Before the banner: whoever waits for it may send a signal at once.
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const where = options.databaseUrl
  ? `PostgreSQL${options.databaseSchema ? ` (schema ${options.databaseSchema})` : ''}`
  : `PGlite in ${options.dataDir}`;
console.log(`Omnikit server listening on ${server.url}
  API          ${server.url}/v1
  OpenAPI      ${server.url}/v1/openapi.json
  Health       ${server.url}/v1/health
  Database     ${where}
  Publishable  ${options.publishableKey ?? DEMO_PUBLISHABLE_KEY}
  Secret       ${options.secretKey ?? DEMO_SECRET_KEY}   (server side only)
  CORS         ${options.corsOrigins === '*' ? '*' : (options.corsOrigins ?? []).join(', ') || 'same origin only'}
  Demo sign-in ${demoSignInNotice(options)}`);

function graceSeconds(o: typeof options): number {
  return o.shutdownGraceSeconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS;
}

let stopping = false;
async function stop(signal: string) {
  // npm forwards the terminal's Ctrl-C, so one Ctrl-C can arrive twice: the drain goes on.
  if (stopping) return;
  stopping = true;
  console.log(`[omnikit] ${signal}: draining (grace ${graceSeconds(options)} s)`);
  // A stuck close (the database not answering) must not keep the process alive forever: the
  // grace period ends the connections, this ends the rest.
  setTimeout(() => {
    console.error('[omnikit] shutdown did not finish; exiting');
    process.exit(1);
  }, (graceSeconds(options) + 5) * 1000).unref();
  await server.close();
  console.log('[omnikit] stopped');
  process.exit(0);
}
