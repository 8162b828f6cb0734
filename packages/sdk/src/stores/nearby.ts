import type { NearbyStock, Store } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../core.js';
import { getStore, listStores } from '../resources/stores.js';
import { getAvailability } from '../resources/availability.js';
import { asOmnikitError, remoteStore, setReady, type Remote } from './remote.js';

/** Query of {@link nearbyStockStore}. */
export interface NearbyStockQuery {
  sku: string;
  /** The store to measure from (usually the selected one). */
  storeId: string;
  /** Most stores listed (default 5). */
  limit?: number;
  /** Farthest distance in km (default 100). */
  radiusKm?: number;
}

/* @__NO_SIDE_EFFECTS__ */
function nearbyStoresService(): Map<string, Promise<Store[]>> {
  return new Map();
}

/**
 * The stores nearest `storeId` (not itself, not the warehouse), nearest first. Asked once per
 * client and store and shared by every SKU: the store list does not depend on the product.
 */
function nearbyStores(client: ClientLike, storeId: string, limit: number, radiusKm: number): Promise<Store[]> {
  const cache = useService(client, nearbyStoresService);
  const key = `${storeId}:${limit}:${radiusKm}`;
  let p = cache.get(key);
  if (!p) {
    p = getStore(client, storeId)
      .then((s) => listStores(client, { near: s.coordinates, limit: limit + 1 }))
      .then((list) => list.filter((s) => s.id !== storeId && s.type !== 'warehouse' && (s.distanceKm ?? 0) <= radiusKm).slice(0, limit));
    // A failure is not remembered: the next subscriber asks again.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/**
 * The nearest other stores with their availability of the SKU, nearest first, as a nanostores
 * atom. Filter on `availability.available` for the stores that have it. The store list is
 * fetched once per client and store (shared by every SKU), and the availabilities go through the
 * per-task batcher, so every badge on a page that needs a nearby look adds up to one
 * `GET /v1/availability` request, not one request per SKU.
 *
 * A snapshot, not watched live: nearby stores would add a second wave of topics after the first
 * answers arrive, and with it a second event stream for the page. Each new subscriber reads
 * through the availability cache (fresh for `cacheTtl`, then revalidated).
 */
export function nearbyStockStore(client: ClientLike, query: NearbyStockQuery): ReadableAtom<Remote<NearbyStock[]>> {
  const { sku, storeId, limit = 5, radiusKm = 100 } = query;
  return remoteStore<NearbyStock[]>(client, `nearby:${sku}@${storeId}:${limit}:${radiusKm}`, ($store) => {
    let active = true;
    nearbyStores(client, storeId, limit, radiusKm)
      .then((stores) =>
        Promise.allSettled(stores.map((store) => getAvailability(client, { sku, storeId: store.id }))).then((results) => {
          if (!active) return;
          const data: NearbyStock[] = [];
          let failure: unknown;
          results.forEach((r, i) => {
            const store = stores[i]!;
            if (r.status === 'fulfilled') data.push({ store, distanceKm: store.distanceKm ?? 0, availability: r.value });
            else failure = r.reason;
          });
          // Every store failed: an error, not an empty list that would read as "none nearby".
          if (failure !== undefined && !data.length) throw failure;
          setReady($store, data);
        }),
      )
      .catch((e) => active && $store.set({ status: 'error', error: asOmnikitError(e) }));
    return () => {
      active = false;
    };
  });
}
