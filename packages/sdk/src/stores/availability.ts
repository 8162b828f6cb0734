import type { Availability } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../client-state.js';
import { availabilityService, getAvailability, watchAvailability, type AvailabilityKey } from '../resources/availability.js';
import { asOmnikitError, remoteStore, setReady, type Remote } from './remote.js';

/**
 * Live availability of one SKU at one location as a nanostores atom. The first subscriber
 * fetches it (batched with every other read in the task) and watches it on the client's event
 * stream; the watch stops shortly after the last subscriber leaves. One store per client and key.
 *
 * ```ts
 * const $a = availabilityStore(omni, { sku: 'OK-10001', storeId: 'online' });
 * const off = $a.subscribe((s) => { if (s.status === 'ready') render(s.data.status); });
 * ```
 */
export function availabilityStore(client: ClientLike, query: AvailabilityKey): ReadableAtom<Remote<Availability>> {
  const k = `availability:${query.sku}@${query.storeId}`;
  return remoteStore<Availability>(client, k, ($store) => {
    const { cache, keyOf } = useService(client, availabilityService);
    const cacheKey = keyOf(query);
    const hit = cache.peek(cacheKey);
    if (hit) setReady($store, hit.value);
    const stop = watchAvailability(client, query, (a) => setReady($store, a));
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
