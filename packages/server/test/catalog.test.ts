import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  COUNTRIES, CURRENCIES, CategoryList, Product, ProductPage, Store, StoreList, routes,
} from '@omnikit/contract';
import { SEED_FIXTURES } from '../src/index.js';
import { assertError, parseWith, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer('catalog');
});
after(() => s.close());

describe('GET /v1/health', () => {
  test('answers without a key, with the database kind', async () => {
    const r = await s.call('/v1/health', { key: null });
    assert.equal(r.status, 200);
    const body = parseWith(routes.health.response, r.json);
    assert.equal(body.ok, true);
    assert.equal(body.database, s.db.kind);
  });
});

describe('GET /v1/stores', () => {
  test('lists the physical stores of four countries, without the warehouse by default', async () => {
    const r = await s.call('/v1/stores');
    assert.equal(r.status, 200);
    const { items } = parseWith(StoreList, r.json);
    assert.equal(items.length, SEED_FIXTURES.storeCount);
    assert.ok(items.length >= 12);
    assert.deepEqual([...new Set(items.map((i) => i.address.country))].sort(), [...COUNTRIES].sort());
    assert.ok(items.every((i) => i.type === 'store' && i.distanceKm === undefined));
    assert.ok(items.every((i) => i.openingHours.length > 0 && i.openingExceptions.length > 0 && i.services.length > 0));
  });

  test('includeWarehouse adds the online warehouse', async () => {
    const { items } = parseWith(StoreList, (await s.call('/v1/stores?includeWarehouse=true')).json);
    const online = items.find((i) => i.id === 'online');
    assert.equal(online?.type, 'warehouse');
  });

  test('near sorts by distance and includes distanceKm', async () => {
    // Sergels torg, Stockholm
    const { items } = parseWith(StoreList, (await s.call('/v1/stores?near=59.3326,18.0649&limit=3')).json);
    assert.equal(items.length, 3);
    assert.equal(items[0]!.id, SEED_FIXTURES.defaultStoreId);
    assert.ok(items[0]!.distanceKm! < 1);
    assert.ok(items[0]!.distanceKm! <= items[1]!.distanceKm! && items[1]!.distanceKm! <= items[2]!.distanceKm!);
    assert.ok(items.every((i) => i.address.city === 'Stockholm' || i.address.city === 'Solna'));
  });

  test('filters by country, service and text', async () => {
    const no = parseWith(StoreList, (await s.call('/v1/stores?country=NO')).json).items;
    assert.ok(no.length >= 3 && no.every((i) => i.address.country === 'NO'));
    const curbside = parseWith(StoreList, (await s.call('/v1/stores?service=curbside')).json).items;
    assert.ok(curbside.length > 0 && curbside.every((i) => i.services.includes('curbside')));
    const bergen = parseWith(StoreList, (await s.call('/v1/stores?q=bergen')).json).items;
    assert.deepEqual(bergen.map((i) => i.id), ['no-bergen-torgallmenningen']);
    const none = parseWith(StoreList, (await s.call(`/v1/stores?q=${encodeURIComponent('%')}`)).json).items;
    assert.equal(none.length, 0, '% is matched literally, not as a wildcard');
  });

  test('bad queries are 400 validation_failed with the field named', async () => {
    for (const q of ['q=a%00b', 'near=abc', 'near=91.5,10', 'country=DE', 'service=teleport', 'limit=0', 'limit=1e9', 'limit=abc', `q=${'x'.repeat(101)}`]) {
      const e = assertError(await s.call(`/v1/stores?${q}`), 400, 'validation_failed');
      assert.ok(e.details?.issues?.some((i) => i.path.startsWith('query.')), q);
    }
  });
});

describe('GET /v1/stores/:storeId', () => {
  test('one store with address, coordinates, time zone, hours with holiday exceptions', async () => {
    const r = await s.call(`/v1/stores/${SEED_FIXTURES.defaultStoreId}`);
    const store = parseWith(Store, r.json);
    assert.equal(store.timeZone, 'Europe/Stockholm');
    assert.ok(store.openingExceptions.some((e) => e.date === '2026-12-24' && e.closed));
    assert.ok(Math.abs(store.coordinates.lat - 59.33) < 0.1);
  });
  test('the warehouse is reachable by id', async () => {
    assert.equal(parseWith(Store, (await s.call('/v1/stores/online')).json).type, 'warehouse');
  });
  test('unknown store 404 unknown_store, malformed id 400', async () => {
    assertError(await s.call(`/v1/stores/${SEED_FIXTURES.unknownStoreId}`), 404, 'unknown_store');
    assertError(await s.call('/v1/stores/NOT_VALID!'), 400, 'validation_failed');
  });
});

describe('GET /v1/products', () => {
  test('by skus: found products in the order asked, unknown ones left out', async () => {
    const r = await s.call(`/v1/products?skus=OK-10003,OK-10001,${SEED_FIXTURES.unknownSku},OK-10003`);
    const page = parseWith(ProductPage, r.json);
    assert.deepEqual(page.items.map((p) => p.sku), ['OK-10003', 'OK-10001']);
    assert.equal(page.total, 2);
  });

  test('search is paged, active only, with prices in four currencies', async () => {
    const p1 = parseWith(ProductPage, (await s.call('/v1/products?pageSize=50')).json);
    assert.equal(p1.items.length, 50);
    assert.ok(p1.total >= 290);
    const p2 = parseWith(ProductPage, (await s.call('/v1/products?pageSize=50&page=2')).json);
    assert.notEqual(p2.items[0]!.sku, p1.items[0]!.sku);
    for (const p of [...p1.items, ...p2.items]) {
      assert.equal(p.active, true);
      assert.deepEqual(Object.keys(p.prices).sort(), [...CURRENCIES].sort());
    }
    const last = parseWith(ProductPage, (await s.call('/v1/products?page=10000')).json);
    assert.equal(last.items.length, 0);
  });

  test('q and category filter', async () => {
    const lamps = parseWith(ProductPage, (await s.call('/v1/products?q=lamp&pageSize=100')).json);
    assert.ok(lamps.total > 0 && lamps.items.every((p) => /lamp/i.test(p.name + p.description)));
    const tools = parseWith(ProductPage, (await s.call('/v1/products?category=tools&pageSize=100')).json);
    assert.ok(tools.total > 10 && tools.items.every((p) => p.category === 'tools'));
    const none = parseWith(ProductPage, (await s.call('/v1/products?category=nope')).json);
    assert.equal(none.total, 0);
  });

  test('bad queries are 400', async () => {
    for (const q of ['q=%00', 'pageSize=101', 'page=0', 'page=-1', 'skus=', `skus=${Array.from({ length: 101 }, (_, i) => `A${i}`).join(',')}`, 'skus=bad%20sku', `q=${'x'.repeat(101)}`]) {
      assertError(await s.call(`/v1/products?${q}`), 400, 'validation_failed');
    }
  });
});

describe('GET /v1/products/:sku', () => {
  test('one product, with a server-relative image that is served', async () => {
    const p = parseWith(Product, (await s.call(`/v1/products/${SEED_FIXTURES.inStock.sku}`)).json);
    assert.equal(p.imageUrl, `/images/products/${p.sku}.svg`);
    const img = await fetch(s.url + p.imageUrl);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/svg+xml');
    const svg = await img.text();
    assert.ok(svg.startsWith('<svg') && svg.includes(p.sku) && !/<script/i.test(svg));
  });
  test('inactive and online-only fixtures', async () => {
    assert.equal(parseWith(Product, (await s.call(`/v1/products/${SEED_FIXTURES.inactive.sku}`)).json).active, false);
    assert.equal(parseWith(Product, (await s.call(`/v1/products/${SEED_FIXTURES.onlineOnly.sku}`)).json).onlineOnly, true);
  });
  test('unknown sku 404 unknown_sku; malformed 400; unknown image 404', async () => {
    assertError(await s.call(`/v1/products/${SEED_FIXTURES.unknownSku}`), 404, 'unknown_sku');
    assertError(await s.call('/v1/products/%20bad'), 400, 'validation_failed');
    assertError(await s.call(`/images/products/${SEED_FIXTURES.unknownSku}.svg`, { key: null }), 404, 'not_found');
    assertError(await s.call('/images/products/OK-10001.png', { key: null }), 404, 'not_found');
  });
});

describe('GET /v1/categories', () => {
  test('categories with counts that add up to the active catalog', async () => {
    const { items } = parseWith(CategoryList, (await s.call('/v1/categories')).json);
    assert.ok(items.length >= 5);
    const total = parseWith(ProductPage, (await s.call('/v1/products?pageSize=1')).json).total;
    assert.equal(items.reduce((n, c) => n + c.productCount, 0), total);
  });
});

describe('GET /v1/openapi.json', () => {
  test('serves the contract document with every route', async () => {
    const r = await s.call('/v1/openapi.json', { key: null });
    assert.equal(r.status, 200);
    assert.equal(r.json.openapi, '3.1.0');
    for (const def of Object.values(routes)) {
      const path = def.path.replace(/:([A-Za-z]+)/g, '{$1}');
      assert.ok(r.json.paths[path]?.[def.method.toLowerCase()], `${def.method} ${path}`);
    }
  });
});
