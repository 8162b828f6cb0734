import * as z from 'zod/mini';
import { list, defineSchema } from './common.js';
import { Availability } from './availability.js';
import { Store } from './stores.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// `GET /v1/availability/nearest` in a module of its own: its answer embeds whole stores, and a
// module the widgets import (availability.ts) must not pull the store schemas in with it.

/** A store that has a SKU available, its distance, and the SKU's availability there. */
export interface NearbyStock {
  store: Store;
  /** Kilometres from the store or point asked about. */
  distanceKm: number;
  availability: Availability;
}
export const NearbyStock = defineSchema(() => z.object({
  store: Store,
  distanceKm: z.number().check(z.minimum(0)),
  availability: Availability,
}));
type _NearbyStock = Assert<Same<NearbyStock, z.infer<typeof NearbyStock>>>;

/** `GET /v1/availability/nearest`: the stores that have the SKU, nearest first. */
export interface NearbyStockList {
  items: NearbyStock[];
}
export const NearbyStockList = list(NearbyStock);
type _NearbyStockList = Assert<Same<NearbyStockList, z.infer<typeof NearbyStockList>>>;

/** `nearestAvailability` of `routes` as a client calls it (no input schemas). */
export const nearestAvailabilityRoute = {
  method: 'GET', path: '/v1/availability/nearest', auth: 'publishable', tag: 'availability',
  summary: 'Nearest stores that have a SKU available',
  response: NearbyStockList,
} as const satisfies RouteDef;
