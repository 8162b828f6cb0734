import {
  DEFAULT_LOW_STOCK_THRESHOLD, nearestStores, stockTopic, wantsNearby,
  type Availability, type AvailabilityAnswer, type AvailabilityNearby, type NearbyCandidate, type NearbyStore,
} from '@omnikit/contract';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';
import type { EventBus, StoredEvent } from './events/bus.js';
import { toAvailability, type StockRow } from './stock.js';

/** One stock row as the read model holds it, with the event sequence it is current as of. */
interface Row {
  onHand: number;
  reserved: number;
  threshold: number;
  updatedAt: string;
  /** The `stock.changed` event that set it, or the snapshot's position: an older event never overwrites it. */
  seq: number;
  /** The record built from it, made on first read and reused until the row changes. */
  record?: Availability;
}

/** What the model holds per SKU: the product facts and every location's row. */
interface SkuEntry {
  updatedAt: string;
  rows: Map<string, Row>;
  /** Position of the snapshot the rows were loaded from (highest event sequence it includes). */
  atSeq: number;
  loadedAt: number;
  /** Bumped whenever a row changes or the SKU is reloaded: what cached answers check. */
  version: number;
  unsubscribe: () => void;
}

/** A serialized answer and the versions of what it was built from. */
interface CachedAnswer {
  body: Uint8Array<ArrayBuffer>;
  versions: number[];
  storesVersion: number;
  /** The model's clock when last found current: while nothing at all changed since, no per-SKU check. */
  checkedAt: number;
  /** When the longest-held of its SKUs was loaded (it must be read again after `maxAgeMs`). */
  oldestLoadedAt: number;
}

/** What an answer is built from: the entries of its SKUs (in order) and the store list. */
interface Held {
  entries: SkuEntry[];
  stores: Map<string, StoreFact>;
}

/** The store facts answers need. */
export interface StoreFact {
  id: string;
  name: string;
  shortName: string;
  type: 'store' | 'warehouse';
  lat: number;
  lng: number;
}

export interface ReadModelOptions {
  /**
   * A SKU's rows are reloaded from the tables on the first read after this many ms (default
   * 60 s), and the store list too: the safety net for changes that bypass the API's events
   * (SQL by hand, a `db:reset` by another process). Events keep the rows current in between.
   */
  maxAgeMs?: number;
  /** Most SKUs held; the least recently loaded are dropped first (default 100 000). */
  maxSkus?: number;
  /** How long a local write's pending mark lasts if its event never comes (a rollback; default 5 s). */
  writeMarkMs?: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const utf8 = new TextEncoder();

// One statement, so the stock rows and the event position come from the same snapshot: writers
// take their event sequence under a lock held to commit (EventBus.publish), so a snapshot that
// sees event N has every stock change of events up to N and none after.
const SNAPSHOT_SQL = `
  SELECT p.at_seq, s.sku, s.store_id, s.on_hand, s.reserved, s.low_stock_threshold, s.updated_at
  FROM (SELECT GREATEST((SELECT COALESCE(max(seq), 0) FROM events),
                        (SELECT COALESCE(max(pruned_through), 0) FROM event_state)) AS at_seq) p
  LEFT JOIN stock s ON s.sku = ANY($1::text[])`;

/**
 * Availability served from memory: per server process, the stock rows of the SKUs asked about
 * (every location), loaded from the tables on first use and kept current by the bus's
 * `stock.changed` events (which arrive from other instances through LISTEN/NOTIFY, so every
 * instance converges on the same rows), with the product and store existence checks answered
 * from memory too. Only reads use it: writes and checkout decide on the database in a
 * transaction (stock.ts).
 *
 * Ordering: every row remembers the event sequence it is current as of, and an event only
 * replaces a row it is newer than, so an event delivered late (the bus pumps after the commit)
 * never overwrites a newer snapshot, and a snapshot never overwrites a newer event. This
 * process's own writes are marked pending ({@link AvailabilityReadModel.noteWrite}) until their
 * event arrives, and reads of those SKUs go to the tables meanwhile: a client that changed stock
 * reads its own write on the instance it wrote to, without waiting for the bus.
 */
export class AvailabilityReadModel {
  private readonly skus = new Map<string, SkuEntry>();
  private readonly loading = new Map<string, Promise<void>>();
  // Replaced whole on each load, so a reader never sees half a list.
  private stores = new Map<string, StoreFact>();
  private storesLoadedAt = -Infinity;
  private storesLoading: Promise<void> | undefined;
  /** SKUs with a write of this process in flight: the highest event sequence it wrote, and until when to wait for it. */
  private readonly pending = new Map<string, { seq: number; until: number }>();
  /** Serialized answers by query, reused while none of their SKUs changed (most reads of a page repeat). */
  private readonly answers = new Map<string, CachedAnswer>();
  private storesVersion = 0;
  /** Source of versions: one counter for all, so a SKU dropped and loaded again never repeats a version. */
  private clock = 0;
  private readonly maxAgeMs: number;
  private readonly maxSkus: number;
  private readonly writeMarkMs: number;

  constructor(private readonly db: Queryable, private readonly bus: EventBus, options: ReadModelOptions = {}) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.maxSkus = options.maxSkus ?? 100_000;
    this.writeMarkMs = options.writeMarkMs ?? 5_000;
  }

  /** Number of SKUs held (for tests). */
  get size(): number {
    return this.skus.size;
  }

  /**
   * Records that this process wrote a stock change of `sku` whose event has sequence `seq` (not
   * yet committed): reads of the SKU go to the tables until that event has been applied.
   */
  noteWrite(sku: string, seq: number): void {
    const mark = this.pending.get(sku);
    this.pending.set(sku, { seq: Math.max(seq, mark?.seq ?? 0), until: Date.now() + this.writeMarkMs });
  }

  /**
   * {@link availability} as a JSON body (UTF-8 bytes). The body of a query is kept (up to 256
   * queries) and given again while no SKU of it has changed, so a page's repeated read costs
   * neither building nor serializing: the check is one version compare per SKU.
   */
  async availabilityBody(
    skus: string[], storeIds: string[], nearby?: { limit: number; radiusKm: number },
    /** What identifies the query; a route passes its raw query string (cheaper than joining 100 SKUs). */
    key = `${skus.join(',')}|${storeIds.join(',')}|${nearby ? `${nearby.limit}|${nearby.radiusKm}` : ''}`,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const hit = this.answers.get(key);
    if (hit && this.isCurrent(hit, skus)) return hit.body;
    const held = await this.prepare(skus, storeIds);
    if (this.dirtySkus(skus).length) return utf8.encode(JSON.stringify(await this.answer(skus, storeIds, held, nearby)));
    const versions = held.entries.map((e) => e.version);
    const oldestLoadedAt = Math.min(...held.entries.map((e) => e.loadedAt));
    const storesVersion = this.storesVersion;
    const checkedAt = this.clock;
    const body = utf8.encode(JSON.stringify(this.build(skus, storeIds, held, nearby)));
    if (this.answers.size >= 256) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, { body, versions, storesVersion, checkedAt, oldestLoadedAt });
    return body;
  }

  /** Whether a kept answer still holds: the stores and every SKU unchanged, none held too long, none with a write pending. */
  private isCurrent(hit: CachedAnswer, skus: string[]): boolean {
    const now = Date.now();
    if (hit.storesVersion !== this.storesVersion || now - this.storesLoadedAt > this.maxAgeMs) return false;
    if (now - hit.oldestLoadedAt > this.maxAgeMs) return false;
    if (this.pending.size > 0) for (const [sku, mark] of this.pending) if (mark.until < now) this.pending.delete(sku);
    const checkPending = this.pending.size > 0;
    // Nothing changed anywhere since it was last found current: no need to look at each SKU.
    if (hit.checkedAt === this.clock && !checkPending) return true;
    for (let i = 0; i < skus.length; i++) {
      const e = this.skus.get(skus[i]!);
      if (!e || e.version !== hit.versions[i]) return false;
      if (checkPending && this.pending.has(skus[i]!)) return false;
    }
    hit.checkedAt = this.clock;
    return true;
  }

  /**
   * The answer of `GET /v1/availability`: one record per SKU x location (SKU-major, as asked),
   * and with `nearby`, the nearest other stores that have each SKU with none available at a store
   * asked about. Unknown SKUs are 404 `unknown_sku`, unknown locations 404 `unknown_store`.
   */
  async availability(
    skus: string[], storeIds: string[], nearby?: { limit: number; radiusKm: number },
  ): Promise<AvailabilityAnswer> {
    return this.answer(skus, storeIds, await this.prepare(skus, storeIds), nearby);
  }

  /** Loads what is missing; returns the entries and store list to build from (held even if evicted meanwhile). */
  private async prepare(skus: string[], storeIds: string[]): Promise<Held> {
    const stores = await this.ensureStores(storeIds);
    const entries = await this.ensureSkus(skus);
    return { stores, entries };
  }

  /** The answer, with the rows of SKUs that have a write of this process pending read from the tables. */
  private async answer(skus: string[], storeIds: string[], held: Held, nearby?: { limit: number; radiusKm: number }): Promise<AvailabilityAnswer> {
    const dirty = this.dirtySkus(skus);
    const fresh = dirty.length ? await this.readRows(dirty) : undefined;
    return this.build(skus, storeIds, held, nearby, fresh);
  }

  private build(
    skus: string[], storeIds: string[], { entries, stores }: Held, nearby?: { limit: number; radiusKm: number },
    fresh?: Map<string, Map<string, Row>>,
  ): AvailabilityAnswer {
    const rowsOf = (i: number) => fresh?.get(skus[i]!) ?? entries[i]!.rows;
    const items: Availability[] = [];
    for (let i = 0; i < skus.length; i++) {
      const rows = rowsOf(i);
      for (const storeId of storeIds) items.push(recordOf(skus[i]!, storeId, rows.get(storeId), entries[i]!.updatedAt));
    }
    if (!nearby) return { items };

    const answer: AvailabilityNearby[] = [];
    for (let i = 0; i < skus.length; i++) {
      const rows = rowsOf(i);
      for (const storeId of storeIds) {
        const origin = stores.get(storeId)!;
        if (!wantsNearby(origin.type, availableOf(rows.get(storeId)))) continue;
        answer.push({ sku: skus[i]!, storeId, stores: nearest(stores, rows, origin, nearby.limit, nearby.radiusKm) });
      }
    }
    return { items, nearby: answer };
  }

  /** SKUs with a local write whose event has not been applied yet (marks past their time are dropped). */
  private dirtySkus(skus: string[]): string[] {
    if (this.pending.size === 0) return [];
    const now = Date.now();
    const dirty: string[] = [];
    for (const sku of skus) {
      const mark = this.pending.get(sku);
      if (!mark) continue;
      if (mark.until < now) this.pending.delete(sku);
      else dirty.push(sku);
    }
    return dirty;
  }

  private async readRows(skus: string[]): Promise<Map<string, Map<string, Row>>> {
    const rows = await this.db.query<StockRow>('SELECT * FROM stock WHERE sku = ANY($1::text[])', [skus]);
    const out = new Map<string, Map<string, Row>>(skus.map((s) => [s, new Map()]));
    for (const r of rows) out.get(r.sku)!.set(r.store_id, rowOf(r, 0));
    return out;
  }

  /** Loads the SKUs not held (or held too long) in one batch; 404 `unknown_sku` names the ones that do not exist. */
  private async ensureSkus(skus: string[]): Promise<SkuEntry[]> {
    const now = Date.now();
    const waits: Promise<void>[] = [];
    const load: string[] = [];
    for (const sku of skus) {
      const inFlight = this.loading.get(sku);
      if (inFlight) waits.push(inFlight);
      else {
        const e = this.skus.get(sku);
        if (!e || now - e.loadedAt > this.maxAgeMs) load.push(sku);
      }
    }
    if (load.length) {
      const p = this.load(load).finally(() => {
        for (const sku of load) if (this.loading.get(sku) === p) this.loading.delete(sku);
      });
      for (const sku of load) this.loading.set(sku, p);
      waits.push(p);
    }
    if (waits.length) await Promise.all(waits);
    if (load.length) this.evict(new Set(skus));
    const missing = skus.filter((s) => !this.skus.has(s));
    if (missing.length) {
      throw new ApiError('unknown_sku', `Unknown SKU: ${missing.join(', ')}.`,
        missing.map((s) => ({ path: 'query.skus', message: `unknown sku ${s}` })));
    }
    return skus.map((s) => this.skus.get(s)!);
  }

  private async load(skus: string[]): Promise<void> {
    // Subscribe first, so no event committed after the snapshot can slip between the two.
    for (const sku of skus) if (!this.skus.has(sku)) this.placeholder(sku);
    const products = await this.db.query<{ sku: string; updated_at: Date | string }>(
      'SELECT sku, updated_at FROM products WHERE sku = ANY($1::text[])', [skus],
    );
    const known = new Map(products.map((p) => [p.sku, iso(p.updated_at)]));
    const found = skus.filter((s) => known.has(s));
    const snapshot = found.length ? await this.db.query<StockRow & { at_seq: string | number }>(SNAPSHOT_SQL, [found]) : [];
    const atSeq = Number(snapshot[0]?.at_seq ?? 0);
    const bySku = new Map<string, StockRow[]>();
    for (const r of snapshot) if (r.sku) (bySku.get(r.sku) ?? bySku.set(r.sku, []).get(r.sku)!).push(r);
    const now = Date.now();
    for (const sku of skus) {
      const entry = this.skus.get(sku);
      if (!entry) continue; // evicted meanwhile
      const updatedAt = known.get(sku);
      if (updatedAt === undefined) {
        // Never a negative entry: a product added later is found on its first request.
        entry.unsubscribe();
        this.skus.delete(sku);
        this.clock++;
        continue;
      }
      // Sequences going backwards mean a new database (a reset): nothing held is worth keeping.
      const reset = atSeq < entry.atSeq;
      const rows = new Map<string, Row>();
      for (const r of bySku.get(sku) ?? []) rows.set(r.store_id, rowOf(r, atSeq));
      // Events newer than the snapshot that arrived while it was read stay.
      if (!reset) for (const [storeId, row] of entry.rows) if (row.seq > atSeq) rows.set(storeId, row);
      entry.rows = rows;
      entry.updatedAt = updatedAt;
      entry.atSeq = atSeq;
      entry.loadedAt = now;
      entry.version = ++this.clock;
      // Loaded at last: re-insert so the Map's order is load order (the oldest is evicted first).
      this.skus.delete(sku);
      this.skus.set(sku, entry);
      const mark = this.pending.get(sku);
      if (mark && mark.seq <= atSeq) this.pending.delete(sku);
    }
  }

  /** An entry with no rows yet, subscribed to the SKU's all-locations topic. */
  private placeholder(sku: string): void {
    const entry: SkuEntry = {
      updatedAt: new Date(0).toISOString(), rows: new Map(), atSeq: 0, loadedAt: -Infinity, version: 0, unsubscribe: () => {},
    };
    entry.unsubscribe = this.bus.subscribe({ topics: new Set([stockTopic(sku)]), deliver: (e) => this.apply(entry, e) });
    this.skus.set(sku, entry);
  }

  private apply(entry: SkuEntry, e: StoredEvent): void {
    if (e.event.type !== 'stock.changed') return;
    const a = e.event.data as Partial<Availability> | undefined;
    if (!a || typeof a.storeId !== 'string' || typeof a.sku !== 'string' || typeof a.onHand !== 'number' || typeof a.reserved !== 'number') return;
    const mark = this.pending.get(a.sku);
    if (mark && mark.seq <= e.seq) this.pending.delete(a.sku);
    const current = entry.rows.get(a.storeId);
    if (e.seq <= Math.max(current?.seq ?? 0, entry.atSeq)) return; // older than what is held
    entry.rows.set(a.storeId, {
      onHand: a.onHand, reserved: a.reserved, threshold: a.lowStockThreshold ?? DEFAULT_LOW_STOCK_THRESHOLD,
      updatedAt: a.updatedAt ?? new Date().toISOString(), seq: e.seq,
    });
    entry.version = ++this.clock;
  }

  /** Drops the least recently loaded SKUs over the limit, never one being loaded or asked about now (`keep`). */
  private evict(keep: ReadonlySet<string>): void {
    if (this.skus.size <= this.maxSkus) return;
    for (const [sku, entry] of this.skus) {
      if (this.skus.size <= this.maxSkus) break;
      if (keep.has(sku) || this.loading.has(sku)) continue;
      entry.unsubscribe();
      this.skus.delete(sku);
      this.clock++; // kept answers with this SKU must be checked again
    }
  }

  /** Makes sure every id is a known location (404 `unknown_store` names the others). */
  private async ensureStores(ids: string[]): Promise<Map<string, StoreFact>> {
    if (Date.now() - this.storesLoadedAt > this.maxAgeMs || ids.some((id) => !this.stores.has(id))) {
      // A store unknown to the list held may be new: read the list again (misses are never cached).
      await (this.storesLoading ??= this.loadStores().finally(() => {
        this.storesLoading = undefined;
      }));
    }
    const missing = ids.filter((id) => !this.stores.has(id));
    if (missing.length) {
      throw new ApiError('unknown_store', `Unknown store: ${missing.join(', ')}.`,
        missing.map((s) => ({ path: 'query.stores', message: `unknown store ${s}` })));
    }
    return this.stores;
  }

  private async loadStores(): Promise<void> {
    const rows = await this.db.query<{ id: string; name: string; short_name: string; type: 'store' | 'warehouse'; lat: number; lng: number }>(
      'SELECT id, name, short_name, type, lat, lng FROM stores',
    );
    this.stores = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, shortName: r.short_name, type: r.type, lat: r.lat, lng: r.lng }]));
    this.storesLoadedAt = Date.now();
    this.storesVersion = ++this.clock;
  }
}

/** The contract's nearby rule over the rows held for one SKU. */
function nearest(stores: Map<string, StoreFact>, rows: Map<string, Row>, origin: StoreFact, limit: number, radiusKm: number): NearbyStore[] {
  const candidates: NearbyCandidate[] = [];
  for (const [storeId, row] of rows) {
    const store = stores.get(storeId);
    if (store) candidates.push({ ...store, storeId, available: availableOf(row) });
  }
  return nearestStores({ storeId: origin.id, lat: origin.lat, lng: origin.lng }, candidates, limit, radiusKm);
}

function rowOf(r: StockRow, seq: number): Row {
  return { onHand: r.on_hand, reserved: r.reserved, threshold: r.low_stock_threshold, updatedAt: iso(r.updated_at), seq };
}

const availableOf = (row: Row | undefined) => (row ? Math.max(0, row.onHand - row.reserved) : 0);

/** The record of a pair (the same rule as every other read: `toAvailability`), built once per row. */
function recordOf(sku: string, storeId: string, row: Row | undefined, productUpdatedAt: string): Availability {
  if (!row) return toAvailability(sku, storeId, undefined, productUpdatedAt);
  return (row.record ??= toAvailability(sku, storeId, {
    sku, store_id: storeId, on_hand: row.onHand, reserved: row.reserved, low_stock_threshold: row.threshold, updated_at: row.updatedAt,
  }, productUpdatedAt));
}
