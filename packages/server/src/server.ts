import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { DEFAULT_COLLECT_WITHIN_HOURS, DEFAULT_PAYMENT_WINDOW_MINUTES, HEARTBEAT_SECONDS, type Tier } from '@omnikit/contract';
import { createApp } from './app.js';
import { migrate } from './db/migrations.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import type { Db } from './db/types.js';
import { EventBus } from './events/bus.js';
import { StreamRegistry } from './events/sse.js';
import { DEFAULT_SHUTDOWN_GRACE_SECONDS, Lifecycle, answerClientErrors } from './lifecycle.js';
import { expireOrders } from './orders.js';
import { expirePoints, syncOrders } from './loyalty/service.js';
import type { FulfillmentTimes } from './pickup/ready-time.js';
import { isEmpty, seedDatabase } from './seed/index.js';
import type { AppState } from './state.js';
import type { StaticMount } from './static.js';
import { SERVER_VERSION } from './version.js';

import { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, assertSafeConfiguration } from './safety.js';

export { DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY };

/** How often the server expires orders whose payment window has closed. */
const ORDER_EXPIRY_INTERVAL_MS = 30_000;

/** Options of {@link startServer}. Every one has a default that runs a demo on PGlite. */
export interface ServerOptions {
  /** Port to listen on; 0 picks a free one (default 8787). */
  port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** PGlite data folder, or `'memory'` (default `.omnikit/data`). Ignored when `databaseUrl` is set. */
  dataDir?: string;
  /** PostgreSQL connection string; when set, PostgreSQL is used instead of PGlite. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing; default `public`). */
  databaseSchema?: string;
  /** Publishable key (default {@link DEMO_PUBLISHABLE_KEY}). */
  publishableKey?: string;
  /** Secret key (default {@link DEMO_SECRET_KEY}). */
  secretKey?: string;
  /** Browser origins allowed by CORS, or `'*'` (default: none, same-origin only). */
  corsOrigins?: string[] | '*';
  /** Seed the demo retailer into an empty database (default true). */
  seed?: boolean;
  /** Folders to serve as static files under URL prefixes. */
  static?: StaticMount[];
  /** How long events stay replayable with `Last-Event-ID` (seconds, default 600). */
  eventRetentionSeconds?: number;
  /** Enable `POST /v1/demo/sign-in` (default false; the CLI demo turns it on). */
  demoSignIn?: boolean;
  /** Seconds between SSE heartbeats (default 15). */
  heartbeatSeconds?: number;
  /** Log one line per request (default false). */
  log?: boolean;
  /**
   * Seconds {@link RunningServer.close} waits for requests in flight before it force-closes the
   * connections left (default 10).
   */
  shutdownGraceSeconds?: number;
  /**
   * URL of the shop's page that resumes a handed-off cart, with `{code}` where the code goes,
   * e.g. `https://shop.example/cart?handoff={code}`: what cart QR codes open. Default: the
   * requesting page's origin with `/?omnikit-handoff={code}`.
   */
  handoffUrl?: string;
  /** Minutes an order paid online or by invoice waits for its payment before it expires (default 30). */
  paymentWindowMinutes?: number;
  /**
   * Hours a pickup order marked ready waits to be collected; after that it expires and releases
   * its stock and locker compartment (default 72: three days).
   */
  collectWithinHours?: number;
  /**
   * Seconds to wait for another server's lock on the PGlite data folder to go (default 0: refuse
   * at once). A restart started while the old process still drains uses this.
   */
  dataDirLockWaitSeconds?: number;
  /**
   * The current time for opening states, ready times and pickup slots (default: the system
   * clock). Tests pass a fixed or stepping clock to check a Saturday or midsummer eve on any day.
   */
  clock?: () => Date;
  /**
   * Lead times for ready times and delivery dates (any of them; the rest keep
   * `DEFAULT_FULFILLMENT_TIMES`: online stock to a store 24 h, store to store 4 h within 50 km,
   * store to locker 2 h, parcels 2 business days shipped the same day by 15:00).
   */
  fulfillmentTimes?: Partial<FulfillmentTimes>;
  /** Loyalty tiers on rolling twelve-month points, lowest first, the first at threshold 0 (default `DEFAULT_TIERS`). */
  loyaltyTiers?: readonly Tier[];
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** The data layer (for tests and tools). */
  db: Db;
  /** The event bus (for tests and tools). */
  bus: EventBus;
  /**
   * Shuts down: stops listening, answers any further request on an open connection with 503
   * `shutting_down` (health too), ends every event stream, closes connections as they go idle,
   * force-closes the rest after the grace period, then closes the bus and the database (and
   * releases the data folder). Safe to call more than once.
   */
  close(): Promise<void>;
}

/** Opens the database the options name: PostgreSQL with `databaseUrl`, else PGlite. */
export async function openDatabase(opts: Pick<ServerOptions, 'databaseUrl' | 'databaseSchema' | 'dataDir' | 'dataDirLockWaitSeconds'>): Promise<Db> {
  return opts.databaseUrl
    ? openPostgres({ url: opts.databaseUrl, schema: opts.databaseSchema })
    : openPglite(opts.dataDir ?? '.omnikit/data', {
      waitMs: (opts.dataDirLockWaitSeconds ?? 0) * 1000,
      onWait: (owner) => console.warn(`[omnikit] the data folder is in use by pid ${owner.pid}; waiting up to ${opts.dataDirLockWaitSeconds} s for it`),
    });
}

/** Migrates (and seeds an empty database) under the start-up lock. */
export async function prepareDatabase(db: Db, seed = true): Promise<void> {
  await db.withStartupLock(async (q) => {
    await migrate(q);
    if (seed && (await isEmpty(q))) {
      await q.query('BEGIN');
      try {
        await seedDatabase(q);
        await q.query('COMMIT');
      } catch (err) {
        await q.query('ROLLBACK');
        throw err;
      }
    }
  });
}

/** Starts the reference server: opens the database, migrates, seeds, listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  // Before anything opens: a refused configuration must not touch the data or a port.
  assertSafeConfiguration(options);
  const retentionSeconds = options.eventRetentionSeconds ?? 600;
  if (!(retentionSeconds >= 1)) throw new RangeError('eventRetentionSeconds must be at least 1');
  if (options.handoffUrl !== undefined && !/^https?:\/\/\S*\{code\}/.test(options.handoffUrl)) {
    throw new RangeError('handoffUrl must be an http(s) URL containing {code}');
  }
  const graceMs = (options.shutdownGraceSeconds ?? DEFAULT_SHUTDOWN_GRACE_SECONDS) * 1000;
  if (!(graceMs >= 0)) throw new RangeError('shutdownGraceSeconds must be 0 or more');
  if (options.collectWithinHours !== undefined && !(options.collectWithinHours > 0)) throw new RangeError('collectWithinHours must be more than 0');
  let lifecycle: Lifecycle | undefined;
  const db = await openDatabase(options);
  let server: Server | undefined;
  let bus: EventBus | undefined;
  try {
    await prepareDatabase(db, options.seed ?? true);
    bus = new EventBus(db, { retentionSeconds, namespace: options.databaseUrl ? (options.databaseSchema ?? 'public') : 'local' });
    await bus.start();
    const streams = new StreamRegistry();
    const state: AppState = {
      db, bus, streams,
      keys: { publishable: options.publishableKey ?? DEMO_PUBLISHABLE_KEY, secret: options.secretKey ?? DEMO_SECRET_KEY },
      version: SERVER_VERSION,
      demoSignIn: options.demoSignIn ?? false,
      heartbeatMs: (options.heartbeatSeconds ?? HEARTBEAT_SECONDS) * 1000,
      ...(options.handoffUrl ? { handoffUrl: options.handoffUrl } : {}),
      paymentWindowMinutes: options.paymentWindowMinutes ?? DEFAULT_PAYMENT_WINDOW_MINUTES,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.fulfillmentTimes ? { fulfillmentTimes: options.fulfillmentTimes } : {}),
      collectWithinHours: options.collectWithinHours ?? DEFAULT_COLLECT_WITHIN_HOURS,
      ...(options.loyaltyTiers ? { loyaltyTiers: options.loyaltyTiers } : {}),
    };
    const app = createApp(
      state,
      {
        corsOrigins: options.corsOrigins ?? [], static: options.static ?? [], log: options.log ?? false,
        draining: () => lifecycle?.draining ?? false,
      },
    );
    const host = options.host ?? '127.0.0.1';
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }) as Server;
      // Before the first connection can arrive (that is a later tick): every one is tracked.
      lifecycle = new Lifecycle(s);
      answerClientErrors(s);
      s.once('listening', () => resolve(s));
      s.once('error', reject);
    });
    const edge = lifecycle!;
    const port = (server.address() as AddressInfo).port;
    const running = bus;
    // Unpaid orders past their payment window release their stock (reading such an order also does).
    let expiring: Promise<unknown> | undefined;
    const expiry = setInterval(() => {
      // Then loyalty follows what changed: points of orders paid, collected or returned, points past their lifetime.
      expiring ??= expireOrders(state).then(() => syncOrders(state)).then(() => expirePoints(state))
        .catch((err: unknown) => console.error('[omnikit] order expiry:', err))
        .finally(() => (expiring = undefined));
    }, ORDER_EXPIRY_INTERVAL_MS);
    expiry.unref();
    // After an order changes (its `order.changed` on the bus, from any instance), loyalty follows
    // the orders that changed (points when paid, reversals on a return) in transactions of its
    // own; one pass at a time, another after it when more came in. Other mutations (a cart's
    // lines, stock) start no pass.
    let following: Promise<unknown> | undefined;
    let followAgain = false;
    let stopped = false;
    const follow = (): void => {
      if (stopped) return;
      if (following) {
        followAgain = true;
        return;
      }
      following = syncOrders(state)
        .catch((err: unknown) => console.error('[omnikit] loyalty:', err))
        .finally(() => {
          following = undefined;
          if (followAgain) {
            followAgain = false;
            follow();
          }
        });
    };
    const unobserve = running.observe((e) => {
      // Once per change: the order's own topic, not the copies on its stores' topics.
      if (e.event.type === 'order.changed' && e.topic.startsWith('order:')) follow();
    });
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      db,
      bus: running,
      close: () =>
        (closing ??= (async () => {
          clearInterval(expiry);
          await edge.drain(streams, graceMs);
          stopped = true;
          unobserve();
          await expiring;
          await following;
          await running.stop();
          await db.close();
        })()),
    };
  } catch (err) {
    server?.close();
    await bus?.stop().catch(() => {});
    await db.close().catch(() => {});
    throw err;
  }
}
