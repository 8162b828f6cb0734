import type { Store, StoreService, StoreType } from '@omnikit/contract';
import type { ReadableAtom, WritableAtom } from 'nanostores';
import type { ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import { getStore, listStores } from '../resources/stores.js';
import { requireSku } from '../resources/validate.js';
import { asOmnikitError, sharedStore } from './remote.js';
import { stockStateStore, type StockState } from './stock-state.js';

/**
 * What a store picker shows as a whole:
 * - `loading`: the list is on its way (keep the space: the rows that come take it);
 * - `ready`: {@link StorePickerState.rows} has at least one store;
 * - `empty`: nothing matches the search;
 * - `error`: the list could not be read, or the input was refused (`validation_failed`);
 * - `idle`: no list was asked for (`list: false`, a closed dialog): only the chosen store is followed.
 */
export type StorePickerKind = 'loading' | 'ready' | 'empty' | 'error' | 'idle';

/**
 * Where distances are measured from: `device` (the position the page passed as `near`, from
 * "use my location"), `place` (the best match of the typed text), or `none` (no distances).
 */
export type StorePickerOrigin = 'device' | 'place' | 'none';

/**
 * Whether a store is open, as the words to say it need it (the time is formatted in the page's
 * locale, in the store's own zone `timeZone`):
 * - `open`: open now until `at`;
 * - `opens`: closed now, opens at `at`, `day` days from the store's today (0 today, 1 tomorrow);
 * - `always`: open at all hours (a parcel locker);
 * - `closed`: closed, no opening in the coming 30 days (or the server did not say).
 */
export interface StorePickerOpen {
  kind: 'open' | 'opens' | 'always' | 'closed';
  /** ISO 8601 timestamp of the closing (`open`) or the opening (`opens`). */
  at?: string;
  /** For `opens`: whole days from today to the opening, counted in the store's time zone. */
  day?: number;
  /** The store's IANA time zone, to format `at` in. */
  timeZone: string;
}

/**
 * Stock of the SKU at one row's location: the stock badge's kinds for that location alone
 * (`in-stock`, `low-stock`, `out-of-stock`, `online-only`, `not-sold`, `loading`, `error`), or
 * `not-held` for a parcel locker, which holds no stock (a locker pickup comes by transfer).
 */
export type StorePickerStockKind = Exclude<StockState['kind'], 'nearby'> | 'not-held';

/** One row of the picker: a store and everything said about it. */
export interface StorePickerRow {
  store: Store;
  /** Kilometres from the origin (see {@link StorePickerState.origin}), when there is one. */
  distanceKm?: number;
  open: StorePickerOpen;
  /** The services the store offers, in the contract's order. */
  services: StoreService[];
  /** Stock of the SKU here; only when the query has a `sku`. */
  stock?: { kind: StorePickerStockKind; available?: number };
  /** Whether this is the shopper's chosen store (the client's `$selectedStore`). */
  selected: boolean;
}

/** The whole state of a store picker, as {@link storePickerStore} yields it. */
export interface StorePickerState {
  kind: StorePickerKind;
  /** The stores to list, in order: nearest first when there is an origin, else by name. */
  rows: readonly StorePickerRow[];
  origin: StorePickerOrigin;
  /** The chosen store's id, whether or not it is listed. */
  selectedId?: string;
  /** The chosen store itself (from the list, or read on its own), once known. */
  selected?: Store;
  /** Why, when `kind` is `error`. */
  error?: OmnikitError;
}

/** Query of {@link storePickerStore}. */
export interface StorePickerQuery {
  /** A SKU to show the stock of at every listed store. */
  sku?: string | undefined;
  /** Text to search: city, postcode (with or without its space) or store name. */
  q?: string | undefined;
  /** The device's position ("use my location"): stores nearest it first, with distances. */
  near?: { lat: number; lng: number } | undefined;
  /** Only stores offering this service (e.g. `click_and_collect`). */
  service?: StoreService | undefined;
  /** Only locations of this kind (`locker` for parcel lockers). */
  type?: StoreType | undefined;
  /** Most stores listed (default 20, at most 50). */
  limit?: number | undefined;
  /**
   * `false` to follow only the chosen store ({@link StorePickerState.selected}), without
   * listing any: what a closed picker's trigger needs (one store read, no list, no stock).
   */
  list?: boolean | undefined;
  /** @internal The time "today" is counted from (tests); default the moment of each answer. */
  now?: number | undefined;
}

const ZONE_DATES = new Map<string, Intl.DateTimeFormat>();
/** Days since the epoch of `ms`'s calendar date in `timeZone`. */
function dayNumber(ms: number, timeZone: string): number {
  let f = ZONE_DATES.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    }
    ZONE_DATES.set(timeZone, f);
  }
  // en-CA formats as YYYY-MM-DD.
  return Math.round(Date.parse(`${f.format(ms)}T00:00:00Z`) / 86_400_000);
}

/** @internal The open-state words' inputs for one store, at `now`. */
export function openOf(store: Store, now: number): StorePickerOpen {
  const s = store.openState;
  const timeZone = store.timeZone;
  if (s?.open) return s.closesAt ? { kind: 'open', at: s.closesAt, timeZone } : { kind: 'always', timeZone };
  if (s?.opensAt) {
    const at = Date.parse(s.opensAt);
    return { kind: 'opens', at: s.opensAt, day: Math.max(0, dayNumber(at, timeZone) - dayNumber(now, timeZone)), timeZone };
  }
  return { kind: 'closed', timeZone };
}

/** @internal Rows in their order: by distance when known, else by name in the store's language. */
export function orderRows(rows: StorePickerRow[]): StorePickerRow[] {
  return rows.sort((a, b) =>
    a.distanceKm !== undefined && b.distanceKm !== undefined
      ? a.distanceKm - b.distanceKm || a.store.id.localeCompare(b.store.id)
      : a.store.name.localeCompare(b.store.name) || a.store.id.localeCompare(b.store.id),
  );
}

function validNear(near: StorePickerQuery['near']): boolean {
  return (
    !near ||
    (typeof near.lat === 'number' && typeof near.lng === 'number' && Math.abs(near.lat) <= 90 && Math.abs(near.lng) <= 180)
  );
}

/**
 * A store picker's whole state, kept live, as a nanostores atom: the stores that match the
 * search (`q`: city, postcode or name), nearest first from the device's position (`near`) or,
 * without one, from the best match of the typed place; for each its distance, whether it is
 * open now or when it opens (as inputs for the words, in the store's time zone), its services,
 * the stock of `sku` there (live), and whether it is the shopper's chosen store (the client's
 * `$selectedStore`, shared by every widget). A React page or a Node job gets the same rows as
 * `<omni-store-picker>`, which only picks the words.
 *
 * Choose a store with `client.selectStore(id)`: every widget follows, and the choice is
 * remembered. Bad input (a malformed SKU, an out-of-range `near`, a search over 100 characters)
 * gives an `error` state with code `validation_failed`, never a throw. One store per client
 * and query; the stock of all rows is one batched request, watched on the SKU's topic.
 *
 * ```ts
 * const $picker = storePickerStore(omni, { q: 'Oslo', sku: 'OK-10001' });
 * $picker.subscribe((s) => s.rows.forEach((r) => console.log(r.store.name, r.distanceKm, r.open.kind, r.stock?.kind)));
 * ```
 */
export function storePickerStore(
  client: ClientLike & { readonly $selectedStore: ReadableAtom<string | undefined> },
  query: StorePickerQuery = {},
): ReadableAtom<StorePickerState> {
  const q = query.q?.trim() || undefined;
  const { sku, near, service, type, now } = query;
  const listing = query.list !== false;
  const limit = Math.min(50, Math.max(1, Math.floor(query.limit ?? 20)));
  const at = near && validNear(near) ? `${Math.round(near.lat * 1e5) / 1e5},${Math.round(near.lng * 1e5) / 1e5}` : undefined;
  const key = `store-picker:${sku ?? ''}|${q ?? ''}|${near ? (at ?? 'bad') : ''}|${service ?? ''}|${type ?? ''}|${limit}|${now ?? ''}|${listing ? '' : 'idle'}`;
  const initial: StorePickerState = { kind: listing ? 'loading' : 'idle', rows: [], origin: near ? 'device' : 'none' };
  return sharedStore<StorePickerState>(client, key, initial, ($state: WritableAtom<StorePickerState>) => {
    const fail = (e: unknown) => $state.set({ kind: 'error', rows: [], origin: initial.origin, selectedId: client.$selectedStore.value, error: asOmnikitError(e) });
    try {
      if (sku !== undefined) requireSku(sku);
      const bad = !validNear(near) ? 'near' : q && q.length > 100 ? 'q' : '';
      if (bad) {
        const message = bad === 'q' ? 'at most 100 characters' : 'lat within ±90, lng within ±180';
        throw new OmnikitError('validation_failed', `${bad}: ${message}`, { details: { issues: [{ path: bad, message }] } });
      }
    } catch (e) {
      fail(e);
      return () => undefined;
    }
    let active = true;
    let stores: Store[] | undefined;
    let origin: StorePickerOrigin = initial.origin;
    let selectedStore: Store | undefined;
    let askedFor: string | undefined;
    const stops: (() => void)[] = [];
    const stock = new Map<string, ReadableAtom<StockState>>();

    const update = () => {
      if (!active || !stores) return;
      const selectedId = client.$selectedStore.value;
      const t = now ?? Date.now();
      const rows = orderRows(
        stores.map((store) => {
          const row: StorePickerRow = {
            store,
            open: openOf(store, t),
            services: store.services,
            selected: store.id === selectedId,
            ...(origin !== 'none' && store.distanceKm !== undefined ? { distanceKm: store.distanceKm } : {}),
          };
          if (sku !== undefined) {
            const s = stock.get(store.id)?.value;
            row.stock =
              store.type === 'locker'
                ? { kind: 'not-held' }
                : !s || s.kind === 'nearby'
                  ? { kind: 'loading' }
                  : s.available === undefined
                    ? { kind: s.kind }
                    : { kind: s.kind, available: s.available };
          }
          return row;
        }),
      );
      const listed = stores.find((s) => s.id === selectedId);
      if (listed) selectedStore = listed;
      else if (selectedStore?.id !== selectedId) selectedStore = undefined;
      // The chosen store is not in this list: read it once, for the name a trigger shows.
      if (selectedId && !selectedStore && askedFor !== selectedId) {
        askedFor = selectedId;
        getStore(client, selectedId).then(
          (s) => {
            if (active && client.$selectedStore.value === s.id) {
              selectedStore = s;
              update();
            }
          },
          () => undefined,
        );
      }
      $state.set({
        kind: !listing ? 'idle' : rows.length ? 'ready' : 'empty',
        rows,
        origin,
        ...(selectedId ? { selectedId } : {}),
        ...(selectedStore ? { selected: selectedStore } : {}),
      });
    };

    const load = async (): Promise<Store[]> => {
      const base = { service, type, limit };
      if (at) return listStores(client, { ...base, near: at, q });
      const found = await listStores(client, { ...base, q });
      // A typed place: measure from its best match, nearest first.
      if (!q || !found.length || !active) return found;
      origin = 'place';
      return listStores(client, { ...base, q, near: found[0]!.coordinates });
    };

    (listing ? load() : Promise.resolve([])).then(
      (list) => {
        if (!active) return;
        stores = list.filter((s) => s.type !== 'warehouse');
        if (sku !== undefined) {
          for (const s of stores) {
            if (s.type === 'locker') continue;
            const $s = stockStateStore(client, { sku, storeId: s.id, nearby: false });
            stock.set(s.id, $s);
            stops.push($s.listen(update));
          }
        }
        update();
      },
      (e) => active && fail(e),
    );
    stops.push(client.$selectedStore.listen(update));
    return () => {
      active = false;
      for (const stop of stops) stop();
    };
  });
}
