import * as z from 'zod/mini';
import { LocationId, Quantity, Sku, Timestamp, csv, list, queryInt } from './common.js';
import { Store } from './stores.js';

/**
 * Stock status of one SKU at one location.
 * - `in_stock`: more than the low-stock threshold available
 * - `low_stock`: 1..threshold available
 * - `out_of_stock`: the location carries the SKU but none is available
 * - `not_stocked`: the location does not carry the SKU at all
 */
export const STOCK_STATUSES = ['in_stock', 'low_stock', 'out_of_stock', 'not_stocked'] as const;
export const StockStatus = z.enum(STOCK_STATUSES);
export type StockStatus = z.infer<typeof StockStatus>;

/** Stock of one SKU at one location (a store, or `online`). `available = onHand - reserved`. */
export const Availability = z.object({
  sku: Sku,
  storeId: LocationId,
  onHand: Quantity,
  reserved: Quantity,
  available: Quantity,
  status: StockStatus,
  /** At or below this many available units the status is `low_stock`. */
  lowStockThreshold: Quantity,
  updatedAt: Timestamp,
});
export type Availability = z.infer<typeof Availability>;

export const AvailabilityList = list(Availability);
export type AvailabilityList = z.infer<typeof AvailabilityList>;

/**
 * Most SKUs and locations one availability request may name, and most SKU x location pairs
 * (so a grid stays bounded: 200 SKUs at 10 locations, or 40 at 50). The SDK chunks at these.
 */
export const MAX_AVAILABILITY_SKUS = 200;
export const MAX_AVAILABILITY_STORES = 50;
export const MAX_AVAILABILITY_PAIRS = 2000;

/**
 * `GET /v1/availability?skus=a,b&stores=x,online`: every SKU at every location named, one
 * record per pair (unknown pairs come back as `not_stocked`; unknown SKUs are a 404 `unknown_sku`).
 */
export const AvailabilityQuery = z.object({
  skus: csv(Sku, MAX_AVAILABILITY_SKUS),
  stores: csv(LocationId, MAX_AVAILABILITY_STORES),
}).check(
  z.refine((q) => q.skus.length * q.stores.length <= MAX_AVAILABILITY_PAIRS, {
    message: `at most ${MAX_AVAILABILITY_PAIRS} sku x store pairs`,
    path: ['skus'],
  }),
);
export type AvailabilityQuery = z.input<typeof AvailabilityQuery>;

/** `GET /v1/availability/nearest`: stores with the SKU available, nearest first. */
export const NearestQuery = z.object({
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
});
export type NearestQuery = z.input<typeof NearestQuery>;

export const NearbyStock = z.object({
  store: Store,
  distanceKm: z.number().check(z.minimum(0)),
  availability: Availability,
});
export type NearbyStock = z.infer<typeof NearbyStock>;
export const NearbyStockList = list(NearbyStock);
export type NearbyStockList = z.infer<typeof NearbyStockList>;
