import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AvailabilityList, MAX_AVAILABILITY_SKUS, NearbyStockList } from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/index.js';
import { assertError, parseWith, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer('availability');
});
after(() => s.close());

const skus = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `OK-${10000 + from + i}`);

describe('GET /v1/availability', () => {
  test('every seed fixture has the state its name says', async () => {
    const r = await s.call(`/v1/availability?skus=${[F.inStock.sku, F.lowStock.sku, F.outOfStockAvailableNearby.sku, F.notStocked.sku, F.onlineOnly.sku, F.inactive.sku].join(',')}&stores=${F.defaultStoreId},online,${F.nearbyStoreId}`);
    const { items } = parseWith(AvailabilityList, r.json);
    assert.equal(items.length, 18);
    const at = (sku: string, store: string) => items.find((a) => a.sku === sku && a.storeId === store)!;
    assert.equal(at(F.inStock.sku, F.defaultStoreId).status, 'in_stock');
    assert.equal(at(F.inStock.sku, F.defaultStoreId).available, F.inStock.onHand);
    assert.equal(at(F.lowStock.sku, F.defaultStoreId).status, 'low_stock');
    assert.equal(at(F.lowStock.sku, F.defaultStoreId).available, F.lowStock.onHand);
    assert.equal(at(F.outOfStockAvailableNearby.sku, F.defaultStoreId).status, 'out_of_stock');
    assert.equal(at(F.outOfStockAvailableNearby.sku, F.nearbyStoreId).available, F.outOfStockAvailableNearby.nearbyOnHand);
    assert.equal(at(F.notStocked.sku, F.defaultStoreId).status, 'not_stocked');
    assert.equal(at(F.onlineOnly.sku, F.defaultStoreId).status, 'not_stocked');
    assert.notEqual(at(F.onlineOnly.sku, 'online').status, 'not_stocked');
    assert.ok(items.filter((a) => a.sku === F.inactive.sku).every((a) => a.status === 'not_stocked'));
    for (const a of items) assert.equal(a.available, Math.max(0, a.onHand - a.reserved));
  });

  test('a batch of 100 skus x several stores in one request, one record per pair', async () => {
    const stores = ['se-stockholm-drottninggatan', 'no-oslo-karl-johans-gate', 'dk-aarhus-sondergade', 'fi-turku-yliopistonkatu', 'online'];
    const { items } = parseWith(AvailabilityList, (await s.call(`/v1/availability?skus=${skus(100).join(',')}&stores=${stores.join(',')}`)).json);
    assert.equal(items.length, 500);
    const statuses = new Set(items.map((a) => a.status));
    for (const st of ['in_stock', 'low_stock', 'out_of_stock', 'not_stocked']) assert.ok(statuses.has(st as never), `seed has ${st}`);
  });

  test('unknown sku 404 unknown_sku, unknown store 404 unknown_store, naming them', async () => {
    const e = assertError(await s.call(`/v1/availability?skus=OK-10001,${F.unknownSku}&stores=online`), 404, 'unknown_sku');
    assert.ok(e.message.includes(F.unknownSku));
    const e2 = assertError(await s.call(`/v1/availability?skus=OK-10001&stores=online,${F.unknownStoreId}`), 404, 'unknown_store');
    assert.ok(e2.message.includes(F.unknownStoreId));
  });

  test('a product added after a miss is found at once (misses are never cached)', async () => {
    const sku = 'OK-20001';
    assertError(await s.call(`/v1/availability?skus=${sku}&stores=online`), 404, 'unknown_sku');
    await s.db.query(
      `INSERT INTO products (sku, name, description, brand, category_id, prices) VALUES ($1, 'New', 'New', 'Saga', 'home', '{"SEK":{"amount":100}}')`, [sku]);
    const { items } = parseWith(AvailabilityList, (await s.call(`/v1/availability?skus=${sku}&stores=online`)).json);
    assert.equal(items[0]!.status, 'not_stocked');
  });

  test('too many, missing or malformed inputs are 400 validation_failed', async () => {
    for (const q of [
      `skus=${skus(MAX_AVAILABILITY_SKUS + 1).join(',')}&stores=online`,
      `skus=OK-10001&stores=${Array.from({ length: 51 }, (_, i) => `s${i}`).join(',')}`,
      'skus=OK-10001', 'stores=online', 'skus=&stores=online', 'skus=OK-10001&stores=UPPER', 'skus=a%20b&stores=online',
    ]) {
      assertError(await s.call(`/v1/availability?${q}`), 400, 'validation_failed');
    }
  });
});

describe('GET /v1/availability/nearest', () => {
  test('from a store: other stores with stock, nearest first, with distance', async () => {
    const r = await s.call(`/v1/availability/nearest?sku=${F.outOfStockAvailableNearby.sku}&storeId=${F.defaultStoreId}`);
    const { items } = parseWith(NearbyStockList, r.json);
    assert.ok(items.length >= 1);
    assert.equal(items[0]!.store.id, F.nearbyStoreId);
    assert.ok(items[0]!.distanceKm > 0 && items[0]!.distanceKm < 5);
    assert.equal(items[0]!.store.distanceKm, items[0]!.distanceKm);
    for (let i = 1; i < items.length; i++) assert.ok(items[i - 1]!.distanceKm <= items[i]!.distanceKm);
    assert.ok(items.every((n) => n.availability.available >= 1 && n.store.id !== F.defaultStoreId && n.store.type === 'store'));
    assert.ok(items.every((n) => n.distanceKm <= 100));
  });

  test('from a point, with limit, radius and minQuantity', async () => {
    const { items } = parseWith(NearbyStockList, (await s.call(`/v1/availability/nearest?sku=${F.inStock.sku}&near=60.17,24.94&radiusKm=5000&limit=50`)).json);
    assert.ok(items.length > 3);
    assert.ok(items[0]!.store.address.country === 'FI');
    const one = parseWith(NearbyStockList, (await s.call(`/v1/availability/nearest?sku=${F.inStock.sku}&near=60.17,24.94&radiusKm=5000&limit=1`)).json);
    assert.equal(one.items.length, 1);
    const big = parseWith(NearbyStockList, (await s.call(`/v1/availability/nearest?sku=${F.inStock.sku}&near=60.17,24.94&radiusKm=5000&minQuantity=1000000`)).json);
    assert.equal(big.items.length, 0);
  });

  test('an online-only sku has no store nearby', async () => {
    const { items } = parseWith(NearbyStockList, (await s.call(`/v1/availability/nearest?sku=${F.onlineOnly.sku}&near=59.33,18.06&radiusKm=5000`)).json);
    assert.equal(items.length, 0);
  });

  test('errors', async () => {
    assertError(await s.call(`/v1/availability/nearest?sku=${F.unknownSku}&near=59,18`), 404, 'unknown_sku');
    assertError(await s.call(`/v1/availability/nearest?sku=OK-10001&storeId=${F.unknownStoreId}`), 404, 'unknown_store');
    assertError(await s.call('/v1/availability/nearest?sku=OK-10001'), 400, 'validation_failed');
    for (const q of ['near=95,18', 'near=x', 'near=59,18&limit=51', 'near=59,18&radiusKm=-1', 'near=59,18&minQuantity=0', 'near=59,18&minQuantity=99999999999999999999']) {
      assertError(await s.call(`/v1/availability/nearest?sku=OK-10001&${q}`), 400, 'validation_failed');
    }
  });
});
