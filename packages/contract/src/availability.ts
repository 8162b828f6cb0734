import * as z from 'zod/mini';
import { LocationId, Quantity, Sku, Timestamp, list, defineSchema } from './common.js';
import { Store } from './stores.js';

/**
 * Stock status of one SKU at one location.
 * - `in_stock`: more than the low-stock threshold available
 * - `low_stock`: 1..threshold available
 * - `out_of_stock`: the location carries the SKU but none is available
 * - `not_stocked`: the location does not carry the SKU at all
 */
export const STOCK_STATUSES = ['in_stock', 'low_stock', 'out_of_stock', 'not_stocked'] as const;
export const StockStatus = defineSchema(() => z.enum(STOCK_STATUSES));
export type StockStatus = z.infer<typeof StockStatus>;

/** Low-stock threshold of a location's stock row unless the retailer sets another. */
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/**
 * The stock-status rule, the one every implementation applies (the reference server, the SDK's
 * fixture server): not carried is `not_stocked`, nothing available is `out_of_stock`, at or
 * below the threshold is `low_stock`, else `in_stock`.
 */
export function stockStatus(available: number, threshold: number, carried = true): StockStatus {
  if (!carried) return 'not_stocked';
  if (available <= 0) return 'out_of_stock';
  return available <= threshold ? 'low_stock' : 'in_stock';
}

/** Stock of one SKU at one location (a store, or `online`). `available = onHand - reserved`. */
export const Availability = defineSchema(() => z.object({
  sku: Sku,
  storeId: LocationId,
  onHand: Quantity,
  reserved: Quantity,
  available: Quantity,
  status: StockStatus,
  /** At or below this many available units the status is `low_stock`. */
  lowStockThreshold: Quantity,
  updatedAt: Timestamp,
}));
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

export const NearbyStock = defineSchema(() => z.object({
  store: Store,
  distanceKm: z.number().check(z.minimum(0)),
  availability: Availability,
}));
export type NearbyStock = z.infer<typeof NearbyStock>;
export const NearbyStockList = list(NearbyStock);
export type NearbyStockList = z.infer<typeof NearbyStockList>;
