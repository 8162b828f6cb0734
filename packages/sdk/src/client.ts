import { CHANNELS, LocationId, type Availability, type Channel, type Currency } from '@omnikit/contract';
import type { WritableAtom } from 'nanostores';
import { OmnikitError } from './errors.js';
import { createTransport, type CallOptions, type FetchLike, type Transport } from './transport.js';
import { createSelectedStore, type StorageLike } from './stores/selected-store.js';
import type { RealtimeOptions } from './realtime.js';
import * as stores from './resources/stores.js';
import * as products from './resources/products.js';
import * as availability from './resources/availability.js';

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
  /** Tunables of the event stream (backoff, debounce, idle timeout). */
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

/** Key of the internal state on a client object. @internal */
export const CORE: unique symbol = Symbol.for('omnikit.core') as never;

/** A per-client service (batcher, cache, stream) created on first use. @internal */
export interface Service {
  close?(): void;
}

/** @internal */
export interface Core {
  readonly transport: Transport;
  readonly config: ResolvedConfig;
  readonly services: Map<unknown, object>;
  readonly realtimeOptions: RealtimeOptions;
  closed: boolean;
}

/** Anything the resource functions can run on: a client or an admin client. */
export interface ClientLike {
  /** @internal */
  readonly [CORE]: Core;
}

/**
 * The smallest client: config, selected store, close. Resource functions
 * (`getAvailability(client, q)` ...) take it, so a bundle carries only what it calls.
 */
export interface BaseClient extends ClientLike {
  /** The options the client runs with (read-only). */
  readonly config: ResolvedConfig;
  /** The shopper's chosen store id, shared by every widget and remembered in storage key `omnikit:store`. */
  readonly $selectedStore: WritableAtom<string | undefined>;
  /** Chooses a store (or none). Throws `validation_failed` for a malformed id. */
  selectStore(storeId: string | undefined): void;
  /** Ends the event stream, timers and pending polls so a Node process can exit. Further watches are ignored. */
  close(): void;
}

/** The full client: {@link BaseClient} plus every resource as a namespace. */
export interface OmnikitClient extends BaseClient {
  readonly stores: {
    list: (query?: stores.ListStoresInput, options?: CallOptions) => ReturnType<typeof stores.listStores>;
    get: (storeId: string, options?: CallOptions) => ReturnType<typeof stores.getStore>;
  };
  readonly products: {
    search: (query?: products.SearchProductsInput, options?: CallOptions) => ReturnType<typeof products.searchProducts>;
    get: (sku: string) => ReturnType<typeof products.getProduct>;
    getMany: (skus: readonly string[]) => ReturnType<typeof products.getProducts>;
    categories: (options?: CallOptions) => ReturnType<typeof products.listCategories>;
  };
  readonly availability: {
    get: (query: availability.AvailabilityKey) => ReturnType<typeof availability.getAvailability>;
    getMany: (query: availability.AvailabilityManyQuery) => ReturnType<typeof availability.getManyAvailability>;
    nearest: (query: availability.NearestInput, options?: CallOptions) => ReturnType<typeof availability.getNearestAvailability>;
    watch: (query: availability.AvailabilityKey, listener: (a: Availability) => void) => () => void;
  };
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
  const transport = createTransport({
    baseUrl: config.baseUrl,
    key,
    channel,
    ...(config.locale ? { locale: config.locale } : {}),
    timeout: config.timeout,
    retry: config.retry,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return { transport, config, services: new Map(), realtimeOptions: { ...options.realtime }, closed: false };
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

/**
 * Creates the smallest client (no namespaces): use it with the resource functions when bundle
 * size matters, as the widgets do.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createBaseClient(options: ClientOptions): BaseClient {
  const core = createCore(options.publishableKey, options);
  if (options.publishableKey.startsWith('sk_') && typeof window !== 'undefined') {
    console.warn('[omnikit] a secret key (sk_...) was given to createClient in a browser; use a publishable key (pk_...)');
  }
  const selected = createSelectedStore(options.storage);
  core.services.set(createSelectedStore, selected);
  const client: BaseClient = {
    [CORE]: core,
    config: core.config,
    $selectedStore: selected.$store,
    selectStore(storeId) {
      if (storeId !== undefined && !LocationId.safeParse(storeId).success) {
        throw new OmnikitError('validation_failed', `selectStore: "${String(storeId)}" is not a valid store id`);
      }
      selected.$store.set(storeId);
    },
    close: () => closeCore(core),
  };
  return client;
}

/**
 * Creates an Omnikit client for browsers, kiosks and Node.
 *
 * ```ts
 * const omni = createClient({ baseUrl: 'http://127.0.0.1:8787', publishableKey: 'pk_test_omnikit_demo', locale: 'sv-SE' });
 * const a = await omni.availability.get({ sku: 'OK-10001', storeId: 'se-stockholm-drottninggatan' });
 * const stop = omni.availability.watch({ sku: 'OK-10001', storeId: 'online' }, (a) => console.log(a.available));
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function createClient(options: ClientOptions): OmnikitClient {
  const base = createBaseClient(options);
  return Object.assign(base, {
    stores: {
      list: (q?: stores.ListStoresInput, o?: CallOptions) => stores.listStores(base, q, o),
      get: (id: string, o?: CallOptions) => stores.getStore(base, id, o),
    },
    products: {
      search: (q?: products.SearchProductsInput, o?: CallOptions) => products.searchProducts(base, q, o),
      get: (sku: string) => products.getProduct(base, sku),
      getMany: (skus: readonly string[]) => products.getProducts(base, skus),
      categories: (o?: CallOptions) => products.listCategories(base, o),
    },
    availability: {
      get: (q: availability.AvailabilityKey) => availability.getAvailability(base, q),
      getMany: (q: availability.AvailabilityManyQuery) => availability.getManyAvailability(base, q),
      nearest: (q: availability.NearestInput, o?: CallOptions) => availability.getNearestAvailability(base, q, o),
      watch: (q: availability.AvailabilityKey, l: (a: Availability) => void) => availability.watchAvailability(base, q, l),
    },
  });
}
