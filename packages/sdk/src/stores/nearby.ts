import type { NearbyStock } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import type { ClientLike } from '../core.js';
import { getNearestAvailability, watchAvailability } from '../resources/availability.js';
import { asOmnikitError, remoteStore, type Remote } from './remote.js';

/** Query of {@link nearbyStockStore}. */
export interface NearbyStockQuery {
  sku: string;
  /** The store to measure from (usually the selected one). */
  storeId: string;
  /** Most stores listed (default 5). */
  limit?: number;
}

/**
 * Nearest other stores with the SKU available, as a nanostores atom: fetched by the first
 * subscriber, and each listed store's availability kept live from the event stream (a store that
 * sells out stays listed with its new status, so filter on `availability.available` if needed).
 */
export function nearbyStockStore(client: ClientLike, query: NearbyStockQuery): ReadableAtom<Remote<NearbyStock[]>> {
  const limit = query.limit ?? 5;
  return remoteStore<NearbyStock[]>(client, `nearby:${query.sku}@${query.storeId}:${limit}`, ($store) => {
    let active = true;
    const stops: (() => void)[] = [];
    getNearestAvailability(client, { sku: query.sku, storeId: query.storeId, limit }).then(
      (items) => {
        if (!active) return;
        const list = items.filter((n) => n.store.id !== query.storeId);
        $store.set({ status: 'ready', data: list });
        for (const n of list) {
          stops.push(
            watchAvailability(client, { sku: query.sku, storeId: n.store.id }, (a) => {
              const s = $store.get();
              if (s.status !== 'ready') return;
              $store.set({ status: 'ready', data: s.data.map((x) => (x.store.id === a.storeId ? { ...x, availability: a } : x)) });
            }),
          );
        }
      },
      (e) => active && $store.set({ status: 'error', error: asOmnikitError(e) }),
    );
    return () => {
      active = false;
      for (const s of stops) s();
    };
  });
}
