import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AvailabilityAnswer, DEFAULT_NEARBY_RADIUS_KM, MAX_AVAILABILITY_SKUS, NearbyStockList, distanceKm, nearestStores, wantsNearby,
  type AvailabilityNearby, type NearbyCandidate, type NearbyStore,
} from '@omnikit/contract';
import { SEED_FIXTURES as F, buildSeed } from '../src/index.js';
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
    const { items } = parseWith(AvailabilityAnswer, r.json);
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
    const { items } = parseWith(AvailabilityAnswer, (await s.call(`/v1/availability?skus=${skus(100).join(',')}&stores=${stores.join(',')}`)).json);
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
    const { items } = parseWith(AvailabilityAnswer, (await s.call(`/v1/availability?skus=${sku}&stores=online`)).json);
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

describe('GET /v1/availability with nearby', () => {
  const seed = buildSeed();
  const storeById = new Map(seed.stores.map((st) => [st.id, st]));
  /** What the answer must list, worked out from the seed alone: stores with stock, within the radius, nearest first, ties by id. */
  function expectedNearby(sku: string, origin: string, limit: number, radiusKm = DEFAULT_NEARBY_RADIUS_KM): NearbyStore[] {
    const from = storeById.get(origin)!;
    return seed.stock
      .filter((r) => r.sku === sku && r.storeId !== origin && storeById.get(r.storeId)!.type === 'store' && r.onHand - r.reserved >= 1)
      .map((r) => {
        const st = storeById.get(r.storeId)!;
        return { storeId: st.id, name: st.name, shortName: st.shortName!, distanceKm: distanceKm(from.coordinates, st.coordinates), available: r.onHand - r.reserved };
      })
      .filter((n) => n.distanceKm <= radiusKm)
      .sort((a, b) => a.distanceKm - b.distanceKm || (a.storeId < b.storeId ? -1 : 1))
      .slice(0, limit);
  }
  const ask = async (query: string) => {
    const r = await s.call(`/v1/availability?${query}`);
    assert.equal(r.status, 200, r.text);
    return parseWith(AvailabilityAnswer, r.json);
  };
  const entry = (nearby: AvailabilityNearby[] | undefined, sku: string, storeId: string) =>
    nearby?.find((n) => n.sku === sku && n.storeId === storeId);

  test('out of stock here, stock nearby: the nearest stores that have it, nearest first, with short names', async () => {
    const { sku, storeId, nearbyStoreId } = F.outOfStockAvailableNearby;
    const a = await ask(`skus=${sku}&stores=${storeId}&nearby=3`);
    assert.deepEqual(a.nearby, [{ sku, storeId, stores: expectedNearby(sku, storeId, 3) }]);
    const first = a.nearby![0]!.stores[0]!;
    assert.equal(first.storeId, nearbyStoreId);
    assert.equal(first.shortName, 'Götgatan');
    assert.equal(first.name, 'Nordvik Stockholm Götgatan');
    assert.equal(first.available, F.outOfStockAvailableNearby.nearbyOnHand);
    // The whole seed, every store as the origin: the same list the seed alone gives.
    const skus = Array.from({ length: 40 }, (_, i) => `OK-${10001 + i}`);
    for (const origin of ['se-solna-mall-of-scandinavia', 'dk-kobenhavn-norrebrogade', 'fi-espoo-iso-omena']) {
      const all = await ask(`skus=${skus.join(',')}&stores=${origin}&nearby=10&nearbyRadiusKm=1000`);
      for (const item of all.items) {
        const e = entry(all.nearby, item.sku, origin);
        if (item.available > 0) assert.equal(e, undefined, `${item.sku} in stock at ${origin}: no entry`);
        else assert.deepEqual(e?.stores, expectedNearby(item.sku, origin, 10, 1000), `${item.sku} at ${origin}`);
      }
    }
  });

  test('in stock or low stock here: no entry; without nearby: no nearby at all', async () => {
    const a = await ask(`skus=${F.inStock.sku},${F.lowStock.sku}&stores=${F.defaultStoreId}&nearby=3`);
    assert.deepEqual(a.nearby, []);
    const plain = await ask(`skus=${F.outOfStockAvailableNearby.sku}&stores=${F.defaultStoreId}`);
    assert.equal('nearby' in plain, false);
  });

  test('not carried here counts as none here; online-only and discontinued products have an entry with no stores', async () => {
    const a = await ask(`skus=${F.notStocked.sku},${F.onlineOnly.sku},${F.inactive.sku}&stores=${F.defaultStoreId}&nearby=5`);
    const notStocked = entry(a.nearby, F.notStocked.sku, F.defaultStoreId);
    assert.deepEqual(notStocked?.stores, expectedNearby(F.notStocked.sku, F.defaultStoreId, 5));
    assert.equal(notStocked!.stores[0]!.storeId, F.nearbyStoreId);
    assert.deepEqual(entry(a.nearby, F.onlineOnly.sku, F.defaultStoreId)?.stores, []);
    assert.deepEqual(entry(a.nearby, F.inactive.sku, F.defaultStoreId)?.stores, []);
  });

  test('none within the radius: an entry with no stores; the limit caps the list', async () => {
    const { sku, storeId } = F.outOfStockAvailableNearby;
    // Götgatan, the nearest with stock, is about 2 km from Drottninggatan.
    assert.deepEqual((await ask(`skus=${sku}&stores=${storeId}&nearby=3&nearbyRadiusKm=1`)).nearby, [{ sku, storeId, stores: [] }]);
    const one = await ask(`skus=${sku}&stores=${storeId}&nearby=1&nearbyRadiusKm=1000`);
    assert.deepEqual(one.nearby![0]!.stores, expectedNearby(sku, storeId, 1, 1000));
    assert.equal(one.nearby![0]!.stores.length, 1);
  });

  test('the warehouse is never listed, nor asked about', async () => {
    // Not carried at Drottninggatan, 75 at the warehouse (Borås, within 1000 km): still not listed.
    const listedSku = F.notStocked.sku;
    // None at the warehouse: the warehouse gets no entry (nearby is about stores).
    const outOnline = F.outOfStockAvailableNearby.sku;
    const a = await ask(`skus=${listedSku},${outOnline}&stores=online,${F.defaultStoreId}&nearby=10&nearbyRadiusKm=1000`);
    const at = (sku: string, store: string) => a.items.find((i) => i.sku === sku && i.storeId === store)!;
    assert.ok(at(listedSku, 'online').available > 0);
    assert.equal(at(outOnline, 'online').available, 0);
    assert.deepEqual(a.nearby!.map((n) => `${n.sku}@${n.storeId}`), [`${listedSku}@${F.defaultStoreId}`, `${outOnline}@${F.defaultStoreId}`]);
    assert.deepEqual(entry(a.nearby, listedSku, F.defaultStoreId)!.stores, expectedNearby(listedSku, F.defaultStoreId, 10, 1000));
    assert.ok(a.nearby!.every((n) => n.stores.length > 0 && n.stores.every((st) => st.storeId !== 'online')));
  });

  test('several stores asked about: one entry per store with none, in the order asked', async () => {
    const { sku, storeId, nearbyStoreId } = F.outOfStockAvailableNearby;
    const a = await ask(`skus=${sku},${F.notStocked.sku}&stores=${storeId},${nearbyStoreId}&nearby=2`);
    assert.deepEqual(a.nearby!.map((n) => `${n.sku}@${n.storeId}`), [`${sku}@${storeId}`, `${F.notStocked.sku}@${storeId}`]);
  });

  test('nearby and nearbyRadiusKm out of range or malformed are 400 validation_failed naming the field', async () => {
    const base = `skus=${F.inStock.sku}&stores=${F.defaultStoreId}`;
    for (const [q, field] of [
      ['nearby=0', 'query.nearby'], ['nearby=11', 'query.nearby'], ['nearby=abc', 'query.nearby'], ['nearby=1.5', 'query.nearby'],
      ['nearby=-1', 'query.nearby'], ['nearby=', 'query.nearby'], ['nearby=3&nearbyRadiusKm=0', 'query.nearbyRadiusKm'],
      ['nearby=3&nearbyRadiusKm=1001', 'query.nearbyRadiusKm'], ['nearby=3&nearbyRadiusKm=1e9', 'query.nearbyRadiusKm'],
    ] as const) {
      const e = assertError(await s.call(`/v1/availability?${base}&${q}`), 400, 'validation_failed');
      assert.ok(e.details?.issues?.some((i) => i.path === field), `${q}: ${JSON.stringify(e.details)}`);
    }
    assert.equal((await s.call(`/v1/availability?${base}&nearby=10&nearbyRadiusKm=1000`)).status, 200);
  });
});

describe('the nearby rule (contract: wantsNearby, nearestStores)', () => {
  const at = (storeId: string, lat: number, lng: number, available: number, type: 'store' | 'warehouse' = 'store'): NearbyCandidate =>
    ({ storeId, name: `Store ${storeId}`, shortName: storeId, type, lat, lng, available });
  test('only stores with nothing available ask', () => {
    assert.equal(wantsNearby('store', 0), true);
    assert.equal(wantsNearby('store', 1), false);
    assert.equal(wantsNearby('warehouse', 0), false);
  });
  test('other stores with stock within the radius, nearest first, ties by id, at most limit', () => {
    const origin = { storeId: 'o', lat: 59.33, lng: 18.06 };
    const list = nearestStores(origin, [
      at('o', 59.33, 18.06, 9), // the origin itself
      at('far', 61.0, 18.06, 5), // ~186 km
      at('b', 59.34, 18.06, 2), at('a', 59.34, 18.06, 3), // the same spot: by id
      at('none', 59.331, 18.06, 0),
      at('wh', 59.335, 18.06, 50, 'warehouse'),
      at('c', 59.40, 18.06, 1),
    ], 10, 100);
    assert.deepEqual(list.map((n) => n.storeId), ['a', 'b', 'c']);
    assert.equal(list[0]!.distanceKm, distanceKm(origin, { lat: 59.34, lng: 18.06 }));
    assert.deepEqual(nearestStores(origin, [at('b', 59.34, 18.06, 2), at('a', 59.34, 18.06, 3)], 1, 100).map((n) => n.storeId), ['a']);
    assert.deepEqual(nearestStores(origin, [at('far', 61.0, 18.06, 5)], 3, 200).map((n) => n.storeId), ['far']);
    assert.deepEqual(nearestStores(origin, [], 3, 100), []);
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
