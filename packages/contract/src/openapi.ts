import * as z from 'zod/mini';
import * as contract from './index.js';
import { routes } from './routes.js';
import type { RouteDef } from './route-def.js';
import { CART_SECRET_HEADER } from './cart.js';
import { ERROR_CODES, ErrorEnvelope, IDEMPOTENCY_KEY_HEADER } from './errors.js';

type JsonSchema = Record<string, unknown>;

function schema(s: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const COMPONENT_PREFIX = '#/components/schemas/';

/**
 * The contract's named object schemas (`Cart`, `Order`, `Product`, ...), keyed by their export
 * name, as OpenAPI components: an answer that is or contains one refers to it instead of
 * repeating it (the cart alone was written out in full for each of its dozen routes).
 */
function components(): { byName: Map<z.ZodMiniType, string>; schemas: Record<string, JsonSchema> } {
  const registry = z.registry<{ id: string }>();
  const byName = new Map<z.ZodMiniType, string>();
  for (const [name, value] of Object.entries(contract)) {
    const def = (value as { _zod?: { def?: { type?: string } } } | null)?._zod?.def;
    // Answers only: requests stay written out where they are used (their input form differs).
    if (!/^[A-Z]/.test(name) || /(Body|Query|Params|ErrorEnvelope)$/.test(name) || def?.type !== 'object' || byName.has(value as z.ZodMiniType)) continue;
    registry.add(value as z.ZodMiniType, { id: name });
    byName.set(value as z.ZodMiniType, name);
  }
  const all = z.toJSONSchema(registry, { io: 'output', unrepresentable: 'any', uri: (id) => COMPONENT_PREFIX + id }) as { schemas: Record<string, JsonSchema> };
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, js] of Object.entries(all.schemas)) {
    const { $schema: _s, $id: _id, ...rest } = js;
    schemas[name] = rest;
  }
  return { byName, schemas };
}

/** An answer's schema: a reference when it is a named component, else written out. */
function responseSchema(s: z.ZodMiniType, named: Map<z.ZodMiniType, string>): JsonSchema {
  const name = named.get(s);
  return name ? { $ref: COMPONENT_PREFIX + name } : schema(s, 'output');
}

function parameters(def: RouteDef): unknown[] {
  const out: unknown[] = [];
  for (const [where, s] of [['path', def.params], ['query', def.query]] as const) {
    if (!s) continue;
    const js = schema(s, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop });
    }
  }
  if (def.cacheable) {
    out.push({
      name: 'If-None-Match', in: 'header', required: false,
      description: 'The `ETag` of an answer held: 304 Not Modified, with no body, while it is current.',
      schema: { type: 'string' },
    });
  }
  if (def.tag === 'cart' || def.path.startsWith('/v1/orders/')) {
    out.push({
      name: CART_SECRET_HEADER, in: 'header', required: false,
      description: "The cart's secret (from creating, resuming or merging it); or send the member's `Omnikit-Customer-Token`.",
      schema: { type: 'string' },
    });
    if (def.method !== 'GET' && def.path.includes(':cartId')) {
      out.push({
        name: 'If-Match', in: 'header', required: false,
        description: 'The cart `version` the change was made on (`"12"`): a stale one is 409 `cart_version_conflict`.',
        schema: { type: 'string' },
      });
    }
  }
  if (def.idempotent) {
    out.push({
      name: IDEMPOTENCY_KEY_HEADER, in: 'header', required: false,
      description: 'Same key, same body: one effect; the stored response is replayed.',
      schema: { type: 'string', maxLength: 255 },
    });
  }
  return out;
}

const CACHE_HEADERS = {
  ETag: { description: 'A hash of the answer: the same on every instance for the same data', schema: { type: 'string' } },
  'Cache-Control': { description: '`public, max-age=30, stale-while-revalidate=300` with a publishable key; `private, no-cache` with the secret key', schema: { type: 'string' } },
  Vary: { description: 'Includes `Authorization`', schema: { type: 'string' } },
};

/** The OpenAPI 3.1 document of the contract, built from the route table. */
export function buildOpenApi(version = '1.0.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const named = components();
  for (const [operationId, def] of Object.entries(routes) as [string, RouteDef][]) {
    const path = def.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const errorStatuses = [...new Set(Object.values(ERROR_CODES))];
    const responses: Record<string, unknown> = {
      [String(def.status ?? 200)]: def.stream
        ? { description: 'Server-Sent Events', content: { 'text/event-stream': { schema: { type: 'string' } } } }
        : def.contentType
        ? { description: 'Success', content: { [def.contentType]: { schema: { type: 'string' } } } }
        : { description: 'Success', content: { 'application/json': { schema: responseSchema(def.response!, named.byName) } }, ...(def.cacheable ? { headers: CACHE_HEADERS } : {}) },
    };
    if (def.cacheable) responses['304'] = { description: 'Not Modified: the `If-None-Match` tag is current', headers: CACHE_HEADERS };
    for (const status of errorStatuses) {
      const codes = Object.entries(ERROR_CODES).filter(([, s]) => s === status).map(([c]) => c);
      responses[String(status)] = { description: `Error: ${codes.join(', ')}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    paths[path] ??= {};
    paths[path][def.method.toLowerCase()] = {
      operationId,
      summary: def.summary,
      tags: [def.tag],
      security: def.auth === 'public' ? [] : def.auth === 'secret' ? [{ secretKey: [] }]
        : def.auth === 'staff' ? [{ secretKey: [] }, { staffToken: [] }] : [{ publishableKey: [] }, { secretKey: [] }],
      parameters: parameters(def),
      ...(def.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(def.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Omnikit API',
      version,
      description: 'Stores, products, availability, stock and live events for omnichannel retail. Every error has the shape of `Error` with a stable `code`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ...named.schemas, Error: schema(ErrorEnvelope, 'output') },
      securitySchemes: {
        publishableKey: { type: 'http', scheme: 'bearer', description: 'Publishable key `pk_...`, safe in browsers' },
        secretKey: { type: 'http', scheme: 'bearer', description: 'Secret key `sk_...`, server side only' },
        staffToken: { type: 'http', scheme: 'bearer', description: "Staff session token `st_...`: one store's staff routes, safe in the store's browser" },
      },
    },
  };
}
