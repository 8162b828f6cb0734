import * as z from 'zod/mini';
import { ListStoresQuery, Store, StoreIdParams, StoreList } from './stores.js';
import { CategoryList, ListProductsQuery, Product, ProductPage, SkuParams } from './products.js';
import { AvailabilityList, AvailabilityQuery, NearbyStockList, NearestQuery } from './availability.js';
import { AdjustStockBody, SetStockBody, StockChange, StockParams } from './stock.js';
import { CreateCustomerTokenBody, CustomerToken, DemoSignInBody } from './auth.js';
import { EventsBody, EventsQuery } from './events.js';

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
}

const HealthResponse = z.object({ ok: z.boolean(), version: z.string(), database: z.string() });

/** The route table of API version 1. Keys are the operation ids. */
export const routes = {
  health: {
    method: 'GET', path: '/v1/health', auth: 'public', tag: 'meta',
    summary: 'Liveness and database kind', response: HealthResponse,
  },
  listStores: {
    method: 'GET', path: '/v1/stores', auth: 'publishable', tag: 'stores',
    summary: 'List stores; filter by text, country, service; sort by distance with `near`',
    query: ListStoresQuery, response: StoreList,
  },
  getStore: {
    method: 'GET', path: '/v1/stores/:storeId', auth: 'publishable', tag: 'stores',
    summary: 'One store by id', params: StoreIdParams, response: Store,
  },
  listProducts: {
    method: 'GET', path: '/v1/products', auth: 'publishable', tag: 'products',
    summary: 'Products by `skus`, or a paged search by `q` and `category`',
    query: ListProductsQuery, response: ProductPage,
  },
  getProduct: {
    method: 'GET', path: '/v1/products/:sku', auth: 'publishable', tag: 'products',
    summary: 'One product by SKU', params: SkuParams, response: Product,
  },
  listCategories: {
    method: 'GET', path: '/v1/categories', auth: 'publishable', tag: 'products',
    summary: 'Product categories with counts', response: CategoryList,
  },
  getAvailability: {
    method: 'GET', path: '/v1/availability', auth: 'publishable', tag: 'availability',
    summary: 'Availability of many SKUs at many locations in one request',
    query: AvailabilityQuery, response: AvailabilityList,
  },
  nearestAvailability: {
    method: 'GET', path: '/v1/availability/nearest', auth: 'publishable', tag: 'availability',
    summary: 'Nearest stores that have a SKU available',
    query: NearestQuery, response: NearbyStockList,
  },
  events: {
    method: 'GET', path: '/v1/events', auth: 'publishable', tag: 'events',
    summary: 'Server-Sent Events for the topics named; resumes from `Last-Event-ID`',
    query: EventsQuery, stream: true,
  },
  eventsPost: {
    method: 'POST', path: '/v1/events', auth: 'publishable', tag: 'events',
    summary: 'Server-Sent Events for a long topic list given in the body',
    body: EventsBody, stream: true,
  },
  setStock: {
    method: 'PUT', path: '/v1/admin/stock/:storeId/:sku', auth: 'secret', tag: 'admin',
    summary: 'Set the on-hand count of a SKU at a location (a stock take)',
    params: StockParams, body: SetStockBody, response: StockChange, idempotent: true,
  },
  adjustStock: {
    method: 'POST', path: '/v1/admin/stock/adjustments', auth: 'secret', tag: 'admin',
    summary: 'Add to or take from on-hand stock, recording the reason',
    body: AdjustStockBody, response: StockChange, status: 201, idempotent: true,
  },
  createCustomerToken: {
    method: 'POST', path: '/v1/admin/customer-tokens', auth: 'secret', tag: 'admin',
    summary: "Mint a customer token for the retailer's own signed-in customer",
    body: CreateCustomerTokenBody, response: CustomerToken, status: 201, idempotent: true,
  },
  demoSignIn: {
    method: 'POST', path: '/v1/demo/sign-in', auth: 'publishable', tag: 'demo',
    summary: 'Demo only: sign in by email and get a customer token',
    body: DemoSignInBody, response: CustomerToken, status: 201,
  },
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
