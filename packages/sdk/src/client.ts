import { LocationId, type Availability } from '@omnikit/contract';
import type { WritableAtom } from 'nanostores';
import { OmnikitError } from './errors.js';
import type { CallOptions } from './transport.js';
import { CORE, closeCore, createCore, type ClientLike, type ClientOptions, type ResolvedConfig } from './core.js';
import { createSelectedStore } from './stores/selected-store.js';
import * as stores from './resources/stores.js';
import * as products from './resources/products.js';
import * as availability from './resources/availability.js';

export { CORE, type ClientLike, type ClientOptions, type ResolvedConfig };

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
