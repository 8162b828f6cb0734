/**
 * The Omnikit reference server: the contract served by Hono on Node, stored in PostgreSQL's
 * dialect (PGlite embedded, or a PostgreSQL server), with seed data and a live event stream.
 * @packageDocumentation
 */
export { startServer, openDatabase, prepareDatabase, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } from './server.js';
export type { ServerOptions, RunningServer } from './server.js';
export { assertSafeConfiguration, demoSignInNotice, generateKeys, isLoopback, usesDemoKeys, UnsafeConfigurationError } from './safety.js';
export { optionsFromEnv } from './cli/env.js';
export { createApp, MAX_BODY_BYTES, MAX_BODY_DEPTH } from './app.js';
export { DEFAULT_SHUTDOWN_GRACE_SECONDS } from './lifecycle.js';
export { DataFolderLockedError, LOCK_FILE } from './db/folder-lock.js';
export type { AppOptions } from './app.js';
export { SEED_FIXTURES, buildSeed } from './seed/index.js';
export { MIGRATIONS, migrate, dropAll } from './db/migrations.js';
export type { Db, DbKind, Queryable } from './db/types.js';
export { CDN_IMMUTABLE } from './static.js';
export type { StaticMount } from './static.js';
export { EventBus } from './events/bus.js';
/** For a launcher of its own around `createApp`: run it every few seconds, as `startServer` does every 30 s. */
export { expireOrders } from './orders.js';
export type { AppState } from './state.js';
