import type { Availability } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../client-state.js';
import { availabilityService, getAvailability, watchAvailability, type AvailabilityKey, type WatchOptions } from '../resources/availability.js';
import { asOmnikitError, remoteStore, setReady, type Remote } from './remote.js';

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
  return remoteStore<Availability>(client, k, ($store) => {
    const { cache, keyOf } = useService(client, availabilityService);
    const cacheKey = keyOf(query);
    const hit = cache.peek(cacheKey);
    if (hit) setReady($store, hit.value);
    const stop = watchAvailability(client, query, (a) => setReady($store, a), options);
    let active = true;
    getAvailability(client, query).then(
      // An event may have landed while this was in flight: the cache holds the newest.
      (a) => active && setReady($store, cache.peek(cacheKey)?.value ?? a),
      (e) => active && $store.value?.status !== 'ready' && $store.set({ status: 'error', error: asOmnikitError(e) }),
    );
    return () => {
      active = false;
      stop();
    };
  });
}
