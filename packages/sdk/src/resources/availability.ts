import {
  MAX_AVAILABILITY_PAIRS,
  MAX_AVAILABILITY_SKUS,
  MAX_AVAILABILITY_STORES,
  getAvailabilityRoute,
  stockTopic,
  type Availability,
  type NearbyStore,
} from '@omnikit/contract/client';
import { CORE, useService, type ClientLike } from '../client-state.js';
import { createBatcher, chunk } from '../batch.js';
import { createCache } from '../read-cache.js';
import { isOmnikitError, type OmnikitError } from '../errors.js';
import { createRealtime } from '../realtime.js';
import { requireLocation, requireSku } from './validate.js';

export { MAX_AVAILABILITY_SKUS, MAX_AVAILABILITY_STORES, MAX_AVAILABILITY_PAIRS };

/** One SKU at one location (a store id, or `online`). */
export interface AvailabilityKey {
  sku: string;
  storeId: string;
}

/** Many SKUs at many locations: every pair is returned. */
export interface AvailabilityManyQuery {
  skus: readonly string[];
  storeIds: readonly string[];
}

/** Options of {@link watchAvailability}. */
export interface WatchOptions {
  /**
   * The topic to watch: `sku` (default), the SKU's all-locations topic that every watch of the
   * SKU shares; or `location`, this location's own, for a page that watches many SKUs at one
   * location and nothing else of them (less traffic per event).
   */
  topic?: 'sku' | 'location';
  /**
   * Called once if the server refuses the event stream (401 `unauthorized`, 403 `forbidden`):
   * no change will reach `listener` on this client (see `$connection`'s `failed` status).
   */
  onError?: (error: OmnikitError) => void;
}

/** @internal Cache and batch key of one pair. */
export const keyOf = (k: AvailabilityKey): string => `${k.sku}@${k.storeId}`;

/** @internal A batched read: one pair, and with `nearby` also its nearest stores that have it. */
interface BatchKey extends AvailabilityKey {
  nearby?: number;
}
const batchKeyOf = (k: BatchKey): string => (k.nearby ? `${keyOf(k)}#${k.nearby}` : keyOf(k));

/** @internal Availability cache and batcher of one client. */
/* @__NO_SIDE_EFFECTS__ */
export function availabilityService(client: ClientLike) {
  const core = client[CORE];
  const cache = createCache<Availability>({
    ttl: core.config.cacheTtl,
    staleTtl: core.config.staleTtl,
    // Responses and events can cross: never let an older record replace a newer one.
    accept: (next, prev) => Date.parse(next.updatedAt) >= Date.parse(prev.updatedAt),
  });
  /** The server's nearby answers per pair (only pairs with none available there have one). */
  const nearby = createCache<NearbyStore[]>({ ttl: core.config.cacheTtl, staleTtl: core.config.staleTtl });

  /** One grid request; a 404 for one unknown SKU or store is narrowed down by halving, so the rest still load. */
  async function fetchGrid(skus: string[], stores: string[], near: number, out: Map<string, unknown>): Promise<void> {
    const set = (k: AvailabilityKey, v: unknown) => {
      out.set(keyOf(k), v);
      if (near) out.set(batchKeyOf({ ...k, nearby: near }), v);
    };
    try {
      const res = await core.transport.call(getAvailabilityRoute, { query: { skus, stores, ...(near ? { nearby: near } : {}) } });
      // Before the records: a listener of a record may ask for its nearby list at once.
      for (const n of res.nearby ?? []) nearby.set(keyOf(n), n.stores);
      for (const a of res.items) set(a, cache.set(keyOf(a), a));
    } catch (error) {
      const split = isOmnikitError(error, 'unknown_sku') && skus.length > 1 ? 'skus' : isOmnikitError(error, 'unknown_store') && stores.length > 1 ? 'stores' : undefined;
      if (split === 'skus') {
        const h = Math.ceil(skus.length / 2);
        await Promise.all([fetchGrid(skus.slice(0, h), stores, near, out), fetchGrid(skus.slice(h), stores, near, out)]);
      } else if (split === 'stores') {
        const h = Math.ceil(stores.length / 2);
        await Promise.all([fetchGrid(skus, stores.slice(0, h), near, out), fetchGrid(skus, stores.slice(h), near, out)]);
      } else for (const sku of skus) for (const storeId of stores) set({ sku, storeId }, error);
    }
  }

  const batcher = createBatcher<BatchKey, Availability>({
    keyOf: batchKeyOf,
    async loadMany(keys) {
      // Group SKUs that are asked for at the same set of locations (and the same nearby look),
      // so a page of badges at one store and a picker of one SKU at many stores do not multiply
      // into one huge grid. A SKU whose caller wants the nearby look asks it for all its pairs.
      const storesBySku = new Map<string, { stores: Set<string>; nearby: number }>();
      for (const k of keys) {
        let e = storesBySku.get(k.sku);
        if (!e) storesBySku.set(k.sku, (e = { stores: new Set(), nearby: 0 }));
        e.stores.add(k.storeId);
        e.nearby = Math.max(e.nearby, k.nearby ?? 0);
      }
      const groups = new Map<string, { skus: string[]; stores: string[]; nearby: number }>();
      for (const [sku, e] of storesBySku) {
        const stores = [...e.stores].sort();
        const id = `${stores.join(',')}#${e.nearby}`;
        const g = groups.get(id);
        if (g) g.skus.push(sku);
        else groups.set(id, { skus: [sku], stores, nearby: e.nearby });
      }
      const out = new Map<string, unknown>();
      const requests: Promise<void>[] = [];
      for (const g of groups.values()) {
        for (const stores of chunk(g.stores, MAX_AVAILABILITY_STORES)) {
          const perRequest = Math.min(MAX_AVAILABILITY_SKUS, Math.floor(MAX_AVAILABILITY_PAIRS / stores.length));
          for (const skus of chunk(g.skus, perRequest)) requests.push(fetchGrid(skus, stores, g.nearby, out));
        }
      }
      await Promise.all(requests);
      return out;
    },
  });
  return { cache, nearby, batcher, keyOf };
}

/**
 * @internal The nearest stores (at most `limit`) that have the SKU when `query`'s location has
 * none: `[]` when it has stock or no store nearby has it. `fresh` asks the server even when a
 * cached answer is fresh. Batched with every availability read
 * of the task (the same `GET /v1/availability` request, with `nearby=`), so a page of badges
 * needs no second wave for its nearby text.
 */
export async function getNearbyStores(client: ClientLike, query: AvailabilityKey, limit: number, fresh = false): Promise<NearbyStore[]> {
  requireSku(query?.sku);
  requireLocation(query.storeId);
  const key = { sku: query.sku, storeId: query.storeId };
  const k = keyOf(key);
  const { cache, nearby, batcher } = useService(client, availabilityService);
  const known = fresh ? undefined : nearby.peek(k);
  if (known?.fresh) return known.value.slice(0, limit);
  const hit = cache.peek(k);
  // Stock here: nothing to look for (asked again if it sells out).
  if (hit?.fresh && hit.value.available > 0) return [];
  const a = await batcher.load({ ...key, nearby: limit });
  return a.available > 0 ? [] : (nearby.peek(k)?.value ?? []).slice(0, limit);
}

/**
 * Availability of one SKU at one location.
 *
 * Every call in the same task is coalesced into `GET /v1/availability` requests of at most
 * {@link MAX_AVAILABILITY_SKUS} SKUs x {@link MAX_AVAILABILITY_STORES} locations (and at most
 * {@link MAX_AVAILABILITY_PAIRS} pairs); a read already
 * in flight is shared; results are cached (fresh for `cacheTtl`, then served stale while
 * refetched for `staleTtl`) and kept current by realtime events while watched.
 */
export async function getAvailability(client: ClientLike, query: AvailabilityKey): Promise<Availability> {
  requireSku(query?.sku);
  requireLocation(query.storeId);
  const key = { sku: query.sku, storeId: query.storeId };
  const { cache, batcher } = useService(client, availabilityService);
  const hit = cache.peek(keyOf(key));
  if (hit?.fresh) return hit.value;
  if (hit) {
    batcher.load(key).catch(() => undefined);
    return hit.value;
  }
  return batcher.load(key);
}

/**
 * Calls `listener` with the new availability whenever it changes: from the event stream, a
 * refetch, or polling while the stream is down. Not called with the current value; read that
 * with {@link getAvailability}. All watches of a client share one event stream, and all watches
 * of one SKU one topic of it (`stock:{sku}`), unless `options.topic` is `location`
 * (`stock:{sku}@{store}`: only this location's changes travel); the returned function stops this
 * watch (the stream closes after the last one).
 */
export function watchAvailability(
  client: ClientLike,
  query: AvailabilityKey,
  listener: (availability: Availability) => void,
  options?: WatchOptions,
): () => void {
  requireSku(query?.sku);
  requireLocation(query.storeId);
  if (client[CORE].closed) return () => undefined;
  const key = { sku: query.sku, storeId: query.storeId };
  const k = keyOf(key);
  const { cache, batcher } = useService(client, availabilityService);
  const stopCache = cache.subscribe(k, listener);
  // The SKU's all-locations topic by default: every watch of one SKU (here, online, stores
  // nearby) shares it, so showing more locations of a product never adds topics or reconnects.
  const topic = options?.topic === 'location' ? stockTopic(key.sku, key.storeId) : stockTopic(key.sku);
  const stopTopic = useService(client, createRealtime).subscribe(topic, (signal) => {
    if (signal.type === 'resync') batcher.load(key).catch(() => undefined);
    else if (signal.type === 'error') options?.onError?.(signal.error);
    else if (signal.event.type === 'stock.changed' && signal.event.data.storeId === key.storeId) cache.set(k, signal.event.data);
  });
  return () => {
    stopCache();
    stopTopic();
  };
}
