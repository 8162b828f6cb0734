import {
  ONLINE_LOCATION, distanceKm, type Country, type Fulfillment, type FulfillmentOption, type FulfillmentOptionKind,
  type FulfillmentOptionLine, type FulfillmentOptions, type FulfillmentProblem, type StoreService,
} from '@omnikit/contract';
import { fulfillmentKey, normalizeFulfillment } from '../carts.js';
import type { Queryable } from '../db/types.js';
import type { StoreRow } from '../routes/stores.js';
import { hoursOf } from '../routes/stores.js';
import { nowOf, type AppState } from '../state.js';
import {
  DEFAULT_FULFILLMENT_TIMES, deliveryDate, lockerReadyFromStore, readyAt, type FulfillmentTimes, type ReadySite,
} from './ready-time.js';

// Fulfilment options of a SKU or a cart at a chosen store: which ways are possible, why not, and
// the earliest ready time or delivery date of each. Facts are read in three queries; the rest is
// pure (`now` and the lead times passed in), so tests can pin any day.

/** A location as the options need it. */
export interface OptionSite extends ReadySite {
  id: string;
  shortName: string;
  lat: number;
  lng: number;
  services: StoreService[];
  compartments: number | null;
}

/** Products, locations and available units the options are computed from. */
export interface OptionFacts {
  sites: Map<string, OptionSite>;
  products: Map<string, { sku: string; active: boolean; online_only: boolean }>;
  /** Available units (`on_hand - reserved`) by `${sku}@${locationId}`; absent when not stocked there. */
  available: Map<string, number>;
}

/** One SKU and quantity to get (a cart line has its id). */
export interface OptionLineInput {
  lineId?: string;
  sku: string;
  quantity: number;
}

/** A location row as the options need it. */
export const toSite = (r: StoreRow): OptionSite => ({
  ...hoursOf(r), id: r.id, shortName: r.short_name, lat: r.lat, lng: r.lng, services: r.services,
  compartments: r.compartments, preparationMinutes: r.preparation_minutes,
});

/** Reads what the options of these SKUs need: every location, the products, their stock. */
export async function loadOptionFacts(q: Queryable, skus: string[]): Promise<OptionFacts> {
  const [sites, products, stock] = await Promise.all([
    q.query<StoreRow>('SELECT * FROM stores ORDER BY position, id'),
    q.query<{ sku: string; active: boolean; online_only: boolean }>('SELECT sku, active, online_only FROM products WHERE sku = ANY($1::text[])', [skus]),
    q.query<{ sku: string; store_id: string; on_hand: number; reserved: number }>(
      'SELECT sku, store_id, on_hand, reserved FROM stock WHERE sku = ANY($1::text[])', [skus],
    ),
  ]);
  return {
    sites: new Map(sites.map((r) => [r.id, toSite(r)])),
    products: new Map(products.map((p) => [p.sku, p])),
    available: new Map(stock.map((r) => [`${r.sku}@${r.store_id}`, Math.max(0, r.on_hand - r.reserved)])),
  };
}

/** The time and lead times an answer is computed at: the same for the options routes and the cart. */
export interface Timing {
  now: Date;
  times: FulfillmentTimes;
}

/** The app's time and lead times (its `fulfillmentTimes` over the defaults). */
export const timingOf = (app: AppState): Timing => ({ now: nowOf(app), times: { ...DEFAULT_FULFILLMENT_TIMES, ...app.fulfillmentTimes } });

/** The service a store must offer for each kind of pickup (`locker`: a store's own locker bank). */
const SERVICE_OF: Record<'in_store' | 'curbside' | 'locker', StoreService> = { in_store: 'click_and_collect', curbside: 'curbside', locker: 'locker' };
/** Lockers offered beside a store's own options: the nearest ones, this close. */
const MAX_LOCKERS = 2;
const LOCKER_RADIUS_KM = 15;

interface Candidate { at: Date; from: string }

/** The earliest of the candidates (the first listed on a tie: the online stock before stores). */
const earliest = (cs: (Candidate | undefined)[]) =>
  cs.reduce<Candidate | undefined>((best, c) => (c && (!best || c.at < best.at) ? c : best), undefined);

function shortage(facts: OptionFacts, line: OptionLineInput, at: string): FulfillmentProblem {
  const available = facts.available.get(`${line.sku}@${at}`);
  return available === undefined ? 'not_stocked' : available > 0 ? 'insufficient_stock' : 'out_of_stock';
}

/** Stores of a country other than `except` with the whole quantity, within the courier radius of `near`, nearest first. */
function storesWith(facts: OptionFacts, line: OptionLineInput, near: OptionSite, except: string, times: FulfillmentTimes): OptionSite[] {
  return [...facts.sites.values()]
    .filter((s) => s.type === 'store' && s.id !== except && s.country === near.country && (facts.available.get(`${line.sku}@${s.id}`) ?? 0) >= line.quantity)
    .map((s) => ({ s, d: distanceKm(near, s) }))
    .filter(({ d }) => d <= times.storeTransferRadiusKm)
    .sort((a, b) => a.d - b.d)
    .map(({ s }) => s);
}

function pickupLine(site: OptionSite, kind: 'in_store' | 'curbside' | 'locker', line: OptionLineInput, facts: OptionFacts, now: Date, times: FulfillmentTimes): FulfillmentOptionLine {
  const available = facts.available.get(`${line.sku}@${site.id}`) ?? 0;
  const base = { ...(line.lineId ? { lineId: line.lineId } : {}), sku: line.sku, quantity: line.quantity, available };
  const no = (problem: FulfillmentProblem): FulfillmentOptionLine => ({ ...base, possible: false, problem });
  const product = facts.products.get(line.sku);
  if (!product?.active) return no('inactive');
  if (product.online_only) return no('online_only');
  if (!site.services.includes(SERVICE_OF[kind])) return no('service_unavailable');
  if (available >= line.quantity) {
    const at = readyAt(site, now);
    return at ? { ...base, possible: true, readyAt: at.toISOString(), source: 'on_hand' } : no('closed_for_pickup');
  }
  const online = (facts.available.get(`${line.sku}@${ONLINE_LOCATION}`) ?? 0) >= line.quantity;
  const store = storesWith(facts, line, site, site.id, times)[0];
  const candidates = [
    online ? { from: ONLINE_LOCATION, lead: times.onlineTransferMinutes } : undefined,
    store ? { from: store.id, lead: times.storeTransferMinutes } : undefined,
  ].filter((c) => c !== undefined);
  if (!candidates.length) return no(shortage(facts, line, site.id));
  const best = earliest(candidates.map((c) => {
    const at = readyAt(site, now, c.lead);
    return at && { at, from: c.from };
  }));
  return best
    ? { ...base, possible: true, readyAt: best.at.toISOString(), source: 'transfer', transferFrom: best.from }
    : no('closed_for_pickup');
}

function lockerLine(locker: OptionSite, line: OptionLineInput, facts: OptionFacts, now: Date, times: FulfillmentTimes): FulfillmentOptionLine {
  const base = { ...(line.lineId ? { lineId: line.lineId } : {}), sku: line.sku, quantity: line.quantity, available: 0 };
  const no = (problem: FulfillmentProblem): FulfillmentOptionLine => ({ ...base, possible: false, problem });
  const product = facts.products.get(line.sku);
  if (!product?.active) return no('inactive');
  if (!locker.compartments) return no('no_capacity');
  // A locker holds no stock: something must feed it. The online warehouse does when it offers the
  // `locker` service (it ships to lockers); a store of the locker's country within the courier
  // radius does by a run (online-only products never sit on a store's shelves). With neither,
  // nothing can be offered there, whatever the stock.
  const onlineFeeds = facts.sites.get(ONLINE_LOCATION)?.services.includes('locker') ?? false;
  const storesFeed = !product.online_only && [...facts.sites.values()].some((s) =>
    s.type === 'store' && s.country === locker.country && distanceKm(locker, s) <= times.storeTransferRadiusKm);
  if (!onlineFeeds && !storesFeed) return no('service_unavailable');
  const fromOnline = onlineFeeds && (facts.available.get(`${line.sku}@${ONLINE_LOCATION}`) ?? 0) >= line.quantity
    ? readyAt(locker, now, times.onlineTransferMinutes) : undefined;
  const candidates: (Candidate | undefined)[] = [fromOnline && { at: fromOnline, from: ONLINE_LOCATION }];
  if (storesFeed) {
    for (const s of storesWith(facts, line, locker, locker.id, times)) {
      const at = lockerReadyFromStore(s, now, times);
      candidates.push(at && { at, from: s.id });
    }
  }
  const best = earliest(candidates);
  if (best) return { ...base, possible: true, readyAt: best.at.toISOString(), source: 'transfer', transferFrom: best.from };
  if (candidates.length > 1 || fromOnline) return no('closed_for_pickup');
  // No feeder has it: the online stock's state when it feeds the locker, else the stores' (none has it all).
  return no(onlineFeeds ? shortage(facts, line, ONLINE_LOCATION) : 'out_of_stock');
}

function deliveryLine(line: OptionLineInput, facts: OptionFacts, country: Country, now: Date, times: FulfillmentTimes): FulfillmentOptionLine {
  const available = facts.available.get(`${line.sku}@${ONLINE_LOCATION}`) ?? 0;
  const base = { ...(line.lineId ? { lineId: line.lineId } : {}), sku: line.sku, quantity: line.quantity, available };
  if (!facts.products.get(line.sku)?.active) return { ...base, possible: false, problem: 'inactive' };
  if (available < line.quantity) return { ...base, possible: false, problem: shortage(facts, line, ONLINE_LOCATION) };
  const warehouse = facts.sites.get(ONLINE_LOCATION);
  const from = warehouse ? { country: warehouse.country, timeZone: warehouse.timeZone } : { country: 'SE' as const, timeZone: 'Europe/Stockholm' };
  return { ...base, possible: true, deliveryDate: deliveryDate(now, from, country, times), source: 'on_hand' };
}

/**
 * THE rule of whether a fulfilment can have a SKU and quantity at `now`, and how: the options
 * routes answer with it, the cart's line availability is it, and checkout reserves where it
 * says (`transferFrom`, else the line's own location), so the three never disagree.
 * - delivery: the online stock, with the delivery date to `country`;
 * - pickup at a store (counter, curbside, or a store's own locker bank with the `locker`
 *   service): the store's shelves, else a transfer from the online stock or the nearest store
 *   with it all within the courier radius, whichever is ready first;
 * - pickup at a locker location: from the online stock (when the warehouse offers the `locker`
 *   service) or a store near it, whichever is first; a locker nothing feeds is `service_unavailable`;
 * - a location that does not exist (or the warehouse, or counter pickup at a locker): `unknown_store`
 *   / `service_unavailable`. Take-now is not an option (the cart checks the shelf itself).
 */
export function lineOption(
  fulfillment: Fulfillment, line: OptionLineInput, facts: OptionFacts, country: Country, now: Date, times: FulfillmentTimes,
): FulfillmentOptionLine {
  const f = normalizeFulfillment(fulfillment);
  if (f.type === 'delivery') return deliveryLine(line, facts, country, now, times);
  const site = facts.sites.get(f.storeId);
  const base = { ...(line.lineId ? { lineId: line.lineId } : {}), sku: line.sku, quantity: line.quantity, available: facts.available.get(`${line.sku}@${f.storeId}`) ?? 0 };
  if (!site || site.type === 'warehouse') return { ...base, possible: false, problem: 'unknown_store' };
  if (f.type === 'take_now') return { ...base, possible: false, problem: 'service_unavailable' };
  const method = f.method ?? 'in_store';
  if (site.type === 'locker') {
    return method === 'locker' ? lockerLine(site, line, facts, now, times) : { ...base, available: 0, possible: false, problem: 'service_unavailable' };
  }
  return pickupLine(site, method, line, facts, now, times);
}

/** One option from its lines' answers: the worst line decides. */
function combine(kind: FulfillmentOptionKind, fulfillment: Fulfillment, lines: FulfillmentOptionLine[], extra: Partial<FulfillmentOption> = {}): FulfillmentOption {
  const failed = lines.find((l) => !l.possible);
  const option: FulfillmentOption = { id: fulfillmentKey(fulfillment), kind, fulfillment, ...extra, possible: !failed, lines };
  if (failed) return { ...option, problem: failed.problem ?? 'out_of_stock' };
  const latest = (key: 'readyAt' | 'deliveryDate') =>
    lines.reduce<FulfillmentOptionLine | undefined>((m, l) => (l[key] !== undefined && (!m || l[key]! > m[key]!) ? l : m), undefined);
  const ready = latest('readyAt');
  const date = latest('deliveryDate');
  const transfers = lines.filter((l) => l.source === 'transfer');
  const lastTransfer = transfers.reduce<FulfillmentOptionLine | undefined>((m, l) => (!m || l.readyAt! > m.readyAt! ? l : m), undefined);
  return {
    ...option,
    ...(ready ? { readyAt: ready.readyAt } : {}),
    ...(date ? { deliveryDate: date.deliveryDate } : {}),
    source: transfers.length ? 'transfer' : 'on_hand',
    ...(lastTransfer?.transferFrom ? { transferFrom: lastTransfer.transferFrom } : {}),
  };
}

/**
 * The options of `lines` at `storeId` at `now`: at a store, pickup at the counter, curbside and
 * the nearest lockers (up to two within 15 km); at a locker, that locker; always home delivery.
 * The caller has checked that `storeId`, if given, names a store or a locker.
 */
export function fulfillmentOptions(
  input: { storeId?: string; lines: OptionLineInput[]; country: Country }, facts: OptionFacts, now: Date, times: FulfillmentTimes,
): FulfillmentOptions {
  const options: FulfillmentOption[] = [];
  const site = input.storeId === undefined ? undefined : facts.sites.get(input.storeId);
  const linesOf = (f: Fulfillment) => input.lines.map((l) => lineOption(f, l, facts, input.country, now, times));
  const lockerOption = (locker: OptionSite, distance?: number) => combine('locker', { type: 'pickup', storeId: locker.id, method: 'locker' },
    linesOf({ type: 'pickup', storeId: locker.id, method: 'locker' }),
    { storeName: locker.shortName, timeZone: locker.timeZone, ...(distance !== undefined ? { distanceKm: Math.round(distance * 10) / 10 } : {}) });
  if (site?.type === 'store') {
    for (const kind of ['in_store', 'curbside'] as const) {
      const f: Fulfillment = { type: 'pickup', storeId: site.id, method: kind };
      options.push(combine(kind, f, linesOf(f), { storeName: site.shortName, timeZone: site.timeZone }));
    }
    const lockers = [...facts.sites.values()]
      .filter((s) => s.type === 'locker' && s.country === site.country)
      .map((s) => ({ s, d: distanceKm(site, s) }))
      .filter(({ d }) => d <= LOCKER_RADIUS_KM)
      .sort((a, b) => a.d - b.d)
      .slice(0, MAX_LOCKERS);
    for (const { s, d } of lockers) options.push(lockerOption(s, d));
  } else if (site?.type === 'locker') {
    options.push(lockerOption(site));
  }
  options.push(combine('delivery', { type: 'delivery' }, linesOf({ type: 'delivery' })));
  const first = options.find((o) => o.possible);
  return {
    ...(input.storeId !== undefined ? { storeId: input.storeId } : {}),
    computedAt: now.toISOString(),
    options,
    ...(first ? { defaultOptionId: first.id } : {}),
  };
}
