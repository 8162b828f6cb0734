import { resolve } from 'node:path';
import { usesDemoKeys } from '../safety.js';
import type { ServerOptions } from '../server.js';

/**
 * Server options from environment variables (the CLI's configuration):
 * PORT (8787), HOST (127.0.0.1), OMNIKIT_DATA_DIR (.omnikit/data, relative to where npm was run), DATABASE_URL, OMNIKIT_DB_SCHEMA,
 * OMNIKIT_PUBLISHABLE_KEY, OMNIKIT_SECRET_KEY, OMNIKIT_CORS_ORIGINS (`*` or a comma list; default `*`),
 * OMNIKIT_DEMO_SIGN_IN (on with the demo keys, off with keys of your own unless `1`/`true`),
 * OMNIKIT_EVENT_RETENTION_SECONDS (600), OMNIKIT_LOG (on unless `0`/`false`),
 * OMNIKIT_SHUTDOWN_GRACE_SECONDS (10), OMNIKIT_HANDOFF_URL (cart QR codes' page, with `{code}`),
 * OMNIKIT_PAYMENT_WINDOW_MINUTES (30).
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const flag = (v: string | undefined, dflt: boolean) => (v === undefined || v === '' ? dflt : !/^(0|false|off|no)$/i.test(v));
  const num = (name: string, v: string | undefined, dflt: number) => {
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${JSON.stringify(v)}`);
    return n;
  };
  const cors = env.OMNIKIT_CORS_ORIGINS?.trim();
  // npm runs workspace scripts inside the package folder; INIT_CWD is where the user typed the
  // command, so `npm start -w packages/server` and `npm run db:reset` use the same data folder.
  const dataDir = env.OMNIKIT_DATA_DIR || '.omnikit/data';
  const keys = { publishableKey: env.OMNIKIT_PUBLISHABLE_KEY || undefined, secretKey: env.OMNIKIT_SECRET_KEY || undefined };
  return {
    port: num('PORT', env.PORT, 8787),
    host: env.HOST || '127.0.0.1',
    dataDir: dataDir === 'memory' ? dataDir : resolve(env.INIT_CWD || process.cwd(), dataDir),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.OMNIKIT_DB_SCHEMA ? { databaseSchema: env.OMNIKIT_DB_SCHEMA } : {}),
    ...(env.OMNIKIT_PUBLISHABLE_KEY ? { publishableKey: env.OMNIKIT_PUBLISHABLE_KEY } : {}),
    ...(env.OMNIKIT_SECRET_KEY ? { secretKey: env.OMNIKIT_SECRET_KEY } : {}),
    corsOrigins: !cors || cors === '*' ? '*' : cors.split(',').map((o) => o.trim()).filter(Boolean),
    // The demo keys are published, so demo sign-in hands out nothing there; with real keys it
    // would let anyone act as any member, so it is on only when asked for.
    demoSignIn: flag(env.OMNIKIT_DEMO_SIGN_IN, usesDemoKeys(keys)),
    eventRetentionSeconds: num('OMNIKIT_EVENT_RETENTION_SECONDS', env.OMNIKIT_EVENT_RETENTION_SECONDS, 600) || 600,
    log: flag(env.OMNIKIT_LOG, true),
    ...(env.OMNIKIT_HANDOFF_URL ? { handoffUrl: env.OMNIKIT_HANDOFF_URL } : {}),
    ...(env.OMNIKIT_PAYMENT_WINDOW_MINUTES ? { paymentWindowMinutes: num('OMNIKIT_PAYMENT_WINDOW_MINUTES', env.OMNIKIT_PAYMENT_WINDOW_MINUTES, 30) } : {}),
    ...(env.OMNIKIT_COLLECT_WITHIN_HOURS ? { collectWithinHours: num('OMNIKIT_COLLECT_WITHIN_HOURS', env.OMNIKIT_COLLECT_WITHIN_HOURS, 72) } : {}),
    ...(env.OMNIKIT_SHUTDOWN_GRACE_SECONDS ? { shutdownGraceSeconds: num('OMNIKIT_SHUTDOWN_GRACE_SECONDS', env.OMNIKIT_SHUTDOWN_GRACE_SECONDS, 10) } : {}),
  };
}
