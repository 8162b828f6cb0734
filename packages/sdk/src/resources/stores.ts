import { getStoreRoute, listStoresRoute } from '@omnikit/contract/pickup';
import type { ListStoresQuery, Store } from '@omnikit/contract';
import { CORE, type ClientLike } from '../client-state.js';
import type { CallOptions } from '../transport.js';
import { requireLocation } from './validate.js';

/** Filters of {@link listStores}. `near` is a `{ lat, lng }` or a `"lat,lng"` string. */
export interface ListStoresInput {
  near?: { lat: number; lng: number } | string;
  q?: string;
  country?: ListStoresQuery['country'];
  service?: ListStoresQuery['service'];
  /** Only locations of this kind (`locker` lists parcel lockers, which other lists leave out unless `service: 'locker'`). */
  type?: ListStoresQuery['type'];
  includeWarehouse?: boolean;
  limit?: number;
}

/**
 * Lists stores: by text (city, postcode with or without its space, name), country, service or
 * type; nearest first with `near` (then each has `distanceKm`). Each store carries its
 * `openState` (open now until when, or when it opens) computed by the server in its zone.
 */
export async function listStores(client: ClientLike, query: ListStoresInput = {}, options?: CallOptions): Promise<Store[]> {
  const near = typeof query.near === 'object' ? `${query.near.lat},${query.near.lng}` : query.near;
  const res = await client[CORE].transport.call(
    listStoresRoute,
    {
      query: {
        near,
        q: query.q,
        country: query.country,
        service: query.service,
        type: query.type,
        includeWarehouse: query.includeWarehouse === undefined ? undefined : String(query.includeWarehouse),
        limit: query.limit,
      },
    },
    options,
  );
  return res.items;
}

/** One store by id; rejects with `unknown_store` (404) when there is none. */
export async function getStore(client: ClientLike, storeId: string, options?: CallOptions): Promise<Store> {
  requireLocation(storeId, 'storeId');
  return client[CORE].transport.call(getStoreRoute, { params: { storeId } }, options);
}
