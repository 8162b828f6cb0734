import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AdjustStockBody,
  AvailabilityQuery,
  ErrorEnvelope,
  ERROR_CODES,
  ListProductsQuery,
  MAX_AVAILABILITY_PAIRS,
  MAX_AVAILABILITY_SKUS,
  MAX_AVAILABILITY_STORES,
  OmnikitEvent,
  Product,
  buildPath,
  parseStockTopic,
  routes,
  stockTopic,
  topicAudience,
} from '../src/index.js';
import { buildOpenApi } from '../src/openapi.js';

describe('query schemas', () => {
  it('parses comma-separated lists, trimming and removing duplicates', () => {
    const q = AvailabilityQuery.parse({ skus: 'OK-1, OK-2,OK-1', stores: 'online' });
    assert.deepEqual(q, { skus: ['OK-1', 'OK-2'], stores: ['online'] });
  });

  it('rejects lists longer than the documented maximum', () => {
    const skus = Array.from({ length: MAX_AVAILABILITY_SKUS + 1 }, (_, i) => `S-${i}`).join(',');
    assert.equal(AvailabilityQuery.safeParse({ skus, stores: 'online' }).success, false);
  });

  it(`accepts ${MAX_AVAILABILITY_SKUS} SKUs at two locations, and bounds the grid at ${MAX_AVAILABILITY_PAIRS} pairs`, () => {
    const list = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}-${i}`).join(',');
    assert.equal(AvailabilityQuery.safeParse({ skus: list(MAX_AVAILABILITY_SKUS, 'S'), stores: 'online,se-a' }).success, true);
    assert.equal(AvailabilityQuery.safeParse({ skus: list(40, 'S'), stores: list(MAX_AVAILABILITY_STORES, 's') }).success, true);
    const wide = AvailabilityQuery.safeParse({ skus: list(41, 'S'), stores: list(MAX_AVAILABILITY_STORES, 's') });
    assert.equal(wide.success, false);
    assert.deepEqual(wide.error!.issues.map((i) => i.path), [['skus']]);
  });

  it('rejects malformed SKUs and store ids', () => {
    assert.equal(AvailabilityQuery.safeParse({ skus: 'ok;drop table', stores: 'online' }).success, false);
    assert.equal(AvailabilityQuery.safeParse({ skus: 'OK-1', stores: 'Not Valid' }).success, false);
    assert.equal(AvailabilityQuery.safeParse({ skus: ',,', stores: 'online' }).success, false);
  });

  it('coerces paging numbers and keeps them in range', () => {
    assert.deepEqual(ListProductsQuery.parse({ page: '2', pageSize: '24' }), { page: 2, pageSize: 24 });
    assert.equal(ListProductsQuery.safeParse({ pageSize: '1000' }).success, false);
    assert.equal(ListProductsQuery.safeParse({ page: '1.5' }).success, false);
    assert.equal(ListProductsQuery.safeParse({ page: 'abc' }).success, false);
  });
});

describe('mutation schemas', () => {
  it('accepts a sale and rejects zero, fractional and huge deltas', () => {
    const sale = { sku: 'OK-10001', storeId: 'se-stockholm', delta: -1, reason: 'sale_in_store' };
    assert.equal(AdjustStockBody.safeParse(sale).success, true);
    for (const delta of [0, 1.5, 1e12, '3']) {
      assert.equal(AdjustStockBody.safeParse({ ...sale, delta }).success, false, `delta ${delta}`);
    }
    assert.equal(AdjustStockBody.safeParse({ ...sale, reason: 'theft?' }).success, false);
  });
});

describe('resources', () => {
  it('strips unknown fields so servers may add fields without breaking clients', () => {
    const product = Product.parse({
      sku: 'OK-1', name: 'Mug', description: '', brand: 'Fjäll', category: 'kitchen', imageUrl: '/i.svg',
      prices: { SEK: { amount: 19900 } }, onlineOnly: false, active: true, futureField: 1,
    });
    assert.equal('futureField' in product, false);
  });

  it('reads every event kind by its type', () => {
    const at = '2026-11-23T10:00:00.000Z';
    assert.equal(OmnikitEvent.parse({ type: 'stream.reset', reason: 'expired', at }).type, 'stream.reset');
    assert.equal(OmnikitEvent.safeParse({ type: 'stock.exploded', at }).success, false);
  });

  it('describes errors in one envelope', () => {
    const e = { error: { code: 'unknown_sku', message: 'No such SKU', requestId: 'r1' } };
    assert.deepEqual(ErrorEnvelope.parse(e), e);
    assert.equal(ErrorEnvelope.safeParse({ message: 'x' }).success, false);
  });
});

describe('topics and paths', () => {
  it('round-trips stock topics and refuses other strings', () => {
    assert.deepEqual(parseStockTopic(stockTopic('OK-1', 'online')), { sku: 'OK-1', storeId: 'online' });
    assert.equal(parseStockTopic('cart:abc'), undefined);
    assert.equal(parseStockTopic('stock:bad sku@online'), undefined);
    assert.equal(parseStockTopic('stock:OK-1@Bad Store'), undefined);
    assert.equal(parseStockTopic('stock:OK-1@'), undefined);
    assert.equal(parseStockTopic('stock:'), undefined);
  });

  it('has an all-locations topic per SKU, reached by every location of it', () => {
    assert.equal(stockTopic('OK-1'), 'stock:OK-1');
    assert.deepEqual(parseStockTopic(stockTopic('OK-1')), { sku: 'OK-1' });
    assert.deepEqual(topicAudience(stockTopic('OK-1', 'se-1')), ['stock:OK-1@se-1', 'stock:OK-1']);
    assert.deepEqual(topicAudience('stock:OK-1'), ['stock:OK-1']);
    assert.deepEqual(topicAudience('cart:a@b'), ['cart:a@b']);
  });

  it('fills path parameters, encoding them', () => {
    assert.equal(buildPath(routes.setStock.path, { storeId: 'se-1', sku: 'A/B' }), '/v1/admin/stock/se-1/A%2FB');
    assert.throws(() => buildPath(routes.getStore.path, {}), /storeId/);
  });
});

describe('OpenAPI document', () => {
  const doc = buildOpenApi() as { openapi: string; paths: Record<string, Record<string, any>> };

  it('is OpenAPI 3.1 with one operation per route', () => {
    assert.equal(doc.openapi, '3.1.0');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    assert.deepEqual(ops.sort(), Object.keys(routes).sort());
  });

  it('writes path parameters in OpenAPI form and documents error codes', () => {
    const op = doc.paths['/v1/admin/stock/{storeId}/{sku}']?.put;
    assert.ok(op, 'setStock path');
    assert.deepEqual(op.parameters.filter((p: any) => p.in === 'path').map((p: any) => p.name), ['storeId', 'sku']);
    assert.ok(op.parameters.some((p: any) => p.name === 'Idempotency-Key'));
    assert.match(op.responses['404'].description, /unknown_sku/);
    assert.deepEqual(op.security, [{ secretKey: [] }]);
  });

  it('writes each named answer once, as a component every route refers to', () => {
    const components = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    assert.deepEqual(doc.paths['/v1/carts/{cartId}']?.get?.responses['200'].content['application/json'].schema, { $ref: '#/components/schemas/Cart' });
    assert.ok(components.Cart && components.CartLine && components.Order, 'Cart, CartLine and Order are components');
    const text = JSON.stringify(doc);
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.length > 50);
    assert.deepEqual(refs.filter((r) => !(r in components)), [], 'every $ref names a component');
    // A line is described once for carts and once for orders, not once per route (`lineTotal`
    // is theirs alone; `groupId` is also an order pickup's and an arrival's).
    assert.equal(text.split('"lineTotal":{').length - 1, 2, 'CartLine and OrderLine');
  });

  it('maps every error code to an HTTP error status', () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      assert.ok(status >= 400 && status < 600, code);
    }
  });
});
