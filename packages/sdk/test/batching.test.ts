import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient, getAvailability, createBaseClient, isOmnikitError, OmnikitHttpError, OmnikitResponseError, MAX_AVAILABILITY_PAIRS, MAX_AVAILABILITY_SKUS } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Availability, Product } from '@omnikit/contract';

/** 250 products with stock at the fixture store, so a page can have 200 distinct badges. */
function bigCatalog() {
  const p0 = DEFAULT_FIXTURES.products[0]!;
  const products: Product[] = Array.from({ length: 250 }, (_, i) => ({ ...p0, sku: `OK-2${String(i).padStart(4, '0')}` }));
  const availability: Availability[] = products.map((p, i) => ({
    sku: p.sku, storeId: FIXTURE_STORE, onHand: i % 7, reserved: 0, available: i % 7,
    status: i % 7 === 0 ? 'out_of_stock' : i % 7 <= 3 ? 'low_stock' : 'in_stock', lowStockThreshold: 3, updatedAt: '2026-01-01T00:00:00.000Z',
  }));
  return { products, stores: DEFAULT_FIXTURES.stores, availability };
}

const base = { baseUrl: 'https://api.fixture.test', publishableKey: 'pk_test_x' };
const availabilityRequests = (f: ReturnType<typeof createFixtureFetch>) => f.requests.filter((r) => r.url.pathname === '/v1/availability');

test(`200 availability.get calls in one tick at two locations make 1 HTTP request (chunks of ${MAX_AVAILABILITY_SKUS})`, async () => {
  const data = bigCatalog();
  const fetch = createFixtureFetch(data);
  const omni = createClient({ ...base, fetch });
  const skus = data.products.slice(0, 200).map((p) => p.sku);
  const [results] = await Promise.all([
    Promise.all(skus.map((sku) => omni.availability.get({ sku, storeId: FIXTURE_STORE }))),
    Promise.all(skus.map((sku) => omni.availability.get({ sku, storeId: 'online' }))),
  ]);
  assert.equal(fetch.requests.length, 1, 'requests at the fetch seam');
  for (const r of availabilityRequests(fetch)) assert.ok(r.url.searchParams.get('skus')!.split(',').length <= MAX_AVAILABILITY_SKUS);
  results.forEach((a, i) => {
    assert.equal(a.sku, skus[i]);
    assert.equal(a.onHand, i % 7);
  });
  omni.close();
});

test(`250 SKUs are chunked at ${MAX_AVAILABILITY_SKUS}, and a wide grid at ${MAX_AVAILABILITY_PAIRS} pairs`, async () => {
  const data = bigCatalog();
  const fetch = createFixtureFetch(data);
  const omni = createClient({ ...base, fetch });
  const skus = data.products.map((p) => p.sku);
  await omni.availability.getMany({ skus, storeIds: [FIXTURE_STORE] });
  assert.deepEqual(availabilityRequests(fetch).map((r) => r.url.searchParams.get('skus')!.split(',').length), [200, 50]);
  // 30 locations: 2000 / 30 = 66 SKUs per request.
  const storeIds = Array.from({ length: 30 }, (_, i) => `s-${i}`);
  const grid = await omni.availability.getMany({ skus: skus.slice(0, 100), storeIds });
  assert.equal(grid.length, 3000);
  const wide = availabilityRequests(fetch).slice(2).map((r) => r.url.searchParams.get('skus')!.split(',').length * r.url.searchParams.get('stores')!.split(',').length);
  assert.deepEqual(wide, [66 * 30, 34 * 30]);
  omni.close();
});

test('identical reads in flight are shared, and a fresh cached read makes no request', async () => {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, latencyMs: 20 });
  const omni = createClient({ ...base, fetch });
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  const first = omni.availability.get(key);
  await new Promise((r) => setTimeout(r, 5)); // the first batch is now in flight
  const second = omni.availability.get(key);
  const [a, b] = await Promise.all([first, second]);
  assert.deepEqual(a, b);
  assert.equal(fetch.requests.length, 1);
  await omni.availability.get(key);
  assert.equal(fetch.requests.length, 1, 'served from cache within the TTL');
  omni.close();
});

test('stale-while-revalidate: a stale value is returned at once and refetched in the background', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch, cacheTtl: 0, staleTtl: 60_000 });
  const key = { sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE };
  const a = await omni.availability.get(key);
  fetch.setStock({ ...key, onHand: 3, reserved: 0 });
  await new Promise((r) => setTimeout(r, 2));
  const stale = await omni.availability.get(key);
  assert.equal(stale.onHand, a.onHand, 'stale value served');
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(fetch.requests.length, 2, 'revalidated in the background');
  const fresh = await omni.availability.get(key);
  assert.equal(fresh.onHand, 3);
  omni.close();
});

test('an unknown SKU in a batch fails only its own callers', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch });
  const results = await Promise.allSettled(
    [FIXTURE_SKUS.inStock, 'OK-99999', FIXTURE_SKUS.lowStock, FIXTURE_SKUS.onlineOnly].map((sku) => omni.availability.get({ sku, storeId: FIXTURE_STORE })),
  );
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  const err = (results[1] as PromiseRejectedResult).reason;
  assert.ok(isOmnikitError(err, 'unknown_sku'));
  omni.close();
});

test('getMany returns every pair; mixed store sets are grouped, not multiplied into one grid', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch });
  const many = await omni.availability.getMany({ skus: [FIXTURE_SKUS.inStock, FIXTURE_SKUS.lowStock], storeIds: [FIXTURE_STORE, 'online'] });
  assert.deepEqual(many.map((a) => `${a.sku}@${a.storeId}`), [
    `${FIXTURE_SKUS.inStock}@${FIXTURE_STORE}`, `${FIXTURE_SKUS.inStock}@online`, `${FIXTURE_SKUS.lowStock}@${FIXTURE_STORE}`, `${FIXTURE_SKUS.lowStock}@online`,
  ]);
  assert.equal(fetch.requests.length, 1);
  const notStocked = await omni.availability.get({ sku: FIXTURE_SKUS.notStocked, storeId: FIXTURE_STORE });
  assert.equal(notStocked.status, 'not_stocked');
  omni.close();
});

test('an availability answer that leaves a pair out rejects only that pair, with invalid_response', async () => {
  const fixture = createFixtureFetch(DEFAULT_FIXTURES);
  // A server that breaks the contract: the first record of every availability answer is dropped.
  const dropping = async (input: Request | URL | string, init?: RequestInit) => {
    const res = await fixture(input, init);
    if (new URL(input instanceof Request ? input.url : String(input)).pathname !== '/v1/availability') return res;
    const body = (await res.json()) as { items: unknown[] };
    return new Response(JSON.stringify({ ...body, items: body.items.slice(1) }), { status: res.status, headers: res.headers });
  };
  const omni = createClient({ ...base, fetch: dropping });
  const [first, second] = await Promise.allSettled([
    omni.availability.get({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE }),
    omni.availability.get({ sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE }),
  ]);
  assert.equal(second.status === 'fulfilled' && second.value.sku, FIXTURE_SKUS.lowStock);
  const e = (first as PromiseRejectedResult).reason as unknown;
  assert.ok(e instanceof OmnikitResponseError, String(e));
  assert.equal(e.code, 'invalid_response');
  assert.match(e.message, new RegExp(`left out ${FIXTURE_SKUS.inStock}@${FIXTURE_STORE}`));
  omni.close();
});

test('products.get is batched per tick via /v1/products?skus= and an unknown SKU rejects with unknown_sku', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch });
  const skus = Object.values(FIXTURE_SKUS);
  const products = await Promise.all(skus.map((s) => omni.products.get(s)));
  assert.deepEqual(products.map((p) => p.sku), skus);
  assert.equal(fetch.requests.length, 1);
  assert.equal(fetch.requests[0]!.url.pathname, '/v1/products');
  await assert.rejects(
    omni.products.get('OK-99999'),
    (e: unknown) => e instanceof OmnikitHttpError && e.code === 'unknown_sku' && e.status === 404 && e.requestId === `fx_${fetch.requests.length}`,
  );
  const again = await omni.products.getMany(skus.slice(0, 2));
  assert.equal(again.length, 2);
  assert.equal(fetch.requests.length, 2, 'cached');
  omni.close();
});

test('resource functions work on the base client (tree-shakable path)', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const client = createBaseClient({ ...base, fetch });
  const a = await getAvailability(client, { sku: FIXTURE_SKUS.lowStock, storeId: FIXTURE_STORE });
  assert.equal(a.status, 'low_stock');
  client.close();
});

test('nearest lists other stores with stock, nearest first, and fills the cache', async () => {
  const fetch = createFixtureFetch(DEFAULT_FIXTURES);
  const omni = createClient({ ...base, fetch });
  const near = await omni.availability.nearest({ sku: FIXTURE_SKUS.outOfStockAvailableNearby, storeId: FIXTURE_STORE, radiusKm: 1000 });
  assert.deepEqual(near.map((n) => n.store.id), ['se-uppsala-forumtorget', 'no-oslo-karl-johan']);
  assert.ok(near[0]!.distanceKm < near[1]!.distanceKm);
  await omni.availability.get({ sku: FIXTURE_SKUS.outOfStockAvailableNearby, storeId: 'se-uppsala-forumtorget' });
  assert.equal(fetch.requests.length, 1);
  await assert.rejects(omni.availability.nearest({ sku: FIXTURE_SKUS.inStock }), (e: unknown) => isOmnikitError(e, 'validation_failed'));
  omni.close();
});
