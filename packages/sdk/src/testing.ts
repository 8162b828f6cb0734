/**
 * A fake Omnikit API in a `fetch`: serves the read routes and the event stream from in-memory
 * data, so widget stories and tests can show every state (including the hard-to-produce ones:
 * timeouts, malformed responses, server errors) without a server.
 *
 * ```ts
 * import { createFixtureFetch, DEFAULT_FIXTURES } from '@omnikit/sdk/testing';
 * const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, latencyMs: 200 });
 * const omni = createClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch });
 * fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand: 2 }); // watchers hear it
 * ```
 * @packageDocumentation
 */
import {
  AvailabilityQuery,
  DEFAULT_LOW_STOCK_THRESHOLD,
  DEFAULT_NEARBY_RADIUS_KM,
  EventsBody,
  ListProductsQuery,
  ListStoresQuery,
  NearestQuery,
  ONLINE_LOCATION,
  parseStockTopic,
  distanceKm,
  stockStatus,
  stockTopic,
  topicAudience,
  type Availability,
  type AvailabilityNearby,
  type NearbyStore,
  type NearbyStock,
  type OmnikitEvent,
  type Product,
  type Store,
} from '@omnikit/contract';
import type { FetchLike } from './transport.js';

/** In-memory data the fixture serves. */
export interface FixtureData {
  products?: Product[];
  stores?: Store[];
  /** Records per SKU and location; a pair not listed is `not_stocked`. */
  availability?: Availability[];
}

/**
 * How every request fails, when set:
 * - `network`: rejects like an offline `fetch` (TypeError)
 * - `timeout`: never answers until the request is aborted
 * - `malformed`: 200 with a body that is not JSON
 * - `http500`: 500 with an `internal_error` envelope
 * - `schema`: 200 with valid JSON of the wrong shape
 */
export type FixtureFailure = 'network' | 'timeout' | 'malformed' | 'http500' | 'schema';

/** Options of {@link createFixtureFetch}: the data, and how the fake server behaves. */
export interface FixtureFetchOptions extends FixtureData {
  /** Delay before each answer, in ms. */
  latencyMs?: number;
  /** Fail every request (or those `failWhen` picks) this way; can also be set later on the fetch. */
  fail?: FixtureFailure;
  /** Which requests `fail` applies to. Default: all. */
  failWhen?: (request: { method: string; url: URL }) => boolean;
  /** Events kept for `Last-Event-ID` resume. Default 1000. */
  retainEvents?: number;
}

/** One request the fixture saw. */
export interface FixtureRequest {
  method: string;
  url: URL;
  headers: Headers;
  body?: string;
}

/** A `fetch` plus controls: change failure mode and latency, push events, drop streams. */
export interface FixtureFetch extends FetchLike {
  /** Current failure mode (writable). */
  fail: FixtureFailure | undefined;
  /** Current latency in ms (writable). */
  latencyMs: number;
  /** Every request seen, in order. */
  readonly requests: FixtureRequest[];
  /** Event streams open now. */
  readonly openStreams: number;
  /** Changes stock of a pair (status is derived) and sends `stock.changed` to watching streams. */
  setStock(change: { sku: string; storeId: string; onHand?: number; reserved?: number; lowStockThreshold?: number }): Availability;
  /** Sends an event as is (`stream.reset` for example) to every open stream, or those with its topic. */
  emit(event: OmnikitEvent): void;
  /** Closes every open stream, as a server restart or a proxy timeout would. */
  dropStreams(): void;
}

/**
 * A fake Omnikit API in a `fetch`: serves the read routes and an event stream from in-memory
 * data (default {@link DEFAULT_FIXTURES}), applying the contract's rules as the reference server
 * does. Pass it as `fetch` to `createClient`; it records every request and can fail on demand.
 *
 * ```ts
 * const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, latencyMs: 150 });
 * const omni = createClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch, storage: null });
 * fetch.fail = 'timeout'; // the next requests time out
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function createFixtureFetch(options: FixtureFetchOptions = DEFAULT_FIXTURES): FixtureFetch {
  const products = new Map((options.products ?? []).map((p) => [p.sku, p]));
  const stores = new Map((options.stores ?? []).map((s) => [s.id, s]));
  const stock = new Map((options.availability ?? []).map((a) => [`${a.sku}@${a.storeId}`, a]));
  const retain = options.retainEvents ?? 1000;
  const log: { id: number; event: OmnikitEvent }[] = [];
  let seq = 0;
  /** Names this fixture "server process" in `stream.ready` and heartbeats. */
  const instance = `fixture-${Math.random().toString(36).slice(2)}`;
  const streams = new Set<{ topics: Set<string>; send: (id: number | undefined, e: OmnikitEvent) => void; close: () => void }>();
  const requests: FixtureRequest[] = [];

  const json = (status: number, body: unknown, extra: Record<string, string> = {}): Response =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': `fx_${requests.length}`, ...extra } });
  const error = (status: number, code: string, message: string, issues?: { path: string; message: string }[]): Response =>
    json(status, { error: { code, message, requestId: `fx_${requests.length}`, ...(issues ? { details: { issues } } : {}) } });
  const invalid = (issues: readonly { path: PropertyKey[]; message: string }[]): Response =>
    error(400, 'validation_failed', 'Invalid request', issues.map((i) => ({ path: `query.${i.path.map(String).join('.')}`, message: i.message })));

  function record(sku: string, storeId: string): Availability {
    return (
      stock.get(`${sku}@${storeId}`) ?? {
        sku, storeId, onHand: 0, reserved: 0, available: 0, status: 'not_stocked', lowStockThreshold: DEFAULT_LOW_STOCK_THRESHOLD, updatedAt: new Date(0).toISOString(),
      }
    );
  }

  function route(method: string, url: URL, body: string | undefined, signal: AbortSignal | undefined, headers: Headers): Response {
    const q = Object.fromEntries(url.searchParams);
    const p = url.pathname.replace(/^.*?(?=\/v1\/)/, '');
    if (p === '/v1/events' && (method === 'GET' || method === 'POST')) {
      let topics: string[];
      if (method === 'POST') {
        const parsed = EventsBody.safeParse(safeJson(body));
        if (!parsed.success) return invalid(parsed.error.issues);
        topics = parsed.data.topics;
      } else topics = (q.topics ?? '').split(',').filter(Boolean);
      if (topics.length === 0) return error(400, 'validation_failed', 'topics is required', [{ path: 'query.topics', message: 'required' }]);
      return openStream(new Set(topics), headers.get('last-event-id'), signal);
    }
    if (method !== 'GET') return error(405, 'method_not_allowed', `${method} ${p} is not served by the fixture`);
    if (p === '/v1/health') return json(200, { ok: true, version: 'fixture', database: 'memory' });
    if (p === '/v1/stores') {
      const parsed = ListStoresQuery.safeParse(q);
      if (!parsed.success) return invalid(parsed.error.issues);
      const f = parsed.data;
      let list = [...stores.values()].filter((s) => f.includeWarehouse === 'true' || s.type !== 'warehouse');
      if (f.country) list = list.filter((s) => s.address.country === f.country);
      if (f.service) list = list.filter((s) => s.services.includes(f.service!));
      if (f.q) {
        const needle = f.q.toLowerCase();
        list = list.filter((s) => `${s.name} ${s.address.city} ${s.address.postalCode}`.toLowerCase().includes(needle));
      }
      if (f.near) {
        const [lat, lng] = f.near.split(',').map(Number) as [number, number];
        list = list.map((s) => ({ ...s, distanceKm: distanceKm({ lat, lng }, s.coordinates) })).sort((a, b) => a.distanceKm! - b.distanceKm!);
      }
      return json(200, { items: list.slice(0, f.limit ?? 100) });
    }
    let m = /^\/v1\/stores\/([^/]+)$/.exec(p);
    if (m) {
      const s = stores.get(decodeURIComponent(m[1]!));
      return s ? json(200, s) : error(404, 'unknown_store', `No store ${m[1]}`);
    }
    if (p === '/v1/products') {
      const parsed = ListProductsQuery.safeParse(q);
      if (!parsed.success) return invalid(parsed.error.issues);
      const f = parsed.data;
      let list = f.skus ? f.skus.flatMap((s) => products.get(s) ?? []) : [...products.values()];
      if (f.category) list = list.filter((x) => x.category === f.category);
      if (f.q) {
        const needle = f.q.toLowerCase();
        list = list.filter((x) => `${x.name} ${x.brand} ${x.sku}`.toLowerCase().includes(needle));
      }
      const page = f.page ?? 1;
      const pageSize = f.pageSize ?? 20;
      return json(200, { items: list.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: list.length });
    }
    m = /^\/v1\/products\/([^/]+)$/.exec(p);
    if (m) {
      const x = products.get(decodeURIComponent(m[1]!));
      return x ? json(200, x) : error(404, 'unknown_sku', `No product ${m[1]}`);
    }
    if (p === '/v1/categories') {
      const counts = new Map<string, number>();
      for (const x of products.values()) counts.set(x.category, (counts.get(x.category) ?? 0) + 1);
      return json(200, { items: [...counts].map(([id, productCount]) => ({ id, name: id, productCount })) });
    }
    if (p === '/v1/availability') {
      const parsed = AvailabilityQuery.safeParse(q);
      if (!parsed.success) return invalid(parsed.error.issues);
      const unknown = parsed.data.skus.filter((s) => !products.has(s));
      if (unknown.length) return error(404, 'unknown_sku', `Unknown SKU: ${unknown.join(', ')}`, unknown.map((s) => ({ path: 'query.skus', message: `unknown sku ${s}` })));
      const items: Availability[] = [];
      for (const sku of parsed.data.skus) for (const storeId of parsed.data.stores) items.push(record(sku, storeId));
      const { nearby: n, nearbyRadiusKm = DEFAULT_NEARBY_RADIUS_KM } = parsed.data;
      if (!n) return json(200, { items });
      // As the server: for each pair at a store with none available, the nearest other stores that have it.
      const nearby: AvailabilityNearby[] = [];
      for (const a of items) {
        const from = stores.get(a.storeId);
        if (a.available > 0 || from?.type !== 'store') continue;
        const list: NearbyStore[] = [...stores.values()]
          .filter((s) => s.type === 'store' && s.id !== from.id)
          .map((s) => ({ storeId: s.id, name: s.name, shortName: s.shortName ?? s.name, distanceKm: distanceKm(from.coordinates, s.coordinates), available: record(a.sku, s.id).available }))
          .filter((x) => x.available > 0 && x.distanceKm <= nearbyRadiusKm)
          .sort((x, y) => x.distanceKm - y.distanceKm)
          .slice(0, n);
        nearby.push({ sku: a.sku, storeId: a.storeId, stores: list });
      }
      return json(200, { items, nearby });
    }
    if (p === '/v1/availability/nearest') {
      const parsed = NearestQuery.safeParse(q);
      if (!parsed.success) return invalid(parsed.error.issues);
      const f = parsed.data;
      if (!products.has(f.sku)) return error(404, 'unknown_sku', `No product ${f.sku}`);
      let from: { lat: number; lng: number };
      if (f.storeId) {
        const s = stores.get(f.storeId);
        if (!s) return error(404, 'unknown_store', `No store ${f.storeId}`);
        from = s.coordinates;
      } else if (f.near) {
        const [lat, lng] = f.near.split(',').map(Number) as [number, number];
        from = { lat, lng };
      } else return error(400, 'validation_failed', 'storeId or near is required', [{ path: 'query.storeId', message: 'storeId or near is required' }]);
      const items: NearbyStock[] = [...stores.values()]
        .filter((s) => s.type === 'store' && s.id !== f.storeId)
        .map((s) => ({ store: s, distanceKm: distanceKm(from, s.coordinates), availability: record(f.sku, s.id) }))
        .filter((n) => n.availability.available >= (f.minQuantity ?? 1) && n.distanceKm <= (f.radiusKm ?? 100))
        .sort((a, b) => a.distanceKm - b.distanceKm)
        .slice(0, f.limit ?? 10);
      return json(200, { items });
    }
    return error(404, 'not_found', `No route ${method} ${p}`);
  }

  function openStream(topics: Set<string>, lastEventId: string | null, signal: AbortSignal | undefined): Response {
    const enc = new TextEncoder();
    let stream!: { topics: Set<string>; send: (id: number | undefined, e: OmnikitEvent) => void; close: () => void };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        // Heartbeats like the server's (instance and position), so a client's idle watchdog never fires on a quiet fixture.
        const ping = setInterval(() => stream.send(undefined, { type: 'stream.heartbeat', instance, position: seq, at: new Date().toISOString() }), 15_000);
        const close = (): void => {
          if (!open) return;
          open = false;
          clearInterval(ping);
          streams.delete(stream);
          try {
            controller.close();
          } catch {
            // already closed by the reader
          }
        };
        stream = {
          topics,
          send(id, e) {
            if (open) controller.enqueue(enc.encode(`${id === undefined ? '' : `id: ${id}\n`}event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`));
          },
          close,
        };
        streams.add(stream);
        signal?.addEventListener('abort', close, { once: true });
        const now = new Date().toISOString();
        stream.send(undefined, { type: 'stream.ready', topics: [...topics], retentionSeconds: 300, instance, position: seq, at: now });
        if (lastEventId !== null) {
          const last = Number(lastEventId);
          const oldest = log[0]?.id ?? seq + 1;
          if (!Number.isFinite(last) || last < oldest - 1) stream.send(undefined, { type: 'stream.reset', reason: 'Last-Event-ID is outside the retained window', at: now });
          else for (const { id, event } of log) if (id > last && 'topic' in event && topicAudience(event.topic).some((t) => topics.has(t))) stream.send(id, event);
        }
      },
      cancel() {
        stream.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
  }

  function failure(mode: FixtureFailure, signal: AbortSignal | undefined): Promise<Response> {
    switch (mode) {
      case 'network':
        return Promise.reject(new TypeError('Failed to fetch (fixture: network)'));
      case 'timeout':
        return new Promise((_, reject) => {
          if (signal?.aborted) return reject(abortReason(signal));
          signal?.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
        });
      case 'malformed':
        return Promise.resolve(new Response('{"items": [ this is not json', { status: 200, headers: { 'content-type': 'application/json' } }));
      case 'http500':
        return Promise.resolve(error(500, 'internal_error', 'Fixture server error'));
      case 'schema':
        return Promise.resolve(json(200, { unexpected: true, items: 'not a list' }));
    }
  }

  const fetchFn = (async (input: Request | URL | string, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : undefined;
    const signal = init?.signal ?? req?.signal;
    // Relative URLs (baseUrl '') have no origin outside a page: resolve against a placeholder.
    const url = new URL(req ? req.url : String(input), globalThis.location?.href ?? 'http://fixture.invalid');
    const method = (init?.method ?? req?.method ?? 'GET').toUpperCase();
    const headers = new Headers(req?.headers);
    if (init?.headers) new Headers(init.headers).forEach((v, k) => headers.set(k, v));
    const body = typeof init?.body === 'string' ? init.body : req && method !== 'GET' && method !== 'HEAD' ? await req.text() : undefined;
    requests.push({ method, url, headers, ...(body !== undefined ? { body } : {}) });
    if (fx.latencyMs > 0) await sleep(fx.latencyMs, signal);
    if (signal?.aborted) throw abortReason(signal);
    if (fx.fail && (!options.failWhen || options.failWhen({ method, url }))) return failure(fx.fail, signal ?? undefined);
    return route(method, url, body, signal ?? undefined, headers);
  }) as FixtureFetch;

  const fx = Object.assign(fetchFn, {
    fail: options.fail,
    latencyMs: options.latencyMs ?? 0,
    requests,
    setStock(change: { sku: string; storeId: string; onHand?: number; reserved?: number; lowStockThreshold?: number }): Availability {
      const prev = record(change.sku, change.storeId);
      const onHand = change.onHand ?? prev.onHand;
      const reserved = Math.min(change.reserved ?? prev.reserved, onHand);
      const lowStockThreshold = change.lowStockThreshold ?? prev.lowStockThreshold;
      const next: Availability = {
        sku: change.sku,
        storeId: change.storeId,
        onHand,
        reserved,
        available: onHand - reserved,
        status: stockStatus(onHand - reserved, lowStockThreshold),
        lowStockThreshold,
        updatedAt: new Date(Math.max(Date.now(), Date.parse(prev.updatedAt) + 1)).toISOString(),
      };
      stock.set(`${next.sku}@${next.storeId}`, next);
      fx.emit({ type: 'stock.changed', topic: stockTopic(next.sku, next.storeId), data: next, at: new Date().toISOString() });
      return next;
    },
    emit(event: OmnikitEvent): void {
      const topic = 'topic' in event ? event.topic : undefined;
      const id = topic ? ++seq : undefined;
      if (id !== undefined) {
        log.push({ id, event });
        if (log.length > retain) log.shift();
      }
      for (const s of [...streams]) if (!topic || topicAudience(topic).some((t) => s.topics.has(t))) s.send(id, event);
    },
    dropStreams(): void {
      for (const s of [...streams]) s.close();
    },
  });
  Object.defineProperty(fx, 'openStreams', { get: () => streams.size });
  return fx;
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(abortReason(signal));
    }, { once: true });
  });
}

// ---------------------------------------------------------------- default data

const HOURS = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: day === 7 ? '11:00' : '10:00', closes: day >= 6 ? '18:00' : '20:00' }));

function store(id: string, name: string, city: string, postalCode: string, country: Store['address']['country'], lat: number, lng: number, timeZone: string): Store {
  return {
    // The brand and city are the name's first two words; the rest tells stores of a city apart.
    id, name, shortName: name.split(' ').slice(2).join(' ') || name, type: 'store',
    address: { street: `${name.split(' ').pop()} 1`, postalCode, city, country },
    coordinates: { lat, lng }, timeZone,
    openingHours: HOURS, openingExceptions: [],
    services: ['click_and_collect', 'returns'],
  };
}

/** The store the default fixtures treat as the shopper's. */
export const FIXTURE_STORE = 'se-stockholm-drottninggatan';

/** SKUs of the default fixtures, one per state a stock badge can show. */
export const FIXTURE_SKUS = {
  inStock: 'OK-10001',
  lowStock: 'OK-10002',
  outOfStockAvailableNearby: 'OK-10003',
  notStocked: 'OK-10004',
  onlineOnly: 'OK-10005',
  outEverywhere: 'OK-10006',
} as const;

function product(sku: string, name: string, category: string, sek: number, onlineOnly = false): Product {
  return {
    sku, name, description: `${name}, from the fixture catalog.`, brand: 'Nordvik', category,
    imageUrl: `/images/products/${sku}.svg`,
    prices: {
      SEK: { amount: sek * 100 }, NOK: { amount: sek * 100 }, DKK: { amount: Math.round(sek * 66) }, EUR: { amount: Math.round(sek * 9) },
    },
    onlineOnly, active: true,
  };
}

const AT = '2026-01-01T08:00:00.000Z';
function avail(sku: string, storeId: string, onHand: number, reserved = 0): Availability {
  const available = onHand - reserved;
  const t = DEFAULT_LOW_STOCK_THRESHOLD;
  return { sku, storeId, onHand, reserved, available, status: stockStatus(available, t), lowStockThreshold: t, updatedAt: AT };
}

/** A small catalog: 4 stores (SE, SE, NO, DK), the online warehouse, 6 products covering every stock state at {@link FIXTURE_STORE}. */
export const DEFAULT_FIXTURES: Required<FixtureData> = {
  stores: [
    store(FIXTURE_STORE, 'Omnikit Stockholm Drottninggatan', 'Stockholm', '111 51', 'SE', 59.3326, 18.0649, 'Europe/Stockholm'),
    store('se-uppsala-forumtorget', 'Omnikit Uppsala Forumtorget', 'Uppsala', '753 20', 'SE', 59.8586, 17.6389, 'Europe/Stockholm'),
    store('no-oslo-karl-johan', 'Omnikit Oslo Karl Johan', 'Oslo', '0154', 'NO', 59.9127, 10.7461, 'Europe/Oslo'),
    store('dk-kobenhavn-stroget', 'Omnikit København Strøget', 'København', '1160', 'DK', 55.6786, 12.5757, 'Europe/Copenhagen'),
    {
      ...store(ONLINE_LOCATION, 'Omnikit Online', 'Stockholm', '120 30', 'SE', 59.3, 18.1, 'Europe/Stockholm'),
      type: 'warehouse', services: ['home_delivery'],
    },
  ],
  products: [
    product(FIXTURE_SKUS.inStock, 'Trail runner shoe', 'shoes', 1299),
    product(FIXTURE_SKUS.lowStock, 'Merino beanie', 'accessories', 299),
    product(FIXTURE_SKUS.outOfStockAvailableNearby, 'Rain shell jacket', 'outerwear', 1999),
    product(FIXTURE_SKUS.notStocked, 'Down parka', 'outerwear', 3499),
    product(FIXTURE_SKUS.onlineOnly, 'Gift card', 'gifts', 500, true),
    product(FIXTURE_SKUS.outEverywhere, 'Limited edition backpack', 'bags', 899),
  ],
  availability: [
    avail(FIXTURE_SKUS.inStock, FIXTURE_STORE, 24, 2),
    avail(FIXTURE_SKUS.inStock, 'se-uppsala-forumtorget', 10),
    avail(FIXTURE_SKUS.inStock, ONLINE_LOCATION, 120),
    avail(FIXTURE_SKUS.lowStock, FIXTURE_STORE, 2),
    avail(FIXTURE_SKUS.lowStock, ONLINE_LOCATION, 40),
    avail(FIXTURE_SKUS.outOfStockAvailableNearby, FIXTURE_STORE, 0),
    avail(FIXTURE_SKUS.outOfStockAvailableNearby, 'se-uppsala-forumtorget', 5),
    avail(FIXTURE_SKUS.outOfStockAvailableNearby, 'no-oslo-karl-johan', 8),
    avail(FIXTURE_SKUS.notStocked, 'no-oslo-karl-johan', 6),
    avail(FIXTURE_SKUS.onlineOnly, ONLINE_LOCATION, 1000),
    avail(FIXTURE_SKUS.outEverywhere, FIXTURE_STORE, 0),
    avail(FIXTURE_SKUS.outEverywhere, ONLINE_LOCATION, 0),
  ],
};
