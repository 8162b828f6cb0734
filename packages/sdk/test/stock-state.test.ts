// stockStateStore on the fixture transport: every state a badge shows, the requests it takes,
// and the nearby list staying live. The same store against the real server: integration.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanStores, keepMount, type ReadableAtom } from 'nanostores';
import { createBaseClient, stockStateStore, type StockState, type StockStateQuery } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE, type FixtureFetchOptions } from '@omnikit/sdk/testing';
import { until } from './helpers.js';

function setup(t: { after(fn: () => void): void }, data: FixtureFetchOptions = DEFAULT_FIXTURES) {
  const fetch = createFixtureFetch(data);
  const client = createBaseClient({ baseUrl: 'https://api.fixture.test', publishableKey: 'pk_test_x', fetch, storage: null, retry: 0, realtime: { debounceMs: 5 } });
  const stores: ReadableAtom<StockState>[] = [];
  t.after(() => {
    cleanStores(...stores);
    client.close();
  });
  const settled = async (q: Partial<StockStateQuery> & { sku: string }) => {
    const $s = stockStateStore(client, { storeId: FIXTURE_STORE, ...q });
    stores.push($s);
    keepMount($s);
    await until(() => $s.get().kind !== 'loading', `${q.sku} to settle`);
    return $s;
  };
  const paths = () => fetch.requests.map((r) => `${r.url.pathname}${r.url.searchParams.has('nearby') ? `?nearby=${r.url.searchParams.get('nearby')}` : ''}`);
  return { fetch, client, settled, paths };
}

test('every state a badge shows, from the SDK alone', async (t) => {
  const { settled } = setup(t);
  const kind = async (q: Partial<StockStateQuery> & { sku: string }) => (await settled(q)).get().kind;
  assert.equal(await kind({ sku: FIXTURE_SKUS.inStock }), 'in-stock');
  assert.equal(await kind({ sku: FIXTURE_SKUS.lowStock }), 'low-stock');
  assert.equal(await kind({ sku: FIXTURE_SKUS.outEverywhere }), 'out-of-stock');
  assert.equal(await kind({ sku: FIXTURE_SKUS.onlineOnly }), 'online-only');
  assert.equal(await kind({ sku: 'OK-99999' }), 'not-sold');
  const $near = await settled({ sku: FIXTURE_SKUS.outOfStockAvailableNearby });
  const near = $near.get();
  assert.equal(near.kind, 'nearby');
  // Oslo has it too, but beyond the default 100 km.
  assert.deepEqual(near.nearby.map((n) => [n.storeId, n.name, n.shortName, n.available]), [['se-uppsala-forumtorget', 'Omnikit Uppsala Forumtorget', 'Forumtorget', 5]]);
  assert.ok(near.nearby[0]!.distanceKm > 50 && near.nearby[0]!.distanceKm < 100);
  // Carried only in Oslo (too far), not online: not sold here.
  assert.equal(await kind({ sku: FIXTURE_SKUS.notStocked }), 'not-sold');
  // Bad input is a state with a code, never a throw.
  const bad = (await settled({ sku: 'not a sku!' })).get();
  assert.equal(bad.kind, 'error');
  assert.equal(bad.error?.code, 'validation_failed');
  assert.equal((await settled({ sku: FIXTURE_SKUS.inStock, storeId: 'NOT A STORE' })).get().kind, 'error');
});

test('the caller threshold applies the contract rule both ways; the fixture uses the contract default', async (t) => {
  const { settled } = setup(t);
  const inStock = (await settled({ sku: FIXTURE_SKUS.inStock, lowStockThreshold: 22 })).get();
  assert.deepEqual([inStock.kind, inStock.available, inStock.lowStockThreshold], ['low-stock', 22, 22]);
  const low = (await settled({ sku: FIXTURE_SKUS.lowStock, lowStockThreshold: 1 })).get();
  assert.equal(low.kind, 'in-stock');
  const server = (await settled({ sku: FIXTURE_SKUS.lowStock })).get();
  assert.equal(server.lowStockThreshold, 5);
});

test('a page of stock states: one availability request carries the nearby look; products only for the out-of-stock', async (t) => {
  const { settled, paths } = setup(t);
  const all = await Promise.all(DEFAULT_FIXTURES.products.map((p) => settled({ sku: p.sku })));
  assert.deepEqual(all.map(($s) => $s.get().kind), ['in-stock', 'low-stock', 'nearby', 'not-sold', 'online-only', 'out-of-stock']);
  const data = paths().filter((p) => p !== '/v1/events');
  assert.deepEqual(data, ['/v1/availability?nearby=3', '/v1/products'], JSON.stringify(data));
});

test('nearby off: this location alone decides, no nearby or online look, the location topic', async (t) => {
  const { fetch, settled } = setup(t);
  const $s = await settled({ sku: FIXTURE_SKUS.outOfStockAvailableNearby, nearby: false });
  assert.equal($s.get().kind, 'out-of-stock');
  assert.equal((await settled({ sku: FIXTURE_SKUS.notStocked, nearby: false })).get().kind, 'out-of-stock');
  const grids = fetch.requests.filter((r) => r.url.pathname === '/v1/availability');
  assert.ok(grids.every((r) => !r.url.searchParams.has('nearby') && r.url.searchParams.get('stores') === FIXTURE_STORE), grids.map((r) => r.url.search).join(' '));
  const topics = () => fetch.requests.filter((r) => r.url.pathname === '/v1/events').at(-1)?.url.searchParams.get('topics')?.split(',').sort().join(',');
  const expected = [`stock:${FIXTURE_SKUS.outOfStockAvailableNearby}@${FIXTURE_STORE}`, `stock:${FIXTURE_SKUS.notStocked}@${FIXTURE_STORE}`].sort().join(',');
  await until(() => fetch.openStreams === 1 && topics() === expected, `the stream with ${expected}, not ${topics()}`);
  // Live on the location topic.
  fetch.setStock({ sku: FIXTURE_SKUS.outOfStockAvailableNearby, storeId: FIXTURE_STORE, onHand: 9 });
  await until(() => $s.get().kind === 'in-stock', 'in stock after the change');
});

test('live: the nearby store sells out, then out of stock; here restocks; sold out here again, nearby again', async (t) => {
  const { fetch, settled } = setup(t);
  const sku = FIXTURE_SKUS.outOfStockAvailableNearby;
  const $s = await settled({ sku });
  assert.equal($s.get().kind, 'nearby');
  await until(() => fetch.openStreams === 1, 'the stream');
  fetch.setStock({ sku, storeId: 'se-uppsala-forumtorget', onHand: 0 });
  await until(() => $s.get().kind === 'out-of-stock', 'out of stock');
  fetch.setStock({ sku, storeId: FIXTURE_STORE, onHand: 2 });
  await until(() => $s.get().kind === 'low-stock', 'low stock here');
  // Sold out here again after an answer with stock: the nearby look is asked again.
  fetch.setStock({ sku, storeId: 'se-uppsala-forumtorget', onHand: 4 });
  fetch.setStock({ sku, storeId: FIXTURE_STORE, onHand: 0 });
  await until(() => $s.get().kind === 'nearby' && $s.get().nearby[0]?.available === 4, 'nearby again');
  // One stream throughout: here, online and the stores nearby share the SKU's topic.
  assert.equal(fetch.requests.filter((r) => r.url.pathname === '/v1/events').length, 1);
});

test('one store per client and query; the API failing is an error state', async (t) => {
  const { client, settled, fetch } = setup(t, { ...DEFAULT_FIXTURES, fail: 'http500' });
  assert.equal(stockStateStore(client, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }), stockStateStore(client, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }));
  assert.notEqual(stockStateStore(client, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }), stockStateStore(client, { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, nearby: false }));
  const s = (await settled({ sku: FIXTURE_SKUS.inStock })).get();
  assert.equal(s.kind, 'error');
  assert.equal(s.error?.code, 'internal_error');
  assert.ok(fetch.requests.length > 0);
});
