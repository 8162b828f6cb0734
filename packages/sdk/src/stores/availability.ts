import type { Availability } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../client-state.js';
import { availabilityService, getAvailability, watchAvailability, type AvailabilityKey, type WatchOptions } from '../resources/availability.js';
import { asOmnikitError, remoteStore, setReady, type Cell, type Remote } from './remote.js';

/**
 * Live availability of one SKU at one location as a nanostores atom. The first subscriber
 * fetches it (batched with every other read in the task) and watches it on the client's event
 * stream (on the SKU's topic, or with `{ topic: 'location' }` the location's own); the watch stops
 * shortly after the last subscriber leaves. One store per client, key and options.
 *
 * ```ts
 * const $a = availabilityStore(omni, { sku: 'OK-10001', storeId: 'online' });
 * const off = $a.subscribe((s) => { if (s.status === 'ready') render(s.data.status); });
 * ```
 */
export function availabilityStore(client: ClientLike, query: AvailabilityKey, options?: WatchOptions): ReadableAtom<Remote<Availability>> {
  const k = `availability:${query.sku}@${query.storeId}${options?.topic === 'location' ? ':location' : ''}`;
  return remoteStore<Availability>(client, k, ($store) => followAvailability(client, query, $store, options));
}

/**
 * @internal What a started {@link availabilityStore} does, into any cell with `value` and `set`
 * (a store, or a field of a store that follows several): the cached value at once, then the
 * batched read, then every watched change. Returns the stop.
 */
export function followAvailability(client: ClientLike, query: AvailabilityKey, cell: Cell<Remote<Availability>>, options?: WatchOptions): () => void {
  const { cache, keyOf } = useService(client, availabilityService);
  const cacheKey = keyOf(query);
  const hit = cache.peek(cacheKey);
  if (hit) setReady(cell, hit.value);
  let active = true;
  const fail = (e: unknown) => active && cell.value?.status !== 'ready' && cell.set({ status: 'error', error: asOmnikitError(e) });
  // A stream refused for good (401/403) fails what has no data yet; data already shown stays
  // (`$connection` says it is no longer live).
  const stop = watchAvailability(client, query, (a) => setReady(cell, a), { ...options, onError: fail });
  // A fresh hit is all the read would give: no promise per widget on a warm page.
  if (!hit?.fresh) {
    getAvailability(client, query).then(
      // An event may have landed while this was in flight: the cache holds the newest.
      (a) => active && setReady(cell, cache.peek(cacheKey)?.value ?? a),
      fail,
    );
  }
  return () => {
    active = false;
    stop();
  };
}
