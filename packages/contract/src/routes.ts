import * as z from 'zod/mini';
import { defineSchema } from './common.js';
import { Store, StoreList } from './stores.js';
import { CategoryList, Product, ProductPage } from './products.js';
import { AvailabilityAnswer, NearbyStockList } from './availability.js';
import { AdjustStockBody, SetStockBody, StockChange, StockParams } from './stock.js';
import { CreateCustomerTokenBody, CustomerToken, DemoSignInBody } from './auth.js';
import { AvailabilityQuery, EventsBody, EventsQuery, ListProductsQuery, ListStoresQuery, NearestQuery, SkuParams, StoreIdParams } from './inputs.js';

/** Who may call a route: `public` needs no key; `publishable` accepts a publishable or secret key; `secret` only a secret key. */
export type RouteAuth = 'public' | 'publishable' | 'secret';

/** One operation of the API, shared by the SDK (to call it) and the server (to serve it). */
export interface RouteDef {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with `:name` parameters, e.g. `/v1/stores/:storeId`. */
  path: string;
  auth: RouteAuth;
  summary: string;
  tag: string;
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** Schema of a 2xx JSON response; absent for streams. */
  response?: z.ZodMiniType;
  /** Success status (default 200). */
  status?: number;
  /** Mutations accept and honour an `Idempotency-Key`. */
  idempotent?: boolean;
  /** Response is `text/event-stream`. */
  stream?: boolean;
  /**
   * A read whose answers carry `ETag` and `Cache-Control` (a CDN may keep them); a request whose
   * `If-None-Match` names the current tag gets `304 Not Modified` with no body.
   */
  cacheable?: boolean;
}

const HealthResponse = defineSchema(() => z.object({ ok: z.boolean(), version: z.string(), database: z.string() }));

// Each route is its own export, as a client calls it: method, path and the response schema. The
// input schemas (params, query, body) are added in `routes`, which the server validates with;
// so a browser bundle keeps only the response schemas of the routes it calls (the `routes` table
// references every schema, admin and demo bodies included, and cannot be tree-shaken).

/** `health` of {@link routes} as a client calls it (no input schemas). */
export const healthRoute = {
  method: 'GET', path: '/v1/health', auth: 'public', tag: 'meta',
  summary: 'Liveness and database kind', response: HealthResponse,
} as const satisfies RouteDef;

/** `listStores` of {@link routes} as a client calls it (no input schemas). */
export const listStoresRoute = {
  method: 'GET', path: '/v1/stores', auth: 'publishable', tag: 'stores',
  summary: 'List stores; filter by text, country, service; sort by distance with `near`',
  response: StoreList,
} as const satisfies RouteDef;

/** `getStore` of {@link routes} as a client calls it (no input schemas). */
export const getStoreRoute = {
  method: 'GET', path: '/v1/stores/:storeId', auth: 'publishable', tag: 'stores',
  summary: 'One store by id', response: Store,
} as const satisfies RouteDef;

/** `listProducts` of {@link routes} as a client calls it (no input schemas). */
export const listProductsRoute = {
  method: 'GET', path: '/v1/products', auth: 'publishable', tag: 'products',
  summary: 'Products by `skus`, or a paged search by `q` and `category`',
  response: ProductPage,
} as const satisfies RouteDef;

/** `getProduct` of {@link routes} as a client calls it (no input schemas). */
export const getProductRoute = {
  method: 'GET', path: '/v1/products/:sku', auth: 'publishable', tag: 'products',
  summary: 'One product by SKU', response: Product,
} as const satisfies RouteDef;

/** `listCategories` of {@link routes} as a client calls it (no input schemas). */
export const listCategoriesRoute = {
  method: 'GET', path: '/v1/categories', auth: 'publishable', tag: 'products',
  summary: 'Product categories with counts', response: CategoryList,
} as const satisfies RouteDef;

/** `getAvailability` of {@link routes} as a client calls it (no input schemas). */
export const getAvailabilityRoute = {
  method: 'GET', path: '/v1/availability', auth: 'publishable', tag: 'availability',
  summary: 'Availability of many SKUs at many locations in one request; with `nearby`, the nearest stores that have what is out of stock',
  response: AvailabilityAnswer,
} as const satisfies RouteDef;

/** `nearestAvailability` of {@link routes} as a client calls it (no input schemas). */
export const nearestAvailabilityRoute = {
  method: 'GET', path: '/v1/availability/nearest', auth: 'publishable', tag: 'availability',
  summary: 'Nearest stores that have a SKU available',
  response: NearbyStockList,
} as const satisfies RouteDef;

/** `events` of {@link routes} as a client calls it (no input schemas). */
export const eventsRoute = {
  method: 'GET', path: '/v1/events', auth: 'publishable', tag: 'events',
  summary: 'Server-Sent Events for the topics named; resumes from `Last-Event-ID`',
  stream: true,
} as const satisfies RouteDef;

/** `eventsPost` of {@link routes} as a client calls it (no input schemas). */
export const eventsPostRoute = {
  method: 'POST', path: '/v1/events', auth: 'publishable', tag: 'events',
  summary: 'Server-Sent Events for a long topic list given in the body',
  stream: true,
} as const satisfies RouteDef;

/** `setStock` of {@link routes} as a client calls it (no input schemas). */
export const setStockRoute = {
  method: 'PUT', path: '/v1/admin/stock/:storeId/:sku', auth: 'secret', tag: 'admin',
  summary: 'Set the on-hand count of a SKU at a location (a stock take)',
  response: StockChange, idempotent: true,
} as const satisfies RouteDef;

/** `adjustStock` of {@link routes} as a client calls it (no input schemas). */
export const adjustStockRoute = {
  method: 'POST', path: '/v1/admin/stock/adjustments', auth: 'secret', tag: 'admin',
  summary: 'Add to or take from on-hand stock, recording the reason',
  response: StockChange, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `createCustomerToken` of {@link routes} as a client calls it (no input schemas). */
export const createCustomerTokenRoute = {
  method: 'POST', path: '/v1/admin/customer-tokens', auth: 'secret', tag: 'admin',
  summary: "Mint a customer token for the retailer's own signed-in customer",
  response: CustomerToken, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `demoSignIn` of {@link routes} as a client calls it (no input schemas). */
export const demoSignInRoute = {
  method: 'POST', path: '/v1/demo/sign-in', auth: 'publishable', tag: 'demo',
  summary: 'Demo only: sign in by email and get a customer token',
  response: CustomerToken, status: 201,
} as const satisfies RouteDef;

/** A route with its input schemas. A call, not a spread in the table, so bundlers can drop the unused table. */
/* @__NO_SIDE_EFFECTS__ */
function withInput<R extends RouteDef, I extends Pick<RouteDef, 'params' | 'query' | 'body' | 'cacheable'>>(route: R, input: I): R & I {
  return { ...route, ...input };
}

/** The route table of API version 1. Keys are the operation ids. */
export const routes = {
  health: healthRoute,
  listStores: withInput(listStoresRoute, { query: ListStoresQuery, cacheable: true }),
  getStore: withInput(getStoreRoute, { params: StoreIdParams, cacheable: true }),
  listProducts: withInput(listProductsRoute, { query: ListProductsQuery, cacheable: true }),
  getProduct: withInput(getProductRoute, { params: SkuParams, cacheable: true }),
  listCategories: withInput(listCategoriesRoute, { cacheable: true }),
  getAvailability: withInput(getAvailabilityRoute, { query: AvailabilityQuery }),
  nearestAvailability: withInput(nearestAvailabilityRoute, { query: NearestQuery }),
  events: withInput(eventsRoute, { query: EventsQuery }),
  eventsPost: withInput(eventsPostRoute, { body: EventsBody }),
  setStock: withInput(setStockRoute, { params: StockParams, body: SetStockBody }),
  adjustStock: withInput(adjustStockRoute, { body: AdjustStockBody }),
  createCustomerToken: withInput(createCustomerTokenRoute, { body: CreateCustomerTokenBody }),
  demoSignIn: withInput(demoSignInRoute, { body: DemoSignInBody }),
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;

/**
 * Fills `:name` parameters of a route path. Values are URI-encoded.
 * `buildPath('/v1/stores/:storeId', { storeId: 'se-sto-01' })` is `/v1/stores/se-sto-01`.
 */
export function buildPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
