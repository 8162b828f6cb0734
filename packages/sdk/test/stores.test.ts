import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allTasks, cleanStores, keepMount } from 'nanostores';
import { availabilityStore, createClient, nearbyStockStore, productStore, SELECTED_STORE_KEY, type FetchLike, type StorageLike } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import { memoryStorage, until } from './helpers.js';

const base = { baseUrl: 'https://api.fixture.test', publishableKey: 'pk_test_x', realtime: { debounceMs: 5 } };

test('$selectedStore is restored from and persisted to storage (only the store id)', (t) => {
  const storage = memoryStorage({ [SELECTED_STORE_KEY]: 'no-oslo-karl-johan' });
  const omni = createClient({ ...base, fetch: createFixtureFetch(), storage });
  t.after(() => omni.close());
  assert.equal(omni.$selectedStore.get(), 'no-oslo-karl-johan');
  omni.selectStore(FIXTURE_STORE);
  assert.deepEqual([...storage.data], [[SELECTED_STORE_KEY, FIXTURE_STORE]]);
  omni.selectStore(undefined);
  assert.equal(storage.data.size, 0);
  omni.close();
});

test('storage that throws, or holds garbage, is tolerated', (t) => {
  const throwing: StorageLike = {
    getItem: () => { throw new Error('SecurityError'); },
    setItem: () => { throw new Error('QuotaExceededError'); },
    removeItem: () => { throw new Error('SecurityError'); },
  };
  const omni = createClient({ ...base, fetch: createFixtureFetch(), storage: throwing });
  t.after(() => omni.close());
  assert.equal(omni.$selectedStore.get(), undefined);
  omni.selectStore(FIXTURE_STORE);
  assert.equal(omni.$selectedStore.get(), FIXTURE_STORE);
  omni.close();
  const garbage = createClient({ ...base, fetch: createFixtureFetch(), storage: memoryStorage({ [SELECTED_STORE_KEY]: '<script>' }) });
  t.after(() => garbage.close());
  assert.equal(garbage.$selectedStore.get(), undefined);
  garbage.close();
  const none = createClient({ ...base, fetch: createFixtureFetch(), storage: null });
  t.after(() => none.close());
  none.selectStore(FIXTURE_STORE);
  assert.equal(none.$selectedStore.get(), FIXTURE_STORE);
  none.close();
});

test('availabilityStore: loading, then ready; live updates; one store per key; stream stops after the last subscriber', async (t) => {
  const fetch = createFixtureFetch();
  const omni = createClient({ ...base, fetch });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE };
  const $a = availabilityStore(omni, key);
  assert.equal(availabilityStore(omni, key), $a);
  assert.deepEqual($a.get(), { status: 'loading' });
  const states: string[] = [];
  const off = $a.subscribe((s) => states.push(s.status === 'ready' ? `ready:${s.data.available}` : s.status));
  await until(() => $a.get().status === 'ready', 'ready');
  await until(() => fetch.openStreams === 1, 'the stream');
  fetch.setStock({ ...key, onHand: 0 });
  await until(() => states.at(-1) === 'ready:0', 'the live change');
  assert.deepEqual(states, ['loading', 'ready:2', 'ready:0']);
  off();
  // nanostores unmounts a second after the last subscriber leaves.
  await until(() => fetch.openStreams === 0, 'the watch to stop', 3000);
  omni.close();
});

test('availabilityStore shows an OmnikitError state for a malformed response', async (t) => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, fail: 'malformed', failWhen: ({ url }) => url.pathname === '/v1/availability' });
  const omni = createClient({ ...base, fetch, retry: 0 });
  t.after(() => omni.close());
  const $a = availabilityStore(omni, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE });
  keepMount($a);
  await until(() => $a.get().status === 'error', 'error');
  const s = $a.get();
  assert.ok(s.status === 'error' && s.error.code === 'invalid_response');
  cleanStores($a);
  omni.close();
});

test('an invalid SKU gives an error state, not a throw', async (t) => {
  const omni = createClient({ ...base, fetch: createFixtureFetch() });
  t.after(() => omni.close());
  const $a = availabilityStore(omni, { sku: '', storeId: FIXTURE_STORE });
  keepMount($a);
  const s = $a.get();
  assert.ok(s.status === 'error' && s.error.code === 'validation_failed');
  cleanStores($a);
  omni.close();
});

test('nearby stock of many SKUs: the store list once, every availability in one grid request, no /nearest', async (t) => {
  const fetch = createFixtureFetch();
  const omni = createClient({ ...base, fetch });
  t.after(() => omni.close());
  const skus = DEFAULT_FIXTURES.products.map((p) => p.sku);
  const $all = skus.map((sku) => nearbyStockStore(omni, { sku, storeId: FIXTURE_STORE }));
  for (const $n of $all) keepMount($n);
  await until(() => $all.every(($n) => $n.get().status === 'ready'), 'ready');
  const paths = fetch.requests.map((r) => r.url.pathname);
  assert.equal(paths.filter((p) => p.startsWith('/v1/stores')).length, 2, 'getStore + listStores near it, shared');
  assert.equal(paths.filter((p) => p === '/v1/availability').length, 1);
  assert.equal(paths.filter((p) => p === '/v1/availability/nearest').length, 0);
  for (const $n of $all) {
    const s = $n.get();
    // Not the store itself, nor the warehouse; only within the default 100 km.
    assert.ok(s.status === 'ready' && s.data.every((x) => x.store.id === 'se-uppsala-forumtorget'));
  }
  cleanStores(...$all);
});

test('productStore and nearbyStockStore fetch on first subscriber; nearby stock stays live', async (t) => {
  const fetch = createFixtureFetch();
  const omni = createClient({ ...base, fetch });
  t.after(() => omni.close());
  const $p = productStore(omni, FIXTURE_SKUS.inStock);
  const $n = nearbyStockStore(omni, { sku: FIXTURE_SKUS.outOfStockAvailableNearby, storeId: FIXTURE_STORE });
  assert.equal(fetch.requests.length, 0, 'nothing before a subscriber');
  keepMount($p);
  keepMount($n);
  await allTasks();
  await until(() => $p.get().status === 'ready' && $n.get().status === 'ready', 'ready');
  const p = $p.get();
  assert.ok(p.status === 'ready' && p.data.name === 'Trail runner shoe');
  const n = $n.get();
  assert.ok(n.status === 'ready');
  assert.deepEqual(n.data.map((x) => x.store.id), ['se-uppsala-forumtorget']);
  // Live: a sale at the nearby store shows, through the SKU's one topic.
  await until(() => fetch.openStreams === 1, 'the stream');
  fetch.setStock({ sku: FIXTURE_SKUS.outOfStockAvailableNearby, storeId: 'se-uppsala-forumtorget', onHand: 0, reserved: 0 });
  await until(() => {
    const now = $n.get();
    return now.status === 'ready' && now.data[0]?.availability.available === 0;
  }, 'the nearby change');
  const streams = fetch.requests.filter((r) => r.url.pathname === '/v1/events');
  assert.equal(streams.length, 1);
  assert.equal(streams[0]!.url.searchParams.get('topics'), `stock:${FIXTURE_SKUS.outOfStockAvailableNearby}`);
  cleanStores($p, $n);
  omni.close();
});

test('a widget store starting over a warm cache sets no timer (no mount and unmount inside its start)', async (t) => {
  const fetch = createFixtureFetch();
  const omni = createClient({ ...base, fetch });
  t.after(() => omni.close());
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  await omni.availability.get(key);
  // The SKU's topic is watched already, so the store's own watch needs no stream change either.
  const stopWatch = omni.availability.watch(key, () => undefined);
  const real = globalThis.setTimeout;
  let timers = 0;
  globalThis.setTimeout = ((...args: Parameters<typeof setTimeout>) => {
    timers++;
    return real(...args);
  }) as typeof setTimeout;
  let unlisten: () => void;
  try {
    unlisten = availabilityStore(omni, key).listen(() => undefined);
  } finally {
    globalThis.setTimeout = real;
  }
  const $a = availabilityStore(omni, key);
  assert.equal($a.get().status, 'ready', 'served from the cache at once');
  assert.equal(timers, 0);
  unlisten();
  stopWatch();
});

test('availabilityStore: a stream refused for good fails a store still loading, and keeps data already shown', async (t) => {
  const fixture = createFixtureFetch(DEFAULT_FIXTURES);
  let slowReads = false;
  const refused = () => new Response(JSON.stringify({ error: { code: 'forbidden', message: 'no', requestId: 'r1' } }), { status: 403, headers: { 'content-type': 'application/json' } });
  const fetch: FetchLike = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/v1/events')) return refused();
    // Reads that never answer: the only way the first store can end is the stream's refusal.
    if (slowReads && url.includes('/v1/availability')) return new Promise<Response>(() => undefined);
    return fixture(input, init);
  };
  const omni = createClient({ ...base, fetch, realtime: { debounceMs: 1, backoffBaseMs: 1, shareAcrossTabs: false } });
  t.after(() => omni.close());
  const $ready = availabilityStore(omni, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE });
  const off1 = $ready.listen(() => undefined);
  await until(() => $ready.get().status === 'ready', 'the first read');
  await until(() => omni.$connection.get().status === 'failed', 'the refused stream');
  assert.equal($ready.get().status, 'ready', 'data already shown stays');
  off1();
  slowReads = true;
  const $waiting = availabilityStore(omni, { sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE });
  const off2 = $waiting.listen(() => undefined);
  await until(() => $waiting.get().status === 'error', 'the refusal reaching a loading store');
  const s = $waiting.get();
  assert.ok(s.status === 'error' && s.error.code === 'forbidden');
  off2();
  cleanStores($ready, $waiting);
});
