// Apart from availability.ts: page scripts and integrators call it, the widgets never do, and a
// module the widgets import carries every binding sdk.js uses into the CDN's shared chunk.
import type { Availability } from '@omnikit/contract/client';
import type { ClientLike } from '../client-state.js';
import { getAvailability, type AvailabilityKey, type AvailabilityManyQuery } from './availability.js';

/** Every SKU at every location asked for (SKU-major order), through the same batching and cache. */
export async function getManyAvailability(client: ClientLike, query: AvailabilityManyQuery): Promise<Availability[]> {
  const pairs: AvailabilityKey[] = [];
  for (const sku of new Set(query.skus)) for (const storeId of new Set(query.storeIds)) pairs.push({ sku, storeId });
  return Promise.all(pairs.map((p) => getAvailability(client, p)));
}
