import { ONLINE_LOCATION, stockStatus, stockTopic, type Availability, type NearbyStore, type Product } from '@omnikit/contract/client';
import type { ReadableAtom } from 'nanostores';
import { useService, type ClientLike } from '../client-state.js';
import type { OmnikitError } from '../errors.js';
import { createRealtime } from '../realtime.js';
import { availabilityService, getNearbyStores, keyOf } from '../resources/availability.js';
import { requireLocation, requireSku } from '../resources/validate.js';
import { followAvailability } from './availability.js';
import { productStore } from './product.js';
import { asOmnikitError, remoteStore, setReady, sharedStore, type Cell, type Remote } from './remote.js';

/**
 * What a stock badge shows for one SKU at one location:
 * - `loading`: not known yet
 * - `in-stock` / `low-stock`: available here (low at or below the threshold)
 * - `out-of-stock`: none here (and, with the nearby look, none nearby either)
 * - `nearby`: none here, but stores nearby have it (see {@link StockState.nearby})
 * - `online-only`: an online-only product, or not carried in stores but available online
 * - `not-sold`: unknown SKU, inactive product, or carried nowhere
 * - `error`: the API failed, or the input was refused (see {@link StockState.error})
 */
export type StockStateKind =
  | 'loading'
  | 'in-stock'
  | 'low-stock'
  | 'out-of-stock'
  | 'nearby'
  | 'online-only'
  | 'not-sold'
  | 'error';

/** A store near the one asked about that has the SKU (the contract's `NearbyStore`). */
export type NearbyStoreStock = NearbyStore;

/** The whole stock decision for one SKU at one location, as {@link stockStateStore} yields it. */
export interface StockState {
  kind: StockStateKind;
  sku: string;
  /** The location asked about: a store id, or `online`. */
  storeId: string;
  /** Units available at `storeId`, once known. */
  available?: number;
  /** The low-stock threshold applied: the caller's, else the location's own (from the API). */
  lowStockThreshold?: number;
  /** Stores nearby that have it, nearest first; empty unless `kind` is `nearby`. */
  nearby: readonly NearbyStoreStock[];
  /** Why, when `kind` is `error` (or `not-sold` for an unknown SKU). */
  error?: OmnikitError;
}

/** Query of {@link stockStateStore}. */
export interface StockStateQuery {
  sku: string;
  /** A store id, or `online`. */
  storeId: string;
  /** Low stock at or below this many units; by default the location's own threshold (the server's). */
  lowStockThreshold?: number;
  /**
   * Look for stores nearby when there is none here (default `true`). `false` decides on this
   * location alone (a list of stores, where each row should just say "out of stock"): no
   * nearby or online look, and the SDK watches the location's own topic `stock:{sku}@{store}`.
   */
  nearby?: boolean;
}

/** Most nearby stores a state lists (the nearest is named, the rest counted). */
export const NEARBY_STORES_LISTED = 3;

const NOT_SOLD_CODES = new Set(['unknown_sku', 'not_found']);

/**
 * The stock decision, pure: what to show for one SKU at one location from the SDK's remote
 * states. `nearby` is `undefined` when the nearby look is off; `online` when it is not needed.
 * @internal
 */
export function decideStock(
  q: { sku: string; storeId: string; lowStockThreshold?: number | undefined },
  here: Remote<Availability> | undefined,
  online: Remote<Availability> | undefined,
  product: Remote<Product> | undefined,
  nearby: Remote<NearbyStoreStock[]> | undefined,
): StockState {
  const base = { sku: q.sku, storeId: q.storeId, nearby: [] as NearbyStoreStock[] };
  if (!here || here.status === 'loading') return { ...base, kind: 'loading' };
  if (here.status === 'error') return { ...base, kind: NOT_SOLD_CODES.has(here.error.code) ? 'not-sold' : 'error', error: here.error };
  const a = here.data;
  const threshold = q.lowStockThreshold ?? a.lowStockThreshold;
  const known = { ...base, available: a.available, lowStockThreshold: threshold };
  const p = product?.status === 'ready' ? product.data : undefined;
  if (p && !p.active) return { ...known, kind: 'not-sold' };
  if (a.available > 0 && a.status !== 'not_stocked') {
    // The contract's rule, with the caller's threshold when one is set.
    const status = q.lowStockThreshold === undefined ? a.status : stockStatus(a.available, threshold);
    return { ...known, kind: status === 'low_stock' ? 'low-stock' : 'in-stock' };
  }
  if (p?.onlineOnly) return { ...known, kind: 'online-only' };
  // The remaining cases need a second look; stay `loading` until it arrives.
  if (!product || product.status === 'loading' || nearby?.status === 'loading') return { ...base, kind: 'loading' };
  // The nearby look is off: this location alone decides.
  if (!nearby) return { ...known, kind: 'out-of-stock' };
  // A listed store may have sold out since (the list is live): only those that have it count.
  const list = nearby.status === 'ready' ? nearby.data.filter((n) => n.available > 0) : [];
  if (list.length) return { ...known, kind: 'nearby', nearby: list };
  if (a.status === 'out_of_stock') return { ...known, kind: 'out-of-stock' };
  // Not carried here nor nearby: sold online, or not sold at all.
  if (!online) return { ...known, kind: 'not-sold' };
  if (online.status === 'loading') return { ...base, kind: 'loading' };
  return { ...known, kind: online.status === 'ready' && online.data.available > 0 ? 'online-only' : 'not-sold' };
}

/**
 * @internal The nearest stores that have the SKU when `storeId` has none, kept live: asked with
 * the task's availability request (`nearby=`), each listed store's stock followed on the SKU's
 * one topic, and asked again when the store sells out after an answer that had stock.
 */
function nearbyStoresStore(client: ClientLike, sku: string, storeId: string): ReadableAtom<Remote<NearbyStore[]>> {
  return remoteStore<NearbyStore[]>(client, `nearby-stores:${sku}@${storeId}`, ($store) => {
    const svc = useService(client, availabilityService);
    const k = keyOf({ sku, storeId });
    let active = true;
    let list: NearbyStore[] | undefined;
    const publish = (next: NearbyStore[]) => {
      list = next;
      setReady($store, next);
    };
    const load = (fresh = false) =>
      getNearbyStores(client, { sku, storeId }, NEARBY_STORES_LISTED, fresh).then(
        (next) => active && publish(next),
        (e) => active && $store.value?.status !== 'ready' && $store.set({ status: 'error', error: asOmnikitError(e) }),
      );
    const stops = [
      svc.nearby.subscribe(k, (next) => publish(next.slice(0, NEARBY_STORES_LISTED))),
      // Sold out here after an answer that had stock: the nearby look is needed now.
      svc.cache.subscribe(k, (a) => {
        if (a.available === 0 && !svc.nearby.peek(k)?.fresh) void load();
      }),
      // The listed stores stay live (a store that sells out drops from the text).
      useService(client, createRealtime).subscribe(stockTopic(sku), (signal) => {
        if (signal.type === 'resync') void load();
        else if (signal.type === 'event' && signal.event.type === 'stock.changed' && list) {
          const a = signal.event.data;
          if (list.some((n) => n.storeId === a.storeId)) {
            if (list.some((n) => n.storeId === a.storeId && n.available !== a.available)) {
              publish(list.map((n) => (n.storeId === a.storeId ? { ...n, available: a.available } : n)));
            }
          } else if (
            a.storeId !== storeId &&
            a.storeId !== ONLINE_LOCATION &&
            a.available > 0 &&
            svc.cache.peek(k)?.value.available === 0 &&
            list.filter((n) => n.available > 0).length < NEARBY_STORES_LISTED
          ) {
            // Another store got it while there is none here and the list has room: ask again.
            void load(true);
          }
        }
      }),
    ];
    void load();
    return () => {
      active = false;
      for (const stop of stops) stop();
    };
  });
}

const sameState = (a: StockState, b: StockState): boolean =>
  a.kind === b.kind &&
  a.available === b.available &&
  a.lowStockThreshold === b.lowStockThreshold &&
  a.error === b.error &&
  a.nearby.length === b.nearby.length &&
  a.nearby.every((n, i) => n.storeId === b.nearby[i]!.storeId && n.available === b.nearby[i]!.available);

/**
 * The stock decision for one SKU at one location, kept live, as a nanostores atom: the whole
 * state a stock badge shows (kind, units, threshold applied, the nearest stores that have it
 * with their distance and short name). A React or Vue page, a kiosk app and a Node job get the
 * same answer as `<omni-stock-badge>`, which only picks the words for it.
 *
 * It reads the location (and `online`, for "online only") on first subscribe, batched with
 * every other read in the task; the product (inactive, online only) and the stores nearby are
 * asked only when there is none here. Everything is watched on the client's one event stream.
 * Bad input (a malformed SKU or store id) gives an `error` state with code `validation_failed`,
 * never a throw. One store per client and query.
 *
 * ```ts
 * const $stock = stockStateStore(omni, { sku: 'OK-10003', storeId: 'se-stockholm-drottninggatan' });
 * $stock.subscribe((s) => {
 *   if (s.kind === 'nearby') console.log(`Try ${s.nearby[0].shortName} (${s.nearby[0].distanceKm} km)`);
 * });
 * ```
 */
export function stockStateStore(client: ClientLike, query: StockStateQuery): ReadableAtom<StockState> {
  const { sku, storeId, lowStockThreshold, nearby: lookNearby = true } = query;
  const q = { sku, storeId, lowStockThreshold };
  const key = `stock-state:${sku}@${storeId}:${lowStockThreshold ?? ''}:${lookNearby ? 1 : 0}`;
  return sharedStore<StockState>(client, key, { kind: 'loading', sku, storeId, nearby: [] }, ($state) => {
    try {
      requireSku(sku);
      requireLocation(storeId);
    } catch (e) {
      $state.set({ kind: 'error', sku, storeId, nearby: [], error: asOmnikitError(e) });
      return () => undefined;
    }
    const stops: (() => void)[] = [];
    let $product: ReadableAtom<Remote<Product>> | undefined;
    let $nearby: ReadableAtom<Remote<NearbyStore[]>> | undefined;
    // The location and online are followed here, not through stores of their own: a page of
    // badges creates one store per badge, not three.
    const cell = (): Cell<Remote<Availability>> => {
      const c = {
        value: { status: 'loading' } as Remote<Availability>,
        set(v: Remote<Availability>) {
          c.value = v;
          update();
        },
      };
      return c;
    };
    const $here = cell();
    let $online: Cell<Remote<Availability>> | undefined;
    let starting = true;
    const update = (): void => {
      if (starting) return;
      const here = $here.value;
      const none = here?.status === 'ready' && here.data.available === 0;
      // The nearby and online looks go out with the first read (one request for all) unless
      // the first answer came from the cache with stock (a warm page subscribes to one store);
      // the product only once there is none here.
      if (lookNearby && storeId !== ONLINE_LOCATION && (none || here?.status === 'loading')) {
        if (!$online) stops.push(followAvailability(client, { sku, storeId: ONLINE_LOCATION }, ($online = cell())));
        if (!$nearby) stops.push(($nearby = nearbyStoresStore(client, sku, storeId)).listen(update));
      }
      if (none && !$product) stops.push(($product = productStore(client, sku)).listen(update));
      const nearby: Remote<NearbyStoreStock[]> | undefined = !lookNearby
        ? undefined
        : storeId === ONLINE_LOCATION
          ? { status: 'ready', data: [] }
          : $nearby
            ? $nearby.value
            : { status: 'loading' };
      const next = decideStock(q, here, $online?.value, $product?.value, nearby);
      const cur = $state.value;
      if (!cur || !sameState(cur, next)) $state.set(next);
    };
    stops.push(followAvailability(client, { sku, storeId }, $here, lookNearby ? undefined : { topic: 'location' }));
    starting = false;
    update();
    return () => {
      for (const stop of stops) stop();
    };
  });
}
