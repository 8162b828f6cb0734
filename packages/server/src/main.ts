#!/usr/bin/env node
// `omnikit-server`: the reference server from the command line, configured by environment
// variables (see cli/env.ts and docs/server.md). Prints its URLs and keys; stops cleanly on SIGINT/SIGTERM.
import { optionsFromEnv } from './cli/env.js';
import { demoSignInNotice, generateKeys } from './safety.js';
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
  server = await startServer(options);
} catch (err) {
  console.error('[omnikit] could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
}

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

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[omnikit] ${signal}: closing`);
  // A stuck close must not keep the process alive forever.
  setTimeout(() => process.exit(1), 10_000).unref();
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
