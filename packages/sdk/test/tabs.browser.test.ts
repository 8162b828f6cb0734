// One event stream for every client of an origin (Web Lock + BroadcastChannel), in real
// Chromium. Two clients in this page stand for two tabs: they share by baseUrl and key like tabs
// do, and each test uses its own baseUrl, so its lock and channel names are its own.
import { expect } from '@open-wc/testing';
import { createClient, type Availability, type OmnikitClient } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE, type FixtureFetch } from '@omnikit/sdk/testing';
import { sleep, until } from './browser-helpers.js';

const mocha = globalThis as unknown as { describe(title: string, fn: () => void): void; it(title: string, fn: () => Promise<unknown> | void): void; afterEach(fn: () => void): void };
const describe = (title: string, fn: () => void) => mocha.describe(title, fn);
const it = (title: string, fn: () => Promise<unknown> | void) => mocha.it(title, fn);


const streams = (f: FixtureFetch) => f.requests.filter((r) => r.url.pathname === '/v1/events');
const topicsOf = (r: { method: string; url: URL; body?: string }) =>
  (r.method === 'POST' ? (JSON.parse(r.body!).topics as string[]) : r.url.searchParams.get('topics')!.split(',')).sort();

let run = 0;
const clients: OmnikitClient[] = [];
/** `n` clients sharing one origin's stream (as tabs do), on one fixture API. */
function tabs(n: number): { fetch: FixtureFetch; tab: OmnikitClient[] } {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const baseUrl = `https://tabs-${Date.now()}-${run++}.fixture.test`;
  const tab = Array.from({ length: n }, () =>
    createClient({ baseUrl, publishableKey: 'pk_test', fetch, storage: null, realtime: { shareAcrossTabs: true, debounceMs: 5, backoffBaseMs: 20 } }),
  );
  clients.push(...tab);
  return { fetch, tab };
}

/** Makes this page hidden or shown, as switching tabs does. */
function setVisibility(state: 'hidden' | 'visible'): void {
  if (state === 'visible') delete (document as { visibilityState?: string }).visibilityState;
  else Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('one event stream shared by the tabs of an origin', () => {
  mocha.afterEach(() => {
    setVisibility('visible');
    for (const c of clients.splice(0)) c.close();
  });

  it('two tabs watching different SKUs hold one stream with both topics; each hears its own changes', async () => {
    const { fetch, tab: [a, b] } = tabs(2);
    const heardA: Availability[] = [];
    const heardB: Availability[] = [];
    a!.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, (x) => heardA.push(x));
    b!.availability.watch({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE }, (x) => heardB.push(x));
    await until(() => fetch.openStreams === 1 && topicsOf(streams(fetch).at(-1)!).length === 2, 'one stream with both topics');
    await sleep(50);
    expect(fetch.openStreams).to.equal(1);
    expect(topicsOf(streams(fetch).at(-1)!)).to.deep.equal([`stock:${FIXTURE_SKUS.inStock}`, `stock:${FIXTURE_SKUS.lowStock}`]);
    fetch.setStock({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE, onHand: 9 });
    fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand: 8 });
    await until(() => heardA.length === 1 && heardB.length === 1, 'both changes');
    expect(heardA[0]!.onHand).to.equal(8);
    expect(heardB[0]!.onHand).to.equal(9);
    // The tab without the stream shows the shared stream's state.
    await until(() => b!.$connection.get().status === 'open', 'open in the second tab');
    expect(a!.$connection.get().status).to.equal('open');
  });

  it('when the holding tab closes, another takes the stream over and resumes with Last-Event-ID', async () => {
    const { fetch, tab: [a, b] } = tabs(2);
    const heard: number[] = [];
    const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
    a!.availability.watch(key, () => undefined);
    b!.availability.watch(key, (x) => heard.push(x.onHand));
    await until(() => fetch.openStreams === 1, 'the stream');
    fetch.setStock({ ...key, onHand: 5 }); // event 1, relayed to b
    await until(() => heard.length === 1, 'the relayed event');
    const before = streams(fetch).length;
    a!.close(); // the first client took the lock first: it holds the stream
    await until(() => streams(fetch).length === before + 1 && fetch.openStreams === 1, 'the hand-over');
    expect(streams(fetch).at(-1)!.headers.get('last-event-id')).to.equal('1');
    fetch.setStock({ ...key, onHand: 6 });
    await until(() => heard.length === 2, 'an event on the new holder');
    expect(heard).to.deep.equal([5, 6]);
    expect(b!.$connection.get().status).to.equal('open');
  });

  it('with every tab hidden no stream is open; shown again, a tab re-reads what it watches at once', async () => {
    const { fetch, tab: [a, b] } = tabs(2);
    const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
    const heard: number[] = [];
    a!.availability.watch(key, (x) => heard.push(x.onHand));
    b!.availability.watch({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE }, () => undefined);
    await until(() => fetch.openStreams === 1, 'the stream');
    setVisibility('hidden');
    await until(() => fetch.openStreams === 0, 'no stream while hidden');
    await until(() => a!.$connection.get().status === 'idle' && b!.$connection.get().status === 'idle', 'idle in both tabs');
    const reads = fetch.requests.filter((r) => r.url.pathname === '/v1/availability').length;
    fetch.setStock({ ...key, onHand: 13 }); // no tab hears this one live
    await sleep(30);
    expect(heard).to.deep.equal([]);
    setVisibility('visible');
    await until(() => heard.includes(13), 'the catch-up re-read');
    expect(fetch.requests.filter((r) => r.url.pathname === '/v1/availability').length).to.be.greaterThan(reads);
    await until(() => fetch.openStreams === 1, 'one stream again');
    await sleep(50);
    expect(fetch.openStreams).to.equal(1);
  });

  it('where the lock is refused (an opaque origin, a sandboxed frame) a client holds a stream of its own', async () => {
    const locks = navigator.locks as LockManager & { request: unknown };
    Object.defineProperty(locks, 'request', { configurable: true, value: () => Promise.reject(new DOMException('refused', 'SecurityError')) });
    try {
      const { fetch, tab: [a] } = tabs(1);
      const heard: number[] = [];
      a!.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, (x) => heard.push(x.onHand));
      await until(() => fetch.openStreams === 1, 'its own stream');
      fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand: 4 });
      await until(() => heard.includes(4), 'a live change');
    } finally {
      delete (locks as { request?: unknown }).request;
    }
  });

  it('a client with an injected fetch keeps a stream of its own unless told to share', async () => {
    const fetch = createFixtureFetch(DEFAULT_FIXTURES);
    const opts = { baseUrl: `https://own-${Date.now()}.fixture.test`, publishableKey: 'pk_test', fetch, storage: null, realtime: { debounceMs: 5 } };
    const a = createClient(opts);
    const b = createClient(opts);
    clients.push(a, b);
    a.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
    b.availability.watch({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE }, () => undefined);
    await until(() => fetch.openStreams === 2, 'two streams');
  });
});
