import * as z from 'zod/mini';
import {
  MAX_AVAILABILITY_PAIRS, MAX_AVAILABILITY_SKUS, MAX_AVAILABILITY_STORES, MAX_NEARBY_RADIUS_KM, MAX_NEARBY_STORES,
} from './availability.js';
import { LocationId, Sku, csv, queryInt, defineSchema } from './common.js';
import { MAX_TOPICS } from './events.js';
import { MAX_PRODUCT_SKUS } from './products.js';
import { Country, STORE_TYPES, StoreService } from './stores.js';

// The input schemas (path params, query strings, event-stream topics) the server validates
// requests with. A module of their own: browsers never parse them (the server validates
// anyway), and with the package's `sideEffects: false` a bundle that imports none of them
// drops this module and the zod types only they use (pipe, transform, coerce, refine).

/**
 * `list` with its results remembered by input text (the last 256): a page asks for the same SKU
 * lists again and again, and validating 100 SKUs costs more than the rest of a cached read. Only
 * valid inputs are kept; an invalid one is checked again each time and fails with the same issues.
 */
/* @__NO_SIDE_EFFECTS__ */
function remembered<T>(list: z.ZodMiniType<T[], string>, size = 256) {
  const seen = new Map<string, T[]>();
  return z.pipe(z.string(), z.transform((text: string, ctx) => {
    const hit = seen.get(text);
    if (hit) return [...hit];
    const r = list.safeParse(text);
    if (!r.success) {
      for (const issue of r.error.issues) ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: text });
      return z.NEVER;
    }
    if (seen.size >= size) seen.delete(seen.keys().next().value!);
    seen.set(text, r.data);
    return [...r.data];
  }));
}

/** `GET /v1/stores` */
export const ListStoresQuery = defineSchema(() => z.object({
  /** `lat,lng`: sort by distance from this point and include `distanceKm`. */
  near: z.optional(z.string().check(z.regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'expected lat,lng'))),
  /** Text to match against name, city, street and postal code (`11121` finds `111 21`). */
  q: z.optional(z.string().check(z.maxLength(100))),
  country: z.optional(Country),
  service: z.optional(StoreService),
  /** Only locations of this kind (default: stores, and lockers too with `service=locker`). */
  type: z.optional(z.enum(STORE_TYPES)),
  /** Include the online warehouse (default false). */
  includeWarehouse: z.optional(z.enum(['true', 'false'])),
  limit: z.optional(queryInt(1, 100)),
}));
export type ListStoresQuery = z.input<typeof ListStoresQuery>;

/** Path parameters of `/v1/stores/:storeId`. */
export const StoreIdParams = defineSchema(() => z.object({ storeId: LocationId }));

/** Several ids at once (`?ids=a,b`). */
export const StoreIds = csv(LocationId, 100);

/** `GET /v1/products`: by `skus`, or a search by `q` and `category`, paged. */
export const ListProductsQuery = defineSchema(() => z.object({
  skus: z.optional(remembered(csv(Sku, MAX_PRODUCT_SKUS))),
  q: z.optional(z.string().check(z.maxLength(100))),
  category: z.optional(z.string().check(z.maxLength(64))),
  page: z.optional(queryInt(1, 10_000)),
  pageSize: z.optional(queryInt(1, 100)),
}));
export type ListProductsQuery = z.input<typeof ListProductsQuery>;

/** Path parameters of `/v1/products/:sku`. */
export const SkuParams = defineSchema(() => z.object({ sku: Sku }));

/**
 * `GET /v1/availability?skus=a,b&stores=x,online`: every SKU at every location named, one
 * record per pair (unknown pairs come back as `not_stocked`; unknown SKUs are a 404 `unknown_sku`).
 * With `nearby=n`, also the `n` nearest other stores that have each SKU with none available at
 * a store asked about (see `AvailabilityAnswer`).
 */
export const AvailabilityQuery = defineSchema(() => z.object({
  skus: remembered(csv(Sku, MAX_AVAILABILITY_SKUS)),
  stores: remembered(csv(LocationId, MAX_AVAILABILITY_STORES)),
  /** How many nearby stores with stock to list per SKU out of stock at a store (1 to 10); none when absent. */
  nearby: z.optional(queryInt(1, MAX_NEARBY_STORES)),
  /** Farthest distance of a nearby store in km (1 to 1000, default 100). */
  nearbyRadiusKm: z.optional(queryInt(1, MAX_NEARBY_RADIUS_KM)),
}).check(
  z.refine((q) => q.skus.length * q.stores.length <= MAX_AVAILABILITY_PAIRS, {
    message: `at most ${MAX_AVAILABILITY_PAIRS} sku x store pairs`,
    path: ['skus'],
  }),
));
export type AvailabilityQuery = z.input<typeof AvailabilityQuery>;

/** `GET /v1/availability/nearest`: stores with the SKU available, nearest first. */
export const NearestQuery = defineSchema(() => z.object({
  sku: Sku,
  /** Measure from this store ... */
  storeId: z.optional(LocationId),
  /** ... or from `lat,lng`. One of the two is required. */
  near: z.optional(z.string().check(z.regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'expected lat,lng'))),
  /** Minimum available units (default 1). */
  minQuantity: z.optional(queryInt(1, 1_000_000)),
  limit: z.optional(queryInt(1, 50)),
  /** Farthest distance in km (default 100). */
  radiusKm: z.optional(queryInt(1, 5000)),
}));
export type NearestQuery = z.input<typeof NearestQuery>;

/** `GET /v1/events?topics=a,b` (or `POST` with the same in a JSON body when the list is long). */
export const EventsQuery = defineSchema(() => z.object({
  topics: z.string().check(z.minLength(1), z.maxLength(64 * MAX_TOPICS)),
}));

/** `POST /v1/events`: the topics of {@link EventsQuery} in a JSON body, for lists too long for a URL. */
export const EventsBody = defineSchema(() => z.object({
  topics: z.array(z.string().check(z.maxLength(200))).check(z.minLength(1), z.maxLength(MAX_TOPICS)),
}));
export type EventsBody = z.infer<typeof EventsBody>;
