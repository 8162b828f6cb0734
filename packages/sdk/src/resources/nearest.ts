import { nearestAvailabilityRoute, type NearbyStock } from '@omnikit/contract';
import { CORE, useService, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import type { CallOptions } from '../transport.js';
import { availabilityService, keyOf } from './availability.js';
import { requireLocation, requireSku } from './validate.js';

// A module of its own: the widgets find nearby stock through the batched grid (see
// stores/nearby.ts), so their bundles do not carry this call and its response schema.

/** Query of {@link getNearestAvailability}: measure from `storeId` or from `near`. */
export interface NearestInput {
  sku: string;
  storeId?: string;
  near?: { lat: number; lng: number } | string;
  /** Fewest available units that count (default 1). */
  minQuantity?: number;
  /** Most stores returned (server default applies; at most 50). */
  limit?: number;
  /** Farthest distance in km (default 100). */
  radiusKm?: number;
}

/** Nearest stores that have the SKU available, nearest first, each with its distance and availability. */
export async function getNearestAvailability(client: ClientLike, query: NearestInput, options?: CallOptions): Promise<NearbyStock[]> {
  requireSku(query?.sku);
  if (query.storeId !== undefined) requireLocation(query.storeId);
  const near = typeof query.near === 'object' ? `${query.near.lat},${query.near.lng}` : query.near;
  if (query.storeId === undefined && near === undefined) {
    throw new OmnikitError('validation_failed', 'nearest: give a storeId or near', { details: { issues: [{ path: 'storeId', message: 'storeId or near is required' }] } });
  }
  const res = await client[CORE].transport.call(
    nearestAvailabilityRoute,
    { query: { sku: query.sku, storeId: query.storeId, near, minQuantity: query.minQuantity, limit: query.limit, radiusKm: query.radiusKm } },
    options,
  );
  const { cache } = useService(client, availabilityService);
  for (const n of res.items) cache.set(keyOf(n.availability), n.availability);
  return res.items;
}
