import {
  MAX_AVAILABILITY_PAIRS,
  MAX_AVAILABILITY_SKUS,
  MAX_AVAILABILITY_STORES,
  getAvailabilityRoute,
  stockTopic,
  type Availability,
} from '@omnikit/contract';
import { CORE, useService, type ClientLike } from '../client-state.js';
import { createBatcher, chunk } from '../batch.js';
import { createCache } from '../read-cache.js';
import { OmnikitError, isOmnikitError } from '../errors.js';
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

/** @internal Cache and batch key of one pair. */
export const keyOf = (k: AvailabilityKey): string => `${k.sku}@${k.storeId}`;

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

  /** One grid request; a 404 for one unknown SKU or store is narrowed down by halving, so the rest still load. */
  async function fetchGrid(skus: string[], stores: string[], out: Map<string, unknown>): Promise<void> {
    try {
      const res = await core.transport.call(getAvailabilityRoute, { query: { skus, stores } });
      for (const a of res.items) out.set(keyOf(a), cache.set(keyOf(a), a));
    } catch (error) {
      const split = isOmnikitError(error, 'unknown_sku') && skus.length > 1 ? 'skus' : isOmnikitError(error, 'unknown_store') && stores.length > 1 ? 'stores' : undefined;
      if (split === 'skus') {
        const h = Math.ceil(skus.length / 2);
        await Promise.all([fetchGrid(skus.slice(0, h), stores, out), fetchGrid(skus.slice(h), stores, out)]);
      } else if (split === 'stores') {
        const h = Math.ceil(stores.length / 2);
        await Promise.all([fetchGrid(skus, stores.slice(0, h), out), fetchGrid(skus, stores.slice(h), out)]);
      } else for (const s of skus) for (const st of stores) out.set(`${s}@${st}`, error);
    }
  }

  const batcher = createBatcher<AvailabilityKey, Availability>({
    keyOf,
    missing: (k) => new OmnikitError('invalid_response', `The server returned no availability for ${k.sku} at ${k.storeId}`),
    async loadMany(keys) {
      // Group SKUs that are asked for at the same set of locations, so a page of badges at one
      // store and a picker of one SKU at many stores do not multiply into one huge grid.
      const storesBySku = new Map<string, Set<string>>();
      for (const k of keys) {
        let set = storesBySku.get(k.sku);
        if (!set) storesBySku.set(k.sku, (set = new Set()));
        set.add(k.storeId);
      }
      const groups = new Map<string, { skus: string[]; stores: string[] }>();
      for (const [sku, set] of storesBySku) {
        const stores = [...set].sort();
        const g = groups.get(stores.join(','));
        if (g) g.skus.push(sku);
        else groups.set(stores.join(','), { skus: [sku], stores });
      }
      const out = new Map<string, unknown>();
      const requests: Promise<void>[] = [];
      for (const g of groups.values()) {
        for (const stores of chunk(g.stores, MAX_AVAILABILITY_STORES)) {
          const perRequest = Math.min(MAX_AVAILABILITY_SKUS, Math.floor(MAX_AVAILABILITY_PAIRS / stores.length));
          for (const skus of chunk(g.skus, perRequest)) requests.push(fetchGrid(skus, stores, out));
        }
      }
      await Promise.all(requests);
      return out;
    },
  });
  return { cache, batcher, keyOf };
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

/** Every SKU at every location asked for (SKU-major order), through the same batching and cache. */
export async function getManyAvailability(client: ClientLike, query: AvailabilityManyQuery): Promise<Availability[]> {
  const pairs: AvailabilityKey[] = [];
  for (const sku of new Set(query.skus)) for (const storeId of new Set(query.storeIds)) pairs.push({ sku, storeId });
  return Promise.all(pairs.map((p) => getAvailability(client, p)));
}

/**
 * Calls `listener` with the new availability whenever it changes: from the event stream, a
 * refetch, or polling while the stream is down. Not called with the current value; read that
 * with {@link getAvailability}. All watches of a client share one event stream, and all watches
 * of one SKU one topic of it (`stock:{sku}`); the returned function stops this watch (the stream
 * closes after the last one).
 */
export function watchAvailability(client: ClientLike, query: AvailabilityKey, listener: (availability: Availability) => void): () => void {
  requireSku(query?.sku);
  requireLocation(query.storeId);
  if (client[CORE].closed) return () => undefined;
  const key = { sku: query.sku, storeId: query.storeId };
  const k = keyOf(key);
  const { cache, batcher } = useService(client, availabilityService);
  const stopCache = cache.subscribe(k, listener);
  // The SKU's all-locations topic: every watch of one SKU (here, online, stores nearby) shares
  // it, so showing more locations of a product never adds topics or reconnects the stream.
  const stopTopic = useService(client, createRealtime).subscribe(stockTopic(key.sku), (signal) => {
    if (signal.type === 'resync') batcher.load(key).catch(() => undefined);
    else if (signal.event.type === 'stock.changed' && signal.event.data.storeId === key.storeId) cache.set(k, signal.event.data);
  });
  return () => {
    stopCache();
    stopTopic();
  };
}
