import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import {
  CART_SECRET_HEADER, CHANNEL_HEADER, CUSTOMER_TOKEN_HEADER, EVENT_POSITION_HEADER, IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER, Sku, routes,
  type RouteDef, type RouteName,
} from '@omnikit/contract';
import { buildOpenApi } from '@omnikit/contract/openapi';
import { authorize, bearerKey, isStaffToken, resolveCustomerToken, resolveStaffToken } from './auth.js';
import { ApiError, errorEnvelope, toIssues } from './errors.js';
import { runMutation } from './idempotency.js';
import { handlers } from './routes/index.js';
import { findProduct } from './routes/products.js';
import type { Env } from './routes/types.js';
import { productSvg } from './seed/images.js';
import type { AppState } from './state.js';
import { findStatic, staticResponse, type StaticMount } from './static.js';

/** Largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 64 * 1024;
/**
 * Deepest nesting of arrays and objects accepted in a JSON body. No request of the contract
 * needs more than 3; the limit keeps every recursive walk of the body (schema, NUL check) far
 * from the stack's end.
 */
export const MAX_BODY_DEPTH = 64;

export interface AppOptions {
  /** Origins allowed to call the API from a browser, or `'*'`; none when empty. */
  corsOrigins: string[] | '*';
  static: StaticMount[];
  log: boolean;
  /**
   * True while the server shuts down: every request, also one on a kept-alive connection, gets
   * 503 `shutting_down` with `Connection: close`, so no new work (and no new stream) starts.
   */
  draining?: () => boolean;
}

interface Schema {
  safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Path of the first string holding a NUL character (PostgreSQL text cannot store one), if any. */
function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findNul(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether `value` nests arrays and objects deeper than `max` (iterative: a deep value cannot overflow it). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function parse(schema: unknown, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const nul = findNul(value, where);
  if (nul) throw new ApiError('validation_failed', `The request ${where} is not valid.`, [{ path: nul, message: 'NUL characters are not allowed' }]);
  const r = (schema as Schema).safeParse(value);
  if (!r.success) throw new ApiError('validation_failed', `The request ${where} is not valid.`, toIssues(where, r.error.issues));
  return r.data;
}

async function readJson(c: Context<Env>): Promise<unknown> {
  const type = c.req.header('Content-Type');
  if (type && !/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new ApiError('unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await c.req.text();
  let value: unknown;
  try {
    // JSON.parse itself does not recurse on the stack, so a deep body parses; what walks it after must not.
    value = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
  if (nestsDeeperThan(value, MAX_BODY_DEPTH)) {
    throw new ApiError('body_too_deep', `The request body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep.`);
  }
  return value;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;
const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,255}$/;

/** The Hono app: middleware, every route of the contract's table, images, OpenAPI and static files. */
export function createApp(state: AppState, opts: AppOptions): Hono<Env> {
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming && REQUEST_ID_RE.test(incoming) ? incoming : `req_${randomUUID().replace(/-/g, '')}`;
    c.set('requestId', requestId);
    const started = performance.now();
    // Taken before the handler reads: every change the answer may miss comes after it.
    const position = String(state.bus.seenThrough);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, requestId);
    c.res.headers.set(EVENT_POSITION_HEADER, position);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    // Draining: whatever this answer is (a CORS preflight too), the connection ends after it.
    if (opts.draining?.()) c.res.headers.set('Connection', 'close');
    if (opts.log) {
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms ${requestId}`);
    }
  });

  if (opts.corsOrigins === '*' || opts.corsOrigins.length) {
    app.use('*', cors({
      origin: opts.corsOrigins,
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', IDEMPOTENCY_KEY_HEADER, CHANNEL_HEADER, CUSTOMER_TOKEN_HEADER, CART_SECRET_HEADER, 'If-Match', 'Last-Event-ID', REQUEST_ID_HEADER],
      exposeHeaders: [REQUEST_ID_HEADER, EVENT_POSITION_HEADER, 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    }));
  }

  if (opts.draining) {
    const draining = opts.draining;
    app.use('*', async (_c, next) => {
      if (draining()) {
        throw new ApiError('shutting_down', 'This server is stopping; retry in a moment.', undefined, { 'Retry-After': '1', Connection: 'close' });
      }
      await next();
    });
  }

  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      // The rest of the body is still unread on the socket: end the connection after answering
      // instead of reading it as the next request.
      throw new ApiError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} kB.`, undefined, { Connection: 'close' });
    },
  });
  // Reads skip it: asking a GET for its body makes @hono/node-server build a full Request (and an
  // AbortSignal) per request, a tenth of a hot read's time; no GET route reads a body.
  app.use('*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)));

  // Every operation of the route table, so the server serves exactly what the contract says.
  for (const [name, def] of Object.entries(routes) as [RouteName, RouteDef][]) {
    const handler = handlers[name] as unknown as (input: Record<string, unknown>) => Promise<unknown>;
    app.on(def.method, def.path, async (c) => {
      // Streams also take `?key=`: EventSource cannot send headers.
      const fromHeader = bearerKey(c.req.header('Authorization'));
      const key = fromHeader ?? (def.stream ? c.req.query('key') : undefined);
      // A staff token (one store's staff, in a browser) opens the staff routes and the event
      // stream (in the header only: for its store's orders topic) and nothing else.
      const credential = (def.auth === 'staff' || def.stream) && isStaffToken(fromHeader)
        ? await resolveStaffToken(state.db, fromHeader)
        : authorize(state.keys, def.auth, key);
      c.set('credential', credential);
      if (credential?.kind === 'secret' && key !== fromHeader) {
        // URLs end up in logs and browser history: a secret key there is a leaked secret key.
        throw new ApiError('unauthorized', 'Send a secret key in the Authorization header, never in a URL.');
      }
      const customerToken = c.req.header(CUSTOMER_TOKEN_HEADER);
      if (customerToken !== undefined && def.auth !== 'public') c.set('customerId', await resolveCustomerToken(state.db, customerToken));
      const params = parse(def.params, c.req.param(), 'params');
      const query = parse(def.query, c.req.query(), 'query');
      const rawBody = def.body ? await readJson(c) : undefined;
      const body = parse(def.body, rawBody, 'body');
      const input = { params, query, body, c, app: state, q: state.db };

      if (def.idempotent) {
        const idemKey = c.req.header(IDEMPOTENCY_KEY_HEADER);
        if (idemKey !== undefined && !IDEMPOTENCY_KEY_RE.test(idemKey)) {
          throw new ApiError('validation_failed', 'Invalid Idempotency-Key.', [{ path: `header.${IDEMPOTENCY_KEY_HEADER}`, message: '1 to 255 visible ASCII characters' }]);
        }
        const result = await runMutation(
          state.db,
          { key: idemKey, credential: credential!.id, route: name, request: { params: c.req.param(), body: rawBody }, status: def.status ?? 200 },
          (tx) => handler({ ...input, q: tx }),
        );
        // Committed: deliver the events it wrote to this process's subscribers now.
        state.bus.poke();
        return c.json(result.body as object, result.status as 200, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
      }
      const result = await handler(input);
      if (result instanceof Response) return result;
      return c.json(result as object, (def.status ?? 200) as 200);
    });
  }

  const openapi = buildOpenApi(state.version);
  app.get('/v1/openapi.json', (c) => c.json(openapi));

  // Generated product images, public (an <img> cannot send a key).
  app.get('/images/products/:file', async (c) => {
    const m = /^(.+)\.svg$/.exec(c.req.param('file'));
    if (!m || !Sku.safeParse(m[1]).success) throw new ApiError('not_found', 'No such image.');
    const product = await findProduct(state.db, m[1]!).catch(() => {
      throw new ApiError('not_found', 'No such image.');
    });
    return c.body(productSvg({ sku: product.sku, name: product.name, category: product.category_id }), 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
      // An SVG opened directly must not run anything (ours have no script; this keeps it so).
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  });

  // A known path with another method: 405 with the methods it has.
  const byPath = new Map<string, string[]>();
  for (const def of Object.values(routes) as RouteDef[]) byPath.set(def.path, [...(byPath.get(def.path) ?? []), def.method]);
  byPath.set('/v1/openapi.json', ['GET']);
  for (const [path, methods] of byPath) {
    app.all(path, () => {
      throw new ApiError('method_not_allowed', `Use ${methods.join(' or ')} on this path.`, undefined, { Allow: [...methods, 'OPTIONS'].join(', ') });
    });
  }

  if (opts.static.length) {
    app.get('*', async (c, next) => {
      const found = await findStatic(opts.static, c.req.path);
      if (!found) return next();
      return staticResponse(found, c.req.raw.headers);
    });
  }

  app.notFound((c) => c.json(errorEnvelope('not_found', `No route for ${c.req.method} ${c.req.path}.`, c.get('requestId')), 404));

  app.onError((err, c) => {
    const requestId = c.get('requestId') ?? 'unknown';
    if (err instanceof ApiError) {
      return c.json(errorEnvelope(err.code, err.message, requestId, err.issues, err.details), err.status as 400, err.headers);
    }
    const pgCode = (err as { code?: unknown }).code;
    // A stock row check failing means a race the conditional updates did not see: no stock, not a fault.
    if (pgCode === '23514') return c.json(errorEnvelope('insufficient_stock', 'Not enough stock for this change.', requestId), 409);
    if (pgCode === '40001' || pgCode === '40P01') {
      return c.json(errorEnvelope('service_unavailable', 'The database was busy; retry.', requestId), 503, { 'Retry-After': '1' });
    }
    // The client went away (or a shutdown cut the connection) mid-request: nobody reads an answer.
    if (c.req.raw.signal.aborted) return c.body(null, 499 as 400);
    // A real fault: log it here, answer with no detail (no stack, no SQL) to the client.
    console.error(`[omnikit] ${requestId} ${c.req.method} ${c.req.path}:`, err);
    return c.json(errorEnvelope('internal_error', 'Something went wrong on the server.', requestId), 500);
  });

  return app;
}
