import type * as z from 'zod/mini';

// The shape of a route and the path helper, in a module of their own: each resource's module
// declares its routes beside its schemas (as a client calls them: method, path, response schema),
// so a bundle that calls one resource carries that resource's schemas and no other. The full
// table with the input schemas (`routes`, in routes.ts) is for the server and the OpenAPI
// document; a browser never imports it.

/**
 * Who may call a route: `public` needs no key; `publishable` accepts a publishable or secret key;
 * `secret` only a secret key; `staff` a secret key or a staff session token (`st_...`, one store's
 * staff in a browser, see `createStaffSessionRoute`).
 */
export type RouteAuth = 'public' | 'publishable' | 'secret' | 'staff';

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
  /** A response that is not JSON: its media type (e.g. `text/tab-separated-values`); no `response` schema. */
  contentType?: string;
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
