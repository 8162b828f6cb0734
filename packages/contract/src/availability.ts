import * as z from 'zod/mini';
import { LocationId, Quantity, Sku, Timestamp, list, defineSchema } from './common.js';
import { distanceKm } from './geo.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Each result type is an interface (named in editors and .d.ts files) checked against its schema.

/**
 * Stock status of one SKU at one location.
 * - `in_stock`: more than the low-stock threshold available
 * - `low_stock`: 1..threshold available
 * - `out_of_stock`: the location carries the SKU but none is available
 * - `not_stocked`: the location does not carry the SKU at all
 */
export const STOCK_STATUSES = ['in_stock', 'low_stock', 'out_of_stock', 'not_stocked'] as const;
/** A status of {@link STOCK_STATUSES}. */
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
export interface Availability {
  sku: string;
  /** A store id, or `online` ({@link ONLINE_LOCATION}). */
  storeId: string;
  /** Units at the location. */
  onHand: number;
  /** Units held for orders. */
  reserved: number;
  /** `onHand - reserved`, never below 0. */
  available: number;
  status: StockStatus;
  /** At or below this many available units the status is `low_stock`. */
  lowStockThreshold: number;
  /** ISO 8601 time of the last change; a newer record replaces an older one, never the reverse. */
  updatedAt: string;
}
export const Availability = defineSchema(() => z.object({
  sku: Sku,
  storeId: LocationId,
  onHand: Quantity,
  reserved: Quantity,
  available: Quantity,
  status: StockStatus,
  lowStockThreshold: Quantity,
  updatedAt: Timestamp,
}));
type _Availability = Assert<Same<Availability, z.infer<typeof Availability>>>;

/** A store that has a SKU, as an availability answer lists it under `nearby`. */
export interface NearbyStore {
  storeId: string;
  name: string;
  /** The store's short name (`Götgatan` for `Nordvik Stockholm Götgatan`), for a badge's pill. */
  shortName: string;
  /** Kilometres from the store asked about ({@link distanceKm}). */
  distanceKm: number;
  /** Units available there. */
  available: number;
}
export const NearbyStore = defineSchema(() => z.object({
  storeId: LocationId,
  name: z.string(),
  shortName: z.string(),
  distanceKm: z.number().check(z.minimum(0)),
  available: Quantity,
}));
type _NearbyStore = Assert<Same<NearbyStore, z.infer<typeof NearbyStore>>>;

/** For one SKU out of stock at one store: the nearest other stores that have it, nearest first. */
export interface AvailabilityNearby {
  sku: string;
  storeId: string;
  stores: NearbyStore[];
}
export const AvailabilityNearby = defineSchema(() => z.object({ sku: Sku, storeId: LocationId, stores: z.array(NearbyStore) }));
type _AvailabilityNearby = Assert<Same<AvailabilityNearby, z.infer<typeof AvailabilityNearby>>>;

/**
 * `GET /v1/availability`: one record per SKU x location pair asked (`items`, in the order asked:
 * every location of the first SKU, then the next SKU) and, when the query has `nearby`, one
 * {@link AvailabilityNearby} per pair whose location is a store (never the warehouse) with
 * nothing available there (out of stock or not carried). An entry with no `stores` means none
 * within the radius has it; a pair without an entry was not asked about or has stock.
 */
export interface AvailabilityAnswer {
  items: Availability[];
  nearby?: AvailabilityNearby[];
}
export const AvailabilityAnswer = defineSchema(() => z.object({
  items: z.array(Availability),
  nearby: z.optional(z.array(AvailabilityNearby)),
}));
type _AvailabilityAnswer = Assert<Same<AvailabilityAnswer, z.infer<typeof AvailabilityAnswer>>>;

/** A location the nearby rule may list: where it is, what it is, and how many units it has available. */
export interface NearbyCandidate {
  storeId: string;
  name: string;
  shortName: string;
  type: 'store' | 'warehouse';
  lat: number;
  lng: number;
  available: number;
}

/**
 * The nearby rule, part one: whether a SKU x location pair of an availability answer gets an
 * {@link AvailabilityNearby} entry. Only stores (never the warehouse) with nothing available.
 */
export function wantsNearby(locationType: 'store' | 'warehouse', available: number): boolean {
  return locationType === 'store' && available <= 0;
}

/**
 * The nearby rule, part two, the same in every implementation (the reference server and the
 * SDK's fixture server): the stores (type `store`) other than `origin` with at least 1 available
 * within `radiusKm` ({@link distanceKm} from the origin), nearest first, ties by store id (code
 * unit order), at most `limit`.
 */
export function nearestStores(
  origin: { storeId: string; lat: number; lng: number },
  candidates: Iterable<NearbyCandidate>,
  limit: number,
  radiusKm: number,
): NearbyStore[] {
  const found: NearbyStore[] = [];
  for (const c of candidates) {
    if (c.type !== 'store' || c.storeId === origin.storeId || c.available < 1) continue;
    const d = distanceKm(origin, c);
    if (d <= radiusKm) found.push({ storeId: c.storeId, name: c.name, shortName: c.shortName, distanceKm: d, available: c.available });
  }
  found.sort((a, b) => a.distanceKm - b.distanceKm || (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0));
  return found.slice(0, limit);
}

/** @deprecated The old name of {@link AvailabilityAnswer} (the same schema). */
export const AvailabilityList = AvailabilityAnswer;
/** @deprecated The old name of {@link AvailabilityAnswer}. */
export type AvailabilityList = AvailabilityAnswer;

/**
 * Most SKUs and locations one availability request may name, and most SKU x location pairs
 * (so a grid stays bounded: 200 SKUs at 10 locations, or 40 at 50). The SDK chunks at these.
 */
export const MAX_AVAILABILITY_SKUS = 200;
/** Most locations one availability request may name (see {@link MAX_AVAILABILITY_SKUS}). */
export const MAX_AVAILABILITY_STORES = 50;
/** Most SKU x location pairs one availability request may ask for (see {@link MAX_AVAILABILITY_SKUS}). */
export const MAX_AVAILABILITY_PAIRS = 2000;

/** Most nearby stores an availability request may ask for per SKU (`nearby`). */
export const MAX_NEARBY_STORES = 10;
/** Radius of `nearby` in km unless the request gives `nearbyRadiusKm`. */
export const DEFAULT_NEARBY_RADIUS_KM = 100;
/** Largest `nearbyRadiusKm` an availability request may give. */
export const MAX_NEARBY_RADIUS_KM = 1000;

/** `getAvailability` of `routes` as a client calls it (no input schemas). */
export const getAvailabilityRoute = {
  method: 'GET', path: '/v1/availability', auth: 'publishable', tag: 'availability',
  summary: 'Availability of many SKUs at many locations in one request; with `nearby`, the nearest stores that have what is out of stock',
  response: AvailabilityAnswer,
} as const satisfies RouteDef;
