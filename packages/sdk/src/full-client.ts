import type { Availability, Category, FulfillmentOptions, NearbyStock, PickupSlotList, Product, ProductPage, Store } from '@omnikit/contract';
import type { CallOptions } from './transport.js';
import type { ClientOptions } from './client-state.js';
import { createBaseClient, type BaseClient } from './base-client.js';
import * as stores from './resources/stores.js';
import * as products from './resources/products.js';
import * as catalog from './resources/catalog.js';
import * as availability from './resources/availability.js';
import * as nearest from './resources/nearest.js';
import * as fulfillment from './resources/fulfillment.js';
import * as pickup from './resources/pickup.js';
import { getManyAvailability } from './resources/availability-many.js';
import { getProducts } from './resources/products-many.js';
import { cartOf, getOrder, type CartApi } from './resources/cart.js';
import { arriveOrder, resolveOrder, watchOrder, type ArriveInput } from './resources/orders.js';
import { loyaltyStore, type LoyaltyState } from './stores/loyalty.js';
import { checkIn, getMyLedger, getMyLoyalty, joinLoyalty, signIn, signOut, type LedgerInput } from './resources/loyalty.js';
import type { LedgerPage, LoyaltyMember, LoyaltyResult } from '@omnikit/contract/loyalty';
import type { OmnikitError } from './errors.js';
import type { Cart, Order, ResolveBody } from '@omnikit/contract/cart';
import type { ReadableAtom } from 'nanostores';

export * from './base-client.js';

// The full client lives apart from the base client: it references every resource, and the
// widgets (which use the base client) must not carry them.

/** The full client: {@link BaseClient} plus every resource as a namespace. */
export interface OmnikitClient extends BaseClient {
  /** Stores and the online warehouse. */
  readonly stores: {
    /** Lists stores by text, country, service or type, each with its open state; nearest first with `near` (see `listStores`). */
    list: (query?: stores.ListStoresInput, options?: CallOptions) => Promise<Store[]>;
    /** One store by id; rejects with `unknown_store` (404) when there is none (see `getStore`). */
    get: (storeId: string, options?: CallOptions) => Promise<Store>;
  };
  /** The catalog. */
  readonly products: {
    /** Searches by text and category, paged (see `searchProducts`). */
    search: (query?: catalog.SearchProductsInput, options?: CallOptions) => Promise<ProductPage>;
    /** One product by SKU, batched per task and cached; `unknown_sku` (404) when there is none (see `getProduct`). */
    get: (sku: string) => Promise<Product>;
    /** Several products in the order asked, batched like `get` (see `getProducts`). */
    getMany: (skus: readonly string[]) => Promise<Product[]>;
    /** The categories with their product counts (see `listCategories`). */
    categories: (options?: CallOptions) => Promise<Category[]>;
  };
  /** Stock per SKU and location. */
  readonly availability: {
    /** One SKU at one location, batched per task and cached (see `getAvailability`). */
    get: (query: availability.AvailabilityKey) => Promise<Availability>;
    /** Every SKU at every location asked, SKU-major (see `getManyAvailability`). */
    getMany: (query: availability.AvailabilityManyQuery) => Promise<Availability[]>;
    /** The nearest stores that have the SKU, in one request (see `getNearestAvailability`). */
    nearest: (query: nearest.NearestInput, options?: CallOptions) => Promise<NearbyStock[]>;
    /** Calls `listener` on every change; returns the function that stops the watch (see `watchAvailability`). */
    watch: (query: availability.AvailabilityKey, listener: (a: Availability) => void) => () => void;
  };
  /** Ways to get goods from a store, with ready times (click and collect). */
  readonly fulfillment: {
    /** Pickup, curbside, lockers and delivery for a SKU and quantity, or this device's cart, at a store (see `getFulfillmentOptions`). */
    options: (input: fulfillment.SkuFulfillmentInput | fulfillment.CartFulfillmentInput, options?: CallOptions) => Promise<FulfillmentOptions>;
  };
  /** Pickup slots. */
  readonly pickup: {
    /** A store's pickup slots of one day with the places left (see `listPickupSlots`). */
    slots: (input: pickup.PickupSlotsInput, options?: CallOptions) => Promise<PickupSlotList>;
  };
  /** The shopper's cart on this device: one cart across tabs, devices and channels (see {@link CartApi}). */
  readonly cart: CartApi;
  /** The current cart (`omni.cart.$cart`), shared by every widget of the page; `null` before the first change. */
  readonly $cart: ReadableAtom<Cart | null>;
  /** Orders. */
  readonly orders: {
    /** An order this device placed (its cart's secret) or the signed-in member's; `order_not_found` (404) otherwise. */
    get: (orderId: string, options?: CallOptions) => Promise<Order>;
    /** Calls `listener` with the order now and on every change (its `order:{id}` topic); returns the function that stops the watch (see `watchOrder`). */
    watch: (orderId: string, listener: (order: Order) => void, onError?: (error: OmnikitError) => void) => () => void;
    /** "I have arrived" at a curbside pickup, with the bay or car (see `arriveOrder`). */
    arrive: (orderId: string, input?: ArriveInput, options?: CallOptions) => Promise<Order>;
    /** The choice for a needs-attention order: move, delivery, partial or cancel (see `resolveOrder`). */
    resolve: (orderId: string, choice: ResolveBody, options?: CallOptions) => Promise<Order>;
  };
  /**
   * Signs the shopper in with the customer token your login minted, in memory only (never in
   * storage or a cookie); loyalty calls send it (see `signIn`).
   */
  signIn: (input: { customerToken: string }) => void;
  /** Forgets the customer token (see `signOut`). */
  signOut: () => void;
  /** The signed-in shopper's loyalty, live: `guest`, `loading`, `not_member`, `ready` with the member and its view (see `loyaltyStore`). */
  readonly $member: ReadableAtom<LoyaltyState>;
  /** The signed-in shopper's loyalty: member, ledger, check-ins (see `loyaltyStore` for live state). */
  readonly loyalty: {
    /** Balance, tier and progress; `member_not_found` (404) before joining, `unauthorized` when not signed in (see `getMyLoyalty`). */
    me: (options?: CallOptions) => Promise<LoyaltyMember>;
    /** Joins (the signup rule's points); a member already answers as is (see `joinLoyalty`). */
    join: (options?: CallOptions) => Promise<LoyaltyMember>;
    /** A page of the ledger, newest first; pass `nextCursor` for the next (see `getMyLedger`). */
    ledger: (input?: LedgerInput, options?: CallOptions) => Promise<LedgerPage>;
    /** Checks in at a store: points once a day per store; `loyalty_limit_reached` (409) after that (see `checkIn`). */
    checkIn: (input: { storeId: string }, options?: CallOptions) => Promise<LoyaltyResult>;
  };
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
  // Made on first use: a page that never touches the cart reads no storage for it and opens no channel.
  Object.defineProperties(base, {
    cart: { get: () => cartOf(base), enumerable: true },
    $cart: { get: () => cartOf(base).$cart, enumerable: true },
  });
  Object.defineProperty(base, '$member', { get: () => loyaltyStore(base), enumerable: true });
  return Object.assign(base as BaseClient & Pick<OmnikitClient, 'cart' | '$cart' | '$member'>, {
    signIn: (input: { customerToken: string }) => signIn(base, input),
    signOut: () => signOut(base),
    loyalty: {
      me: (o?: CallOptions) => getMyLoyalty(base, o),
      join: (o?: CallOptions) => joinLoyalty(base, o),
      ledger: (i?: LedgerInput, o?: CallOptions) => getMyLedger(base, i, o),
      checkIn: (i: { storeId: string }, o?: CallOptions) => checkIn(base, i, o),
    },
    orders: {
      get: (id: string, o?: CallOptions) => getOrder(base, id, o),
      watch: (id: string, l: (order: Order) => void, e?: (error: OmnikitError) => void) => watchOrder(base, id, l, e),
      arrive: (id: string, input?: ArriveInput, o?: CallOptions) => arriveOrder(base, id, input, o),
      resolve: (id: string, choice: ResolveBody, o?: CallOptions) => resolveOrder(base, id, choice, o),
    },
    stores: {
      list: (q?: stores.ListStoresInput, o?: CallOptions) => stores.listStores(base, q, o),
      get: (id: string, o?: CallOptions) => stores.getStore(base, id, o),
    },
    fulfillment: {
      options: (i: fulfillment.SkuFulfillmentInput | fulfillment.CartFulfillmentInput, o?: CallOptions) => fulfillment.getFulfillmentOptions(base, i, o),
    },
    pickup: { slots: (i: pickup.PickupSlotsInput, o?: CallOptions) => pickup.listPickupSlots(base, i, o) },
    products: {
      search: (q?: catalog.SearchProductsInput, o?: CallOptions) => catalog.searchProducts(base, q, o),
      get: (sku: string) => products.getProduct(base, sku),
      getMany: (skus: readonly string[]) => getProducts(base, skus),
      categories: (o?: CallOptions) => catalog.listCategories(base, o),
    },
    availability: {
      get: (q: availability.AvailabilityKey) => availability.getAvailability(base, q),
      getMany: (q: availability.AvailabilityManyQuery) => getManyAvailability(base, q),
      nearest: (q: nearest.NearestInput, o?: CallOptions) => nearest.getNearestAvailability(base, q, o),
      watch: (q: availability.AvailabilityKey, l: (a: Availability) => void) => availability.watchAvailability(base, q, l),
    },
  });
}
