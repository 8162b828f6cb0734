// Server-side rendering: the read answers a server rendered a page from travel with the page, and
// the browser's client starts from them instead of asking again. Apart from the widgets' path:
// only SSR servers and SSR pages import it, so the CDN's shared chunk does not carry it.
import { getAvailabilityRoute, listProductsRoute } from '@omnikit/contract/client';
import { useService, type ClientLike } from './client-state.js';
import type { FetchLike } from './transport.js';
import { availabilityService, keyOf } from './resources/availability.js';
import { productService } from './resources/products.js';

/** One read answer a server got, as the API sent it: the body of a `GET` it made. */
export interface RecordedRead {
  /** Which read: `GET /v1/availability` or `GET /v1/products`. */
  route: 'availability' | 'products';
  /** The JSON body of the 200 answer. */
  body: unknown;
}

/** The read answers a page was rendered from (see {@link createReadRecorder}, {@link primeReads}). */
export interface ReadSnapshot {
  /** Format version: a client ignores a snapshot of a version it does not know. */
  v: 1;
  reads: RecordedRead[];
}

/** A `fetch` for a server-side client that remembers its read answers (see {@link createReadRecorder}). */
export interface ReadRecorder {
  /** Give this to `createBaseClient({ fetch })`: it passes every request on and records the reads. */
  readonly fetch: FetchLike;
  /**
   * Resolves when no request is in flight and none started within one more macrotask (a read
   * whose answer makes the SDK ask the next question, e.g. the product of an out-of-stock SKU).
   * Rejects after `timeoutMs` (default 5 000) so a hung API cannot hold a page forever.
   */
  settled(timeoutMs?: number): Promise<void>;
  /** The reads answered so far, to serialize into the page. */
  snapshot(): ReadSnapshot;
}

const EVENTS_PATH = '/v1/events';
const requestUrl = (input: Request | URL | string): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

const READ_ROUTES: Record<string, RecordedRead['route']> = {
  [getAvailabilityRoute.path]: 'availability',
  [listProductsRoute.path]: 'products',
};

/**
 * Wraps `fetch` (the global one by default) for the client a server renders a page with: every
 * successful availability and product read it makes is kept, so the page can carry them to the
 * browser (`serializeReads`) and the browser's client can start from them (`primeReads`)
 * instead of asking the API again. The event stream (`/v1/events`) is answered by the recorder
 * itself with an open, silent stream: a render never opens one to the API. Use one recorder (and
 * one client) per page render, and close the client afterwards.
 */
export function createReadRecorder(fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init)): ReadRecorder {
  const reads: RecordedRead[] = [];
  let inFlight = 0;
  let started = 0;
  const fetch: FetchLike = async (input, init) => {
    // A server render shows one moment; the browser's client watches. So the event stream is
    // answered here, open and silent until the client is closed, and never reaches the API.
    if (new URL(requestUrl(input), 'http://ssr.invalid').pathname === EVENTS_PATH) {
      return new Response(new ReadableStream({ start() {} }), { headers: { 'content-type': 'text/event-stream' } });
    }
    inFlight++;
    started++;
    try {
      const res = await fetchImpl(input, init);
      const url = new URL(requestUrl(input), 'http://ssr.invalid');
      const route = READ_ROUTES[url.pathname];
      const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      if (route && method === 'GET' && res.status === 200) {
        // A copy: the SDK reads (and validates) the original as usual.
        reads.push({ route, body: await res.clone().json() });
      }
      return res;
    } finally {
      inFlight--;
    }
  };
  const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return {
    fetch,
    async settled(timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const before = started;
        await macrotask();
        if (inFlight === 0 && started === before) return;
        if (Date.now() > until) throw new Error(`reads still in flight after ${timeoutMs} ms`);
        while (inFlight > 0 && Date.now() <= until) await macrotask();
      }
    },
    snapshot: () => ({ v: 1, reads: [...reads] }),
  };
}

/**
 * The snapshot as JSON that is safe inside `<script type="application/json">`: `<`, `>`, `&`
 * and the line separators are escaped, so no value can close the script element.
 */
export function serializeReads(snapshot: ReadSnapshot): string {
  return JSON.stringify(snapshot).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Fills the client's read cache from a snapshot a server rendered the page with, so widgets that
 * hydrate show the same state at once and ask nothing the server already had. Every answer is
 * validated with the contract's schemas, like a response: one that does not match (or a
 * snapshot of another version, or not a snapshot at all) is skipped, and the widgets then ask
 * the API as usual. Call it before the widgets' first update. Returns how many answers were
 * taken. The primed answers count as fresh for the client's `cacheTtl`; live updates keep them
 * current from there as with any read.
 */
export function primeReads(client: ClientLike, snapshot: unknown): number {
  const s = snapshot as Partial<ReadSnapshot> | null;
  if (!s || s.v !== 1 || !Array.isArray(s.reads)) return 0;
  let taken = 0;
  for (const read of s.reads) {
    if (read?.route === 'availability') {
      const r = getAvailabilityRoute.response.safeParse(read.body);
      if (!r.success) continue;
      const { cache, nearby } = useService(client, availabilityService);
      // In the order fetchGrid uses: nearby lists before the records that may ask for them.
      for (const n of r.data.nearby ?? []) nearby.set(keyOf(n), n.stores);
      for (const a of r.data.items) cache.set(keyOf(a), a);
      taken++;
    } else if (read?.route === 'products') {
      const r = listProductsRoute.response.safeParse(read.body);
      if (!r.success) continue;
      const { cache } = useService(client, productService);
      for (const p of r.data.items) cache.set(p.sku, p);
      taken++;
    }
  }
  return taken;
}
