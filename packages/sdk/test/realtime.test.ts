import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, type Availability } from '@omnikit/sdk';
import { createSseParser, type SseMessage } from '../src/realtime.js';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Product } from '@omnikit/contract';
import { until, sleep } from './helpers.js';

const base = { baseUrl: 'https://api.fixture.test', publishableKey: 'pk_test_x' };
const fast = { debounceMs: 5, backoffBaseMs: 10, backoffMaxMs: 40, failuresBeforePolling: 3 };

/** A client (fast realtime tunables) watching the in-stock fixture pair, its stream open; `seen` collects on-hand counts. */
async function watchedPair(t: { after(fn: () => void): void }) {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: fast });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  const seen: number[] = [];
  omni.availability.watch(key, (a) => seen.push(a.onHand));
  await until(() => fetch.openStreams === 1, 'the stream');
  return { fetch, omni, key, seen };
}
const streamRequests = (f: ReturnType<typeof createFixtureFetch>) => f.requests.filter((r) => r.url.pathname === '/v1/events');


test('200 watchers share one event stream; it closes after the last watcher leaves', async (t) => {
  const p0 = DEFAULT_FIXTURES.products[0]!;
  const products: Product[] = Array.from({ length: 200 }, (_, i) => ({ ...p0, sku: `OK-3${String(i).padStart(4, '0')}` }));
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, products });
  const omni = createClient({ ...base, fetch, realtime: fast });
  t.after(() => omni.close());
  const heard: string[] = [];
  const stops = products.map((p) => omni.availability.watch({ sku: p.sku, storeId: FIXTURE_STORE }, (a) => heard.push(a.sku)));
  await until(() => fetch.openStreams === 1, 'the stream');
  await sleep(30);
  assert.equal(streamRequests(fetch).length, 1);
  assert.equal(fetch.openStreams, 1);
  const topics = streamRequests(fetch)[0]!;
  // 200 topics are too long for a URL: they go in a POST body.
  assert.equal(topics.method, 'POST');
  assert.equal(JSON.parse(topics.body!).topics.length, 200);
  fetch.setStock({ sku: products[42]!.sku, storeId: FIXTURE_STORE, onHand: 9 });
  await until(() => heard.length === 1, 'the event');
  assert.deepEqual(heard, [products[42]!.sku]);
  for (const s of stops) s();
  await until(() => fetch.openStreams === 0, 'the stream to close');
  omni.close();
});

test('watch hears an admin-side stock change; unwatch and rewatch reconnect with Last-Event-ID', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: fast });
  t.after(() => omni.close());
  const seen: Availability[] = [];
  const stop1 = omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, (a) => seen.push(a));
  await until(() => fetch.openStreams === 1, 'the stream');
  const first = streamRequests(fetch)[0]!;
  assert.equal(first.method, 'GET');
  // The SKU's all-locations topic: one per SKU, however many of its locations are watched.
  assert.equal(first.url.searchParams.get('topics'), `stock:${FIXTURE_SKUS.inStock}`);
  assert.equal(first.headers.get('authorization'), 'Bearer pk_test_x');
  assert.equal(first.headers.get('last-event-id'), null);
  fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand: 9, reserved: 0 });
  await until(() => seen.length === 1, 'the change');
  assert.equal(seen[0]!.available, 9);
  assert.equal(seen[0]!.status, 'in_stock');
  // Another location of the same SKU shares its topic: no reconnect.
  const stopOnline = omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: 'online' }, (a) => seen.push(a));
  fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: 'online', onHand: 7, reserved: 0 });
  await until(() => seen.length === 2, 'the online change');
  assert.deepEqual([seen[1]!.storeId, seen[1]!.available], ['online', 7]);
  assert.equal(streamRequests(fetch).length, 1);
  stopOnline();
  // A second topic: one reconnect with both topics, resuming from the last event seen.
  const stop2 = omni.availability.watch({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE }, (a) => seen.push(a));
  await until(() => streamRequests(fetch).length === 2 && fetch.openStreams === 1, 'the reconnect');
  const second = streamRequests(fetch)[1]!;
  assert.equal(second.url.searchParams.get('topics')!.split(',').length, 2);
  assert.equal(second.headers.get('last-event-id'), '2');
  stop1();
  stop2();
  omni.close();
  await until(() => fetch.openStreams === 0, 'close');
});

test('watchers that arrive in waves, and watchers that leave, cost at most 2 stream connections', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: { debounceMs: 5, minReconnectIntervalMs: 200 } });
  t.after(() => omni.close());
  const skus = Object.values(FIXTURE_SKUS);
  const stops: (() => void)[] = [];
  for (const sku of skus) {
    stops.push(omni.availability.watch({ sku, storeId: FIXTURE_STORE }, () => undefined));
    await sleep(20); // as badges render one after another while their data arrives
  }
  await sleep(300);
  const opened = streamRequests(fetch).length;
  assert.ok(opened <= 2, `${opened} connections`);
  const last = streamRequests(fetch).at(-1)!;
  assert.equal(last.url.searchParams.get('topics')!.split(',').length, skus.length, 'the last connection carries every topic');
  stops.shift()!(); // one badge leaves: no reconnect just for that
  await sleep(300);
  assert.equal(streamRequests(fetch).length, opened);
  for (const s of stops) s();
  await until(() => fetch.openStreams === 0, 'the stream to close');
});

test('an event older than what the cache holds does not replace it', async (t) => {
  const { fetch, omni, key, seen } = await watchedPair(t);
  const fresh = fetch.setStock({ ...key, onHand: 30 });
  await until(() => seen.length === 1, 'the fresh event');
  const old = { ...fresh, onHand: 1, available: 1, status: 'low_stock' as const, updatedAt: new Date(Date.parse(fresh.updatedAt) - 60_000).toISOString() };
  fetch.emit({ type: 'stock.changed', topic: `stock:${key.sku}@${key.storeId}`, data: old, at: new Date().toISOString() });
  await sleep(30);
  assert.deepEqual(seen, [30]);
  assert.equal((await omni.availability.get(key)).onHand, 30);
});

test('after the server drops the stream the client resumes with Last-Event-ID and gets the missed event', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: { ...fast, backoffBaseMs: 30 } });
  t.after(() => omni.close());
  const seen: number[] = [];
  omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, (a) => seen.push(a.onHand));
  await until(() => fetch.openStreams === 1, 'the stream');
  fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand: 7 });
  await until(() => seen.length === 1, 'first event');
  fetch.dropStreams();
  // Changed while the client is disconnected: replayed on resume.
  fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand: 6 });
  await until(() => seen.length === 2, 'the missed event');
  assert.deepEqual(seen, [7, 6]);
  const resumed = streamRequests(fetch)[1]!;
  assert.equal(resumed.headers.get('last-event-id'), '1');
  omni.close();
  await until(() => fetch.openStreams === 0, 'close');
});

test('a drop before any event: the resume starts from the position stream.ready named, so a change meanwhile arrives', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: { ...fast, backoffBaseMs: 30 } });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  const seen: number[] = [];
  omni.availability.watch(key, (a) => seen.push(a.onHand));
  await until(() => omni.$connection.get().status === 'open', 'the stream');
  fetch.dropStreams();
  fetch.setStock({ ...key, onHand: 3 }); // while no stream is open
  await until(() => seen.includes(3), 'the change made while disconnected');
  assert.equal(streamRequests(fetch)[1]!.headers.get('last-event-id'), '0');
});

test('stream.reset makes watched availability refetch', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: fast });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE };
  const seen: number[] = [];
  omni.availability.watch(key, (a) => seen.push(a.onHand));
  await until(() => fetch.openStreams === 1, 'the stream');
  const before = fetch.requests.length;
  fetch.emit({ type: 'stream.reset', reason: 'test', at: new Date().toISOString() });
  await until(() => fetch.requests.length === before + 1, 'the refetch');
  assert.equal(fetch.requests.at(-1)!.url.pathname, '/v1/availability');
  await sleep(10);
  assert.deepEqual(seen, [2], 'the refetched value reaches the watcher');
  omni.close();
});

test('after repeated stream failures it polls availability, and stops polling when the stream is back', async (t) => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, failWhen: ({ url }) => url.pathname === '/v1/events' });
  fetch.fail = 'http500';
  const omni = createClient({ ...base, fetch, pollInterval: 40, realtime: fast });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  const seen: number[] = [];
  omni.availability.watch(key, (a) => seen.push(a.onHand));
  const polls = () => fetch.requests.filter((r) => r.url.pathname === '/v1/availability').length;
  await until(() => polls() >= 2, 'polling');
  // A change while the stream is down arrives through a poll.
  fetch.setStock({ ...key, onHand: 11 });
  await until(() => seen.includes(11), 'the polled change', 3000);
  fetch.fail = undefined;
  await until(() => fetch.openStreams === 1, 'the stream to come back', 3000);
  await sleep(20);
  const after = polls();
  await sleep(120);
  assert.equal(polls(), after, 'no polling while the stream is open');
  fetch.setStock({ ...key, onHand: 12 });
  await until(() => seen.includes(12), 'a streamed change');
  omni.close();
  await until(() => fetch.openStreams === 0, 'close');
});

test('a silent connection (no event, no heartbeat) is treated as dead and replaced', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: { ...fast, idleTimeoutMs: 80 } });
  t.after(() => omni.close());
  let maxOpen = 0;
  omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
  const started = Date.now();
  await until(() => {
    maxOpen = Math.max(maxOpen, fetch.openStreams);
    return streamRequests(fetch).length >= 2;
  }, 'a reconnect after the idle timeout');
  assert.ok(Date.now() - started >= 70, 'not before the idle timeout');
  assert.equal(maxOpen, 1, 'the dead connection was closed, not left beside the new one');
});

test('close() ends the stream and ignores later watches', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: fast });
  t.after(() => omni.close());
  omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
  await until(() => fetch.openStreams === 1, 'the stream');
  omni.close();
  await until(() => fetch.openStreams === 0, 'close');
  omni.availability.watch({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE }, () => undefined);
  await sleep(30);
  assert.equal(streamRequests(fetch).length, 1);
});

test('the SSE parser handles split chunks, CRLF, comments, multi-line data and ids', (t) => {
  const out: SseMessage[] = [];
  const p = createSseParser((m) => out.push(m));
  p.push(': ping\r\n\r\nid: 4\r\nevent: stock.changed\r\nda');
  p.push('ta: {"a":\r');
  p.push('\ndata: 1}\r\n\r\n');
  p.push('event: x\ndata:plain\n\n');
  assert.deepEqual(out, [
    { id: '4', data: '{"a":\n1}' },
    { data: 'plain' },
  ]);
});

test('stream events that do not match the contract are ignored, and the stream goes on', async (t) => {
  const sku = FIXTURE_SKUS.inStock;
  const topic = `stock:${sku}@${FIXTURE_STORE}`;
  const at = '2030-01-01T00:00:00.000Z';
  const good: Availability = { sku, storeId: FIXTURE_STORE, onHand: 4, reserved: 0, available: 4, status: 'in_stock', lowStockThreshold: 3, updatedAt: at };
  const frame = (id: number, data: unknown) => `id: ${id}\nevent: ${(data as { type: string }).type}\ndata: ${JSON.stringify(data)}\n\n`;
  const body =
    frame(1, { type: 'stream.ready', topics: [topic], retentionSeconds: 60, at }) +
    frame(2, { type: 'stock.changed', topic, data: { ...good, available: -1 }, at }) +
    frame(3, { type: 'stock.changed', topic, data: { sku }, at }) +
    frame(4, { type: 'stock.changed', data: good, at }) +
    frame(5, { type: 'stock.changed', topic, data: good, at });
  const fetch = async (_input: Request | URL | string, init?: RequestInit) =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(body));
          // Stays open, like a live stream, until the client aborts it.
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
  const omni = createClient({ ...base, fetch, realtime: fast });
  t.after(() => omni.close());
  const seen: Availability[] = [];
  omni.availability.watch({ sku, storeId: FIXTURE_STORE }, (a) => seen.push(a));
  await until(() => seen.length >= 1, 'the valid event');
  await sleep(30);
  assert.deepEqual(seen, [good]);
  omni.close();
});

const availabilityRequests = (f: ReturnType<typeof createFixtureFetch>) => f.requests.filter((r) => r.url.pathname === '/v1/availability').length;
const heartbeat = (instance: string, position: number) => ({ type: 'stream.heartbeat' as const, instance, position, at: new Date().toISOString() });

test('a heartbeat from another instance than stream.ready named: re-read what is watched, and reconnect', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, realtime: fast });
  t.after(() => omni.close());
  omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
  await until(() => omni.$connection.get().status === 'open', 'the stream');
  const reads = availabilityRequests(fetch);
  fetch.emit(heartbeat('a-process-left-behind', 0));
  await until(() => streamRequests(fetch).length === 2 && fetch.openStreams === 1, 'the reconnect');
  assert.equal(availabilityRequests(fetch), reads + 1, 'one re-read of the watched pair');
  await until(() => omni.$connection.get().status === 'open', 'open again');
});

test('a heartbeat whose position is behind the newest event seen: re-read and reconnect; a current one changes nothing', async (t) => {
  const { fetch, omni, key, seen } = await watchedPair(t);
  fetch.setStock({ ...key, onHand: 30 }); // event id 1
  fetch.setStock({ ...key, onHand: 31 }); // event id 2
  await until(() => seen.length === 2, 'the events');
  // The fixture's instance, as stream.ready named it: only the position differs.
  const ready = JSON.parse((await streamText(fetch)).split('\n').find((l) => l.startsWith('data: '))!.slice(6));
  const reads = availabilityRequests(fetch);
  fetch.emit(heartbeat(ready.instance, 2));
  await sleep(40);
  assert.equal(streamRequests(fetch).length, 1, 'a current heartbeat keeps the stream');
  assert.equal(availabilityRequests(fetch), reads);
  fetch.emit(heartbeat(ready.instance, 1));
  await until(() => streamRequests(fetch).length === 2 && fetch.openStreams === 1, 'the reconnect');
  assert.equal(availabilityRequests(fetch), reads + 1);
  assert.equal(streamRequests(fetch)[1]!.headers.get('last-event-id'), '2', 'the new stream resumes where the client is');
});

/** The first bytes of the one open fixture stream, read through a second watcher-less request. */
async function streamText(fetch: ReturnType<typeof createFixtureFetch>): Promise<string> {
  const ctrl = new AbortController();
  const res = await fetch('https://api.fixture.test/v1/events?topics=stock:OK-10001', { signal: ctrl.signal });
  const { value } = await res.body!.getReader().read();
  ctrl.abort();
  fetch.requests.pop();
  return new TextDecoder().decode(value);
}

test('`: ping` comments of an older server keep the idle watchdog content', async (t) => {
  let opened = 0;
  const fetch = async (_input: Request | URL | string, init?: RequestInit) => {
    opened++;
    const enc = new TextEncoder();
    let timer: ReturnType<typeof setInterval>;
    return new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          // A stream.ready without instance or position, as servers before the heartbeat event send.
          c.enqueue(enc.encode(`event: stream.ready\ndata: ${JSON.stringify({ type: 'stream.ready', topics: [], retentionSeconds: 60, at: new Date().toISOString() })}\n\n`));
          timer = setInterval(() => c.enqueue(enc.encode(': ping\n\n')), 10);
          init?.signal?.addEventListener('abort', () => {
            clearInterval(timer);
            c.error(new DOMException('aborted', 'AbortError'));
          });
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
  };
  const omni = createClient({ ...base, fetch, realtime: { ...fast, idleTimeoutMs: 60 } });
  t.after(() => omni.close());
  omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
  await until(() => omni.$connection.get().status === 'open', 'the stream');
  await sleep(300); // five idle timeouts
  assert.equal(opened, 1);
  assert.equal(omni.$connection.get().status, 'open');
});

test('a stream that stays open but delivers nothing: the slow reconcile re-reads watched data', async (t) => {
  const fixture = createFixtureFetch(DEFAULT_FIXTURES);
  // Event streams answer with stream.ready and then silence (a feed lost behind a healthy socket).
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    if (!String(input).includes('/v1/events')) return fixture(input, init);
    return new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ type: 'stream.ready', topics: [], retentionSeconds: 60, at: new Date().toISOString() })}\n\n`));
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      }),
    );
  };
  const omni = createClient({ ...base, fetch, realtime: { ...fast, reconcileIntervalMs: 30 } });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  const seen: number[] = [];
  omni.availability.watch(key, (a) => seen.push(a.onHand));
  await until(() => omni.$connection.get().status === 'open', 'the stream');
  fixture.setStock({ ...key, onHand: 44 }); // no event reaches the client
  await until(() => seen.includes(44), 'the reconciled value');
  assert.equal(omni.$connection.get().status, 'open', 'the stream itself was never replaced');
});

test('$connection: idle, connecting, open; offline then polling while the stream fails; idle after the last watch', async (t) => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, failWhen: ({ url }) => url.pathname === '/v1/events' });
  const omni = createClient({ ...base, fetch, pollInterval: 1000, realtime: fast });
  t.after(() => omni.close());
  const states: string[] = [];
  const off = omni.$connection.subscribe((c) => {
    if (states.at(-1) !== c.status) states.push(c.status);
  });
  assert.deepEqual(omni.$connection.get().status, 'idle');
  const stop = omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
  await until(() => omni.$connection.get().status === 'open', 'open');
  const opened = omni.$connection.get();
  assert.ok(opened.lastEventAt !== undefined && opened.since <= opened.lastEventAt);
  fetch.fail = 'http500';
  fetch.dropStreams();
  await until(() => omni.$connection.get().status === 'polling', 'polling');
  fetch.fail = undefined;
  await until(() => omni.$connection.get().status === 'open', 'open again', 3000);
  stop();
  await until(() => omni.$connection.get().status === 'idle', 'idle');
  off();
  assert.deepEqual(states.slice(0, 3), ['idle', 'connecting', 'open']);
  assert.ok(states.indexOf('offline') > 2 && states.indexOf('polling') > states.indexOf('offline'), states.join(' > '));
  assert.deepEqual(states.slice(-2), ['open', 'idle']);
});

test('against the reference server: its heartbeats keep the stream trusted (no re-read, no reconnect) across events', async (t) => {
  const { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } = await import('@omnikit/server');
  const server = await startServer({ port: 0, dataDir: 'memory', log: false, heartbeatSeconds: 1 });
  t.after(() => server.close());
  const seen: string[] = [];
  const counting = (input: Request | URL | string, init?: RequestInit) => {
    seen.push(new URL(String(input instanceof Request ? input.url : input)).pathname);
    return globalThis.fetch(input, init);
  };
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, fetch: counting, realtime: fast });
  t.after(() => omni.close());
  const key = SEED_FIXTURES.inStock;
  const heard: number[] = [];
  omni.availability.watch(key, (a) => heard.push(a.onHand));
  await until(() => omni.$connection.get().status === 'open', 'the stream', 5000);
  for (const quantity of [21, 22]) {
    const res = await fetch(`${server.url}/v1/admin/stock/${key.storeId}/${key.sku}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${DEMO_SECRET_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ quantity, reason: 'correction' }),
    });
    assert.equal(res.status, 200);
  }
  await until(() => heard.includes(22), 'the changes', 5000);
  const afterEvents = omni.$connection.get().lastEventAt!;
  await sleep(2600); // two heartbeats and a half
  assert.equal(seen.filter((p) => p === '/v1/events').length, 1, 'one stream, never distrusted');
  assert.equal(seen.filter((p) => p === '/v1/availability').length, 0, 'no re-read');
  assert.ok(omni.$connection.get().lastEventAt! > afterEvents, 'heartbeats prove the stream alive');
});

/** The fixture API, but the event stream answers `status` with an error envelope (a wrong key). */
function refusingStream(status: number, code: string) {
  const fixture = createFixtureFetch(DEFAULT_FIXTURES);
  let streams = 0;
  const fetch = async (input: Request | URL | string, init?: RequestInit) => {
    if (!String(input).includes('/v1/events')) return fixture(input, init);
    streams++;
    return new Response(JSON.stringify({ error: { code, message: 'The API key is not valid.', requestId: 'req_refused' } }), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fixture, fetch, streams: () => streams };
}

for (const [status, code] of [[401, 'unauthorized'], [403, 'forbidden']] as const) {
  test(`a stream refused with ${status}: one error on $connection and to the watcher, and no retry`, async (t) => {
    const api = refusingStream(status, code);
    // Backoff of 1-4 ms and polling every 5 ms: a client that kept retrying would ask ~100 times here.
    const omni = createClient({ ...base, fetch: api.fetch, pollInterval: 5, realtime: { debounceMs: 1, backoffBaseMs: 1, backoffMaxMs: 4 } });
    t.after(() => omni.close());
    const errors: unknown[] = [];
    omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
    const key = { sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE };
    const stop = (await import('@omnikit/sdk')).watchAvailability(omni, key, () => undefined, { onError: (e) => errors.push(e) });
    await until(() => omni.$connection.get().status === 'failed', 'failed');
    await sleep(300);
    assert.equal(api.streams(), 1, 'one stream request, never retried');
    assert.equal(availabilityRequests(api.fixture), 0, 'no polling either');
    const c = omni.$connection.get();
    assert.equal(c.error?.code, code);
    assert.equal(c.error?.status, status);
    assert.equal(c.error?.requestId, 'req_refused');
    assert.equal(errors.length, 1, 'the watcher heard it once');
    assert.equal((errors[0] as { code: string }).code, code);
    // A watch that starts later hears the same error at once, and asks nothing.
    const late: unknown[] = [];
    omni.availability.watch({ sku: FIXTURE_SKUS.outEverywhere, storeId: FIXTURE_STORE }, () => undefined);
    (await import('@omnikit/sdk')).watchAvailability(omni, { sku: FIXTURE_SKUS.outEverywhere, storeId: 'online' }, () => undefined, { onError: (e) => late.push(e) });
    await sleep(50);
    assert.equal(late.length, 1);
    assert.equal(api.streams(), 1);
    assert.equal(omni.$connection.get().status, 'failed');
    stop();
  });
}

test('a 500 or a dropped connection is still retried (only refusals stop the stream)', async (t) => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, failWhen: ({ url }) => url.pathname === '/v1/events' });
  fetch.fail = 'http500';
  const omni = createClient({ ...base, fetch, pollInterval: 1000, realtime: fast });
  t.after(() => omni.close());
  omni.availability.watch({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }, () => undefined);
  await until(() => streamRequests(fetch).length >= 3, 'retries');
  assert.notEqual(omni.$connection.get().status, 'failed');
  assert.equal(omni.$connection.get().error, undefined);
});

test('a stream the server ends cleanly after it was open reconnects after a short wait, not a backoff', async (t) => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  // A base of 2 s: a clean end waits 0.2-0.6 s; a failure would wait 1-2 s.
  const omni = createClient({ ...base, fetch, realtime: { ...fast, backoffBaseMs: 2000, backoffMaxMs: 10_000 } });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  const seen: number[] = [];
  omni.availability.watch(key, (a) => seen.push(a.onHand));
  await until(() => omni.$connection.get().status === 'open', 'the stream');
  // Open longer than 4 x base: a stream that lived (a server stopping ends such streams).
  await sleep(8100);
  fetch.dropStreams(); // the fixture ends the body cleanly, as a server stopping does
  await until(() => streamRequests(fetch).length === 2 && fetch.openStreams === 1, 'the reconnect', 900);
  await until(() => omni.$connection.get().status === 'open', 'open again');
  fetch.setStock({ ...key, onHand: 17 });
  await until(() => seen.includes(17), 'a change on the new stream');
});

test('after an open stream drops, retries while the server is down stay at most 4 x base apart; a successful read reconnects at once', async (t) => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, failWhen: ({ url }) => url.pathname === '/v1/events' });
  const omni = createClient({ ...base, fetch, pollInterval: 60_000, realtime: { ...fast, backoffBaseMs: 20, backoffMaxMs: 5000, failuresBeforePolling: 100 } });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  omni.availability.watch(key, () => undefined);
  await until(() => omni.$connection.get().status === 'open', 'the stream');
  fetch.fail = 'network';
  fetch.dropStreams();
  const from = streamRequests(fetch).length;
  await sleep(1000);
  // Doubling from 20 ms would allow ~6 attempts in a second; capped at 80 ms it is 12 or more.
  const attempts = streamRequests(fetch).length - from;
  assert.ok(attempts >= 10 && attempts <= 60, `${attempts} attempts in 1 s`);
  omni.close();
  // A read that succeeds while the stream waits out a backoff: the stream is asked at once. With
  // a base of 2 s the second attempt comes at 1-2 s and the third not before 3 s.
  const fetch2 = createFixtureFetch({ ...DEFAULT_FIXTURES, failWhen: ({ url }) => url.pathname === '/v1/events' });
  fetch2.fail = 'network';
  const omni2 = createClient({ ...base, fetch: fetch2, pollInterval: 60_000, realtime: { ...fast, backoffBaseMs: 2000, backoffMaxMs: 60_000, minReconnectIntervalMs: 10 } });
  t.after(() => omni2.close());
  omni2.availability.watch(key, () => undefined);
  await sleep(2300);
  assert.equal(streamRequests(fetch2).length, 2);
  fetch2.fail = undefined;
  await omni2.availability.get({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE });
  await until(() => fetch2.openStreams === 1, 'the stream after a successful read', 300);
  assert.equal(streamRequests(fetch2).length, 3);
});

test('against the reference server: a change between a read and the first stream arrives on the stream (it resumes from the read\'s event position)', async (t) => {
  const { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY } = await import('@omnikit/server');
  const server = await startServer({ port: 0, dataDir: 'memory', log: false });
  t.after(() => server.close());
  const requests: { path: string; lastEventId: string | null }[] = [];
  const recording = (input: Request | URL | string, init?: RequestInit) => {
    const path = new URL(String(input instanceof Request ? input.url : input)).pathname;
    requests.push({ path, lastEventId: new Headers(init?.headers).get('Last-Event-ID') });
    return globalThis.fetch(input, init);
  };
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, fetch: recording, realtime: fast });
  t.after(() => omni.close());
  const key = SEED_FIXTURES.inStock;
  const before = await omni.availability.get(key);
  // Another device changes the stock after this page read it and before its stream exists.
  const res = await fetch(`${server.url}/v1/admin/stock/${key.storeId}/${key.sku}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${DEMO_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ quantity: before.onHand + 7, reason: 'correction' }),
  });
  assert.equal(res.status, 200);
  const reads = requests.filter((r) => r.path !== '/v1/events').length;
  const heard: number[] = [];
  omni.availability.watch(key, (a) => heard.push(a.onHand));
  await until(() => heard.includes(before.onHand + 7), 'the change made before the stream opened', 5000);
  assert.equal(requests.filter((r) => r.path !== '/v1/events').length, reads, 'delivered by the stream, not by a re-read');
  const stream = requests.find((r) => r.path === '/v1/events')!;
  assert.match(stream.lastEventId ?? '', /^\d+$/, 'the first stream resumes from the read\'s position');
});
