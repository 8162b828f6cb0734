import type { Availability, NearbyStock, Store } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../client-state.js';
import { getStore, listStores } from '../resources/stores.js';
import { getAvailability, watchAvailability } from '../resources/availability.js';
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
 * atom, kept live. Filter on `availability.available` for the stores that have it. The store
 * list is fetched once per client and store (shared by every SKU), the availabilities go through
 * the per-task batcher, so every badge on a page that needs a nearby look adds up to one
 * `GET /v1/availability` request, not one request per SKU, and each store is watched on the
 * SKU's one topic (`stock:{sku}`), which a badge showing the SKU already has open: going live
 * adds neither topics nor a reconnect.
 */
export function nearbyStockStore(client: ClientLike, query: NearbyStockQuery): ReadableAtom<Remote<NearbyStock[]>> {
  const { sku, storeId, limit = 5, radiusKm = 100 } = query;
  return remoteStore<NearbyStock[]>(client, `nearby:${sku}@${storeId}:${limit}:${radiusKm}`, ($store) => {
    let active = true;
    const stops: (() => void)[] = [];
    nearbyStores(client, storeId, limit, radiusKm)
      .then((stores) => {
        if (!active) return;
        const rows = new Map<string, NearbyStock>();
        const row = (store: Store, availability: Availability) =>
          rows.set(store.id, { store, distanceKm: store.distanceKm ?? 0, availability });
        const publish = () => setReady($store, stores.flatMap((s) => rows.get(s.id) ?? []));
        for (const store of stores) {
          stops.push(watchAvailability(client, { sku, storeId: store.id }, (a) => {
            row(store, a);
            // Before the first answer a partial list would read as "fewer stores have it".
            if ($store.value?.status === 'ready') publish();
          }));
        }
        return Promise.allSettled(stores.map((store) => getAvailability(client, { sku, storeId: store.id }))).then((results) => {
          if (!active) return;
          let failure: unknown;
          results.forEach((r, i) => {
            const store = stores[i]!;
            if (r.status === 'rejected') failure = r.reason;
            // A watched change that landed meanwhile is newer than the answer: keep it.
            else if (!rows.has(store.id)) row(store, r.value);
          });
          // Every store failed: an error, not an empty list that would read as "none nearby".
          if (failure !== undefined && !rows.size) throw failure;
          publish();
        });
      })
      .catch((e) => active && $store.set({ status: 'error', error: asOmnikitError(e) }));
    return () => {
      active = false;
      for (const stop of stops) stop();
    };
  });
}
