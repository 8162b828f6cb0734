// ETag, 304 Not Modified and Cache-Control on the catalog reads (stores, products, categories).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { routes, type RouteDef } from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/index.js';
import { CATALOG_CACHE_CONTROL, PRIVATE_CACHE_CONTROL, matchesEtag } from '../src/http-cache.js';
import { PG_URL, SK, assertError, call, onPostgres, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
let twin: TestServer;
before(async () => {
  s = await startTestServer('httpcache');
  // A second instance: on PostgreSQL the same schema (two instances of one deployment), on PGlite
  // its own database with the same seed. Either way the same data, so the same ETags.
  twin = onPostgres
    ? { ...(await import('../src/index.js').then((m) => m.startServer({ port: 0, databaseUrl: PG_URL, databaseSchema: s.schema }))), call: (p, i) => call(twin.url, p, i) } as TestServer
    : await startTestServer('httpcache-twin');
});
after(async () => {
  await twin?.close();
  await s?.close();
});

const READS = [
  '/v1/stores',
  `/v1/stores?near=59.33,18.06&limit=3`,
  `/v1/stores/${F.defaultStoreId}`,
  `/v1/products?skus=${F.inStock.sku},${F.lowStock.sku}`,
  '/v1/products?category=tools&pageSize=5',
  `/v1/products/${F.inStock.sku}`,
  '/v1/categories',
];

describe('catalog reads: ETag and 304', () => {
  test('the reads tested here are exactly the routes the contract marks cacheable', () => {
    const cacheable = (Object.values(routes) as RouteDef[]).filter((d) => d.cacheable).map((d) => d.path).sort();
    assert.deepEqual(cacheable, ['/v1/categories', '/v1/products', '/v1/products/:sku', '/v1/stores', '/v1/stores/:storeId']);
    for (const path of cacheable) {
      const re = new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/?]+')}(\\?|$)`);
      assert.ok(READS.some((r) => re.test(r)), path);
    }
  });

  for (const path of READS) {
    test(`${path}: ETag, Cache-Control for a CDN, Vary: Authorization; 304 when it matches`, async () => {
      const r = await s.call(path);
      assert.equal(r.status, 200);
      const etag = r.headers.get('etag')!;
      assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/);
      assert.equal(r.headers.get('cache-control'), CATALOG_CACHE_CONTROL);
      assert.match(r.headers.get('cache-control')!, /^public, max-age=\d+, stale-while-revalidate=\d+$/);
      assert.ok(r.headers.get('vary')!.split(',').map((v) => v.trim().toLowerCase()).includes('authorization'));
      assert.match(r.headers.get('content-type')!, /^application\/json/);

      // The same again: the same ETag; with it in If-None-Match, 304 and no body.
      assert.equal((await s.call(path)).headers.get('etag'), etag);
      const n = await s.call(path, { headers: { 'If-None-Match': etag } });
      assert.equal(n.status, 304);
      assert.equal(n.text, '');
      assert.equal(n.headers.get('etag'), etag);
      assert.equal(n.headers.get('cache-control'), CATALOG_CACHE_CONTROL);
      assert.ok(n.headers.get('vary')!.toLowerCase().includes('authorization'));
      assert.equal((await s.call(path, { headers: { 'If-None-Match': `W/${etag}` } })).status, 304);
      assert.equal((await s.call(path, { headers: { 'If-None-Match': `"other", ${etag}` } })).status, 304);
      assert.equal((await s.call(path, { headers: { 'If-None-Match': '*' } })).status, 304);
      // Another tag: the full answer.
      const other = await s.call(path, { headers: { 'If-None-Match': '"not-this-one"' } });
      assert.equal(other.status, 200);
      assert.equal(other.text, r.text);

      // Every instance with the same data gives the same ETag (a CDN may ask any of them).
      assert.equal((await twin.call(path)).headers.get('etag'), etag);
    });
  }

  test('with the secret key: private, revalidated every time, still with an ETag', async () => {
    const r = await s.call('/v1/stores', { key: SK });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), PRIVATE_CACHE_CONTROL);
    const etag = r.headers.get('etag')!;
    assert.equal(etag, (await s.call('/v1/stores')).headers.get('etag'));
    assert.equal((await s.call('/v1/stores', { key: SK, headers: { 'If-None-Match': etag } })).status, 304);
  });

  test('a matching If-None-Match never stands in for a key, nor for a valid query', async () => {
    const etag = (await s.call('/v1/stores')).headers.get('etag')!;
    assertError(await s.call('/v1/stores', { key: null, headers: { 'If-None-Match': etag } }), 401, 'unauthorized');
    assertError(await s.call('/v1/stores', { key: 'pk_wrong', headers: { 'If-None-Match': '*' } }), 401, 'unauthorized');
    assertError(await s.call('/v1/stores?limit=0', { headers: { 'If-None-Match': '*' } }), 400, 'validation_failed');
    assertError(await s.call(`/v1/stores/${F.unknownStoreId}`, { headers: { 'If-None-Match': '*' } }), 404, 'unknown_store');
    const e = await s.call(`/v1/products/${F.unknownSku}`);
    assert.equal(e.headers.get('etag'), null);
  });

  test('the ETag changes when the data does', async () => {
    const path = `/v1/stores/${F.nearbyStoreId}`;
    const before = await s.call(path);
    const etag = before.headers.get('etag')!;
    const listEtag = (await s.call('/v1/stores')).headers.get('etag')!;
    await s.db.query(`UPDATE stores SET phone = '+46 8 000 00 00' WHERE id = $1`, [F.nearbyStoreId]);
    try {
      const after = await s.call(path, { headers: { 'If-None-Match': etag } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), etag);
      assert.equal(after.json.phone, '+46 8 000 00 00');
      // The list that holds the store changes its tag too.
      assert.notEqual((await s.call('/v1/stores')).headers.get('etag'), listEtag);
    } finally {
      await s.db.query('UPDATE stores SET phone = $2 WHERE id = $1', [F.nearbyStoreId, before.json.phone]);
    }
    assert.equal((await s.call(path)).headers.get('etag'), etag);
    assert.equal((await s.call('/v1/stores')).headers.get('etag'), listEtag);
  });
});

describe('availability', () => {
  test('live: no-store, no ETag', async () => {
    const r = await s.call(`/v1/availability?skus=${F.inStock.sku}&stores=${F.defaultStoreId}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    assert.equal(r.headers.get('etag'), null);
  });
});

describe('matchesEtag', () => {
  test('weak comparison over a list, and *', () => {
    assert.equal(matchesEtag(undefined, '"a"'), false);
    assert.equal(matchesEtag('', '"a"'), false);
    assert.equal(matchesEtag('"a"', '"a"'), true);
    assert.equal(matchesEtag('W/"a"', '"a"'), true);
    assert.equal(matchesEtag(' "b" ,  W/"a" ', '"a"'), true);
    assert.equal(matchesEtag('"b"', '"a"'), false);
    assert.equal(matchesEtag('"a', '"a"'), false);
    assert.equal(matchesEtag('*', '"a"'), true);
  });
});
