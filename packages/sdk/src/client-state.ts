import { CHANNELS, type Channel, type Currency } from '@omnikit/contract/client';
import { OmnikitError } from './errors.js';
import { createTransport, type FetchLike, type Transport } from './transport.js';
import { atom, type WritableAtom } from 'nanostores';
import type { ConnectionState, RealtimeOptions } from './realtime.js';
import { defaultStorage, type StorageLike } from './stores/selected-store.js';

/** Options of {@link createClient}. */
export interface ClientOptions {
  /** Where the API lives, e.g. `https://api.example.com` (routes are under `/v1`). `''` means the page's own origin. */
  baseUrl: string;
  /** The publishable key (`pk_...`); safe to ship to browsers. */
  publishableKey: string;
  /** The channel this client sells through. Default `web`. */
  channel?: Channel;
  /** BCP 47 locale, sent as `Accept-Language`, e.g. `sv-SE`. */
  locale?: string;
  /** Currency the host shows prices in. */
  currency?: Currency;
  /** A `fetch` to use instead of the global one (tests, proxies, `createFixtureFetch`). */
  fetch?: FetchLike;
  /** Milliseconds per attempt before a request fails with code `timeout`. Default 10 000. */
  timeout?: number;
  /** Retries of a retriable request (GET, or a mutation with an idempotency key). Default 2. */
  retry?: number;
  /** Where the selected store is remembered. Default `localStorage` when there is one; `null` to keep nothing. */
  storage?: StorageLike | null;
  /** Milliseconds a cached read counts as fresh. Default 30 000. */
  cacheTtl?: number;
  /** Milliseconds after that a stale read is still served while it is refetched. Default 300 000. */
  staleTtl?: number;
  /** Milliseconds between availability polls while the event stream is down. Default 15 000. */
  pollInterval?: number;
  /** Tunables of the event stream (backoff, debounce, idle timeout, reconcile, sharing across tabs). */
  realtime?: RealtimeOptions;
}

/** The options a client runs with, defaults filled in. */
export interface ResolvedConfig {
  readonly baseUrl: string;
  readonly publishableKey: string;
  readonly channel: Channel;
  readonly locale: string | undefined;
  readonly currency: Currency | undefined;
  readonly timeout: number;
  readonly retry: number;
  readonly cacheTtl: number;
  readonly staleTtl: number;
  readonly pollInterval: number;
}

/**
 * Key of a client's internal state (see {@link ClientLike}). Not part of the API: what it holds
 * may change in any release, so the declarations show it as an empty {@link Core}.
 */
export const CORE: unique symbol = Symbol.for('omnikit.core') as never;

/** A per-client service (batcher, cache, stream) created on first use. @internal */
export interface Service {
  close?(): void;
}

/** A client's internal state: opaque to users of the SDK (its members are internal). */
export interface Core {
  /** @internal */
  readonly transport: Transport;
  /** @internal */
  readonly config: ResolvedConfig;
  /** @internal */
  readonly services: Map<unknown, object>;
  /** @internal */
  readonly realtimeOptions: RealtimeOptions;
  /** @internal The event stream's state (`$connection`), written by the realtime service. */
  readonly connection: WritableAtom<ConnectionState>;
  /** @internal Where the selected store and the cart's id and secret are remembered (`storage` option). */
  readonly storage: StorageLike | null;
  /** @internal */
  closed: boolean;
}

/**
 * Anything the resource functions can run on: a client or an admin client (made by
 * `createClient`, `createBaseClient` or `createAdminClient`; the key brands them).
 */
export interface ClientLike {
  /** The client's internal state (opaque). */
  readonly [CORE]: Core;
}

/** @internal Returns a per-client service, creating it on first use. */
export function useService<T extends object>(client: ClientLike, factory: (client: ClientLike) => T): T {
  const core = client[CORE];
  let s = core.services.get(factory) as T | undefined;
  if (!s) {
    s = factory(client);
    core.services.set(factory, s);
  }
  return s;
}

/** @internal */
export function createCore(key: string, options: Omit<ClientOptions, 'publishableKey'>): Core {
  if (typeof options.baseUrl !== 'string') throw new OmnikitError('validation_failed', 'createClient: baseUrl must be a string (use "" for the same origin)');
  if (typeof key !== 'string' || key === '') throw new OmnikitError('validation_failed', 'createClient: an API key is required');
  const channel = options.channel ?? 'web';
  if (!(CHANNELS as readonly string[]).includes(channel)) throw new OmnikitError('validation_failed', `createClient: channel must be one of ${CHANNELS.join(', ')}`);
  const config: ResolvedConfig = Object.freeze({
    baseUrl: options.baseUrl,
    publishableKey: key,
    channel,
    locale: options.locale,
    currency: options.currency,
    timeout: positive(options.timeout, 10_000),
    retry: positive(options.retry, 2),
    cacheTtl: positive(options.cacheTtl, 30_000),
    staleTtl: positive(options.staleTtl, 300_000),
    pollInterval: positive(options.pollInterval, 15_000),
  });
  const transport = createTransport({ ...config, key, fetch: options.fetch });
  return {
    transport,
    config,
    services: new Map(),
    // An injected fetch (fixtures, proxies) is this client's own: another tab must not serve it.
    realtimeOptions: { shareAcrossTabs: !options.fetch, ...options.realtime },
    connection: atom<ConnectionState>({ status: 'idle', since: Date.now() }),
    storage: options.storage === undefined ? defaultStorage() : options.storage,
    closed: false,
  };
}

/** @internal */
export function closeCore(core: Core): void {
  if (core.closed) return;
  core.closed = true;
  for (const s of core.services.values()) (s as Service).close?.();
  core.services.clear();
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

