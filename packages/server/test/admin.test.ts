import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AvailabilityList, CustomerToken, StockChange, routes } from '@omnikit/contract';
import { MAX_BODY_BYTES, SEED_FIXTURES as F } from '../src/index.js';
import { SK, assertError, parseWith, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer('admin');
});
after(() => s.close());

const adjust = (body: unknown, headers?: Record<string, string>) =>
  s.call('/v1/admin/stock/adjustments', { key: SK, body, headers });
const setStock = (storeId: string, sku: string, body: unknown, headers?: Record<string, string>) =>
  s.call(`/v1/admin/stock/${storeId}/${sku}`, { method: 'PUT', key: SK, body, headers });

async function availability(sku: string, storeId: string) {
  return parseWith(AvailabilityList, (await s.call(`/v1/availability?skus=${sku}&stores=${storeId}`)).json).items[0]!;
}
async function movements(sku: string, storeId: string) {
  return s.db.query<{ delta: number; reason: string; on_hand_after: number; note: string | null }>(
    'SELECT delta, reason, on_hand_after, note FROM stock_movements WHERE sku = $1 AND store_id = $2 ORDER BY id', [sku, storeId]);
}

describe('PUT /v1/admin/stock/:storeId/:sku', () => {
  test('sets on-hand, records the movement and an event', async () => {
    const sku = 'OK-10020';
    const store = 'dk-odense-vestergade';
    const before = await availability(sku, store);
    const r = await setStock(store, sku, { quantity: 7, reason: 'correction', note: 'stock take' });
    assert.equal(r.status, 200);
    const change = parseWith(StockChange, r.json);
    assert.equal(change.availability.onHand, 7);
    assert.equal(change.movement.delta, 7 - before.onHand);
    assert.equal(change.movement.reason, 'correction');
    assert.equal(change.movement.note, 'stock take');
    assert.equal((await availability(sku, store)).onHand, 7);
    const m = await movements(sku, store);
    assert.deepEqual(m.at(-1), { delta: 7 - before.onHand, reason: 'correction', on_hand_after: 7, note: 'stock take' });
    const ev = await s.db.query<{ topic: string; type: string; payload: any }>('SELECT topic, type, payload FROM events ORDER BY seq DESC LIMIT 1');
    assert.equal(ev[0]!.topic, `stock:${sku}@${store}`);
    assert.equal(ev[0]!.type, 'stock.changed');
    assert.equal(ev[0]!.payload.data.onHand, 7);
  });

  test('setting a pair that was not stocked starts carrying it; 0 makes it out of stock', async () => {
    const r = await setStock(F.notStocked.storeId, F.notStocked.sku, { quantity: 3 });
    assert.equal(parseWith(StockChange, r.json).availability.status, 'low_stock');
    assert.equal(parseWith(StockChange, (await setStock(F.notStocked.storeId, F.notStocked.sku, { quantity: 0 })).json).availability.status, 'out_of_stock');
  });

  test('errors: unknown sku/store, online-only at a store, bad quantities', async () => {
    assertError(await setStock('online', F.unknownSku, { quantity: 1 }), 404, 'unknown_sku');
    assertError(await setStock(F.unknownStoreId, 'OK-10001', { quantity: 1 }), 404, 'unknown_store');
    assertError(await setStock(F.defaultStoreId, F.onlineOnly.sku, { quantity: 1 }), 409, 'conflict');
    for (const body of [{ quantity: -1 }, { quantity: 1.5 }, { quantity: '5' }, { quantity: 1e20 }, { quantity: 1_000_001 }, {}, { quantity: 1, reason: 'theft?' }, { quantity: 1, note: 'x'.repeat(501) }, [], null]) {
      const e = assertError(await setStock(F.defaultStoreId, 'OK-10001', body), 400, 'validation_failed');
      assert.ok(e.details?.issues?.length, JSON.stringify(body));
    }
    assertError(await setStock('BAD!', 'OK-10001', { quantity: 1 }), 400, 'validation_failed');
  });

  test('cannot set below the reserved count', async () => {
    await s.db.query(`UPDATE stock SET reserved = 4, on_hand = 10 WHERE sku = 'OK-10030' AND store_id = 'online'`);
    assertError(await setStock('online', 'OK-10030', { quantity: 3 }), 409, 'insufficient_stock');
    assert.equal((await availability('OK-10030', 'online')).onHand, 10);
  });
});

describe('POST /v1/admin/stock/adjustments', () => {
  test('adds and takes, recording each movement with its reason', async () => {
    const sku = F.inStock.sku;
    const store = F.defaultStoreId;
    const start = (await availability(sku, store)).onHand;
    const sale = await adjust({ sku, storeId: store, delta: -3, reason: 'sale_in_store' });
    assert.equal(sale.status, 201);
    assert.equal(parseWith(StockChange, sale.json).availability.onHand, start - 3);
    const delivery = parseWith(StockChange, (await adjust({ sku, storeId: store, delta: 10, reason: 'delivery', note: 'PO 4711' })).json);
    assert.equal(delivery.availability.onHand, start + 7);
    const m = (await movements(sku, store)).slice(-2);
    assert.deepEqual(m.map((x) => [x.delta, x.reason, x.on_hand_after]), [[-3, 'sale_in_store', start - 3], [10, 'delivery', start + 7]]);
  });

  test('a sale bigger than what is available is 409 insufficient_stock and changes nothing', async () => {
    const { sku, storeId } = F.lowStock;
    const before = await availability(sku, storeId);
    const e = assertError(await adjust({ sku, storeId, delta: -(before.available + 1), reason: 'sale_in_store' }), 409, 'insufficient_stock');
    assert.ok(e.message.includes(String(before.available)));
    assert.deepEqual(await availability(sku, storeId), before);
    // Exactly what is available may be sold: it goes to zero, never below.
    const sold = parseWith(StockChange, (await adjust({ sku, storeId, delta: -before.available, reason: 'sale_in_store' })).json);
    assert.equal(sold.availability.available, 0);
    assert.equal(sold.availability.status, 'out_of_stock');
    assertError(await adjust({ sku, storeId, delta: -1, reason: 'sale_in_store' }), 409, 'insufficient_stock');
  });

  test('a sale where the store does not carry it is insufficient_stock; a delivery starts carrying it', async () => {
    const sku = 'OK-10004';
    const storeId = 'fi-helsinki-aleksanterinkatu';
    await s.db.query('DELETE FROM stock WHERE sku = $1 AND store_id = $2', [sku, storeId]);
    assertError(await adjust({ sku, storeId, delta: -1, reason: 'sale_in_store' }), 409, 'insufficient_stock');
    const d = parseWith(StockChange, (await adjust({ sku, storeId, delta: 12, reason: 'delivery' })).json);
    assert.equal(d.availability.onHand, 12);
  });

  test('on-hand never exceeds the maximum', async () => {
    await setStock('online', 'OK-10040', { quantity: 999_999 });
    assertError(await adjust({ sku: 'OK-10040', storeId: 'online', delta: 2, reason: 'delivery' }), 409, 'conflict');
  });

  test('bad inputs are 400 with the field named, unknowns 404', async () => {
    const ok = { sku: 'OK-10001', storeId: 'online', delta: 1, reason: 'delivery' };
    const cases: [unknown, string][] = [
      [{ ...ok, delta: 0 }, 'body.delta'], [{ ...ok, delta: 1.5 }, 'body.delta'], [{ ...ok, delta: '1' }, 'body.delta'],
      [{ ...ok, delta: 1e12 }, 'body.delta'], [{ ...ok, delta: -1e12 }, 'body.delta'], [{ ...ok, delta: null }, 'body.delta'],
      [{ ...ok, reason: 'because' }, 'body.reason'], [{ ...ok, sku: 42 }, 'body.sku'], [{ ...ok, storeId: '../etc' }, 'body.storeId'],
      [{ sku: 'OK-10001' }, 'body.storeId'], [{ ...ok, note: 'till 7\u0000' }, 'body.note'],
    ];
    for (const [body, path] of cases) {
      const e = assertError(await adjust(body), 400, 'validation_failed');
      assert.ok(e.details?.issues?.some((i) => i.path === path), `${JSON.stringify(body)} names ${path}: ${JSON.stringify(e.details)}`);
    }
    assertError(await adjust({ ...ok, sku: F.unknownSku }), 404, 'unknown_sku');
    assertError(await adjust({ ...ok, storeId: F.unknownStoreId }), 404, 'unknown_store');
  });

  test('malformed JSON 400 invalid_json; wrong content type 415; oversized body 413', async () => {
    assertError(await s.call('/v1/admin/stock/adjustments', { key: SK, raw: '{"sku": "OK-1' }), 400, 'invalid_json');
    assertError(await s.call('/v1/admin/stock/adjustments', { key: SK, raw: '' }), 400, 'invalid_json');
    assertError(await s.call('/v1/admin/stock/adjustments', { key: SK, raw: 'sku=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
    const big = JSON.stringify({ sku: 'OK-10001', storeId: 'online', delta: 1, reason: 'delivery', note: 'x'.repeat(MAX_BODY_BYTES) });
    assertError(await s.call('/v1/admin/stock/adjustments', { key: SK, raw: big }), 413, 'payload_too_large');
    // Chunked (no Content-Length) is cut off too.
    const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
    const res = await fetch(`${s.url}/v1/admin/stock/adjustments`, {
      method: 'POST', body: stream, duplex: 'half', headers: { Authorization: `Bearer ${SK}`, 'Content-Type': 'application/json' },
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal((await res.json()).error.code, 'payload_too_large');
  });
});

describe('Idempotency-Key', () => {
  test('same key and body: one effect, the stored response replayed', async () => {
    const body = { sku: 'OK-10050', storeId: 'online', delta: -1, reason: 'sale_online' };
    const start = (await availability('OK-10050', 'online')).onHand;
    const headers = { 'Idempotency-Key': 'order-1001-line-1' };
    const first = await adjust(body, headers);
    const second = await adjust(body, headers);
    assert.equal(first.status, 201);
    assert.equal(second.status, 201);
    assert.deepEqual(second.json, first.json);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal((await availability('OK-10050', 'online')).onHand, start - 1);
    assert.equal((await movements('OK-10050', 'online')).length, 1);
    // Key order in the body does not matter.
    const reordered = await adjust({ reason: 'sale_online', delta: -1, storeId: 'online', sku: 'OK-10050' }, headers);
    assert.equal(reordered.headers.get('idempotent-replayed'), 'true');
  });

  test('same key, different body: 422 idempotency_key_reused', async () => {
    const headers = { 'Idempotency-Key': 'order-1002' };
    assert.equal((await adjust({ sku: 'OK-10051', storeId: 'online', delta: -1, reason: 'sale_online' }, headers)).status, 201);
    assertError(await adjust({ sku: 'OK-10051', storeId: 'online', delta: -2, reason: 'sale_online' }, headers), 422, 'idempotency_key_reused');
  });

  test('keys are per route: the same key on set and adjust are separate', async () => {
    const headers = { 'Idempotency-Key': 'shared-key' };
    assert.equal((await setStock('online', 'OK-10052', { quantity: 50 }, headers)).status, 200);
    assert.equal((await adjust({ sku: 'OK-10052', storeId: 'online', delta: -5, reason: 'sale_online' }, headers)).status, 201);
    assert.equal((await availability('OK-10052', 'online')).onHand, 45);
  });

  test('a failed mutation does not burn the key', async () => {
    const headers = { 'Idempotency-Key': 'retry-after-failure' };
    await setStock('online', 'OK-10053', { quantity: 1 });
    assertError(await adjust({ sku: 'OK-10053', storeId: 'online', delta: -2, reason: 'sale_online' }, headers), 409, 'insufficient_stock');
    await setStock('online', 'OK-10053', { quantity: 5 });
    assert.equal((await adjust({ sku: 'OK-10053', storeId: 'online', delta: -2, reason: 'sale_online' }, headers)).status, 201);
  });

  test('concurrent requests with one key have one effect', async () => {
    await setStock('online', 'OK-10054', { quantity: 100 });
    const body = { sku: 'OK-10054', storeId: 'online', delta: -1, reason: 'sale_online' };
    const replies = await Promise.all(Array.from({ length: 10 }, () => adjust(body, { 'Idempotency-Key': 'burst' })));
    // Each is the one effect's answer, or 409 while that one still runs (never a second effect).
    const done = replies.filter((r) => r.status === 201);
    for (const r of replies) if (r.status !== 201) assertError(r, 409, 'idempotency_key_in_progress');
    assert.ok(done.length >= 1);
    assert.equal(new Set(done.map((r) => r.json.movement.id)).size, 1);
    const after = await adjust(body, { 'Idempotency-Key': 'burst' });
    assert.equal(after.status, 201);
    assert.equal(after.json.movement.id, done[0]!.json.movement.id);
    assert.equal((await availability('OK-10054', 'online')).onHand, 99);
  });

  test('a malformed key is 400', async () => {
    assertError(await adjust({ sku: 'OK-10001', storeId: 'online', delta: 1, reason: 'delivery' }, { 'Idempotency-Key': 'x'.repeat(256) }), 400, 'validation_failed');
  });
});

describe('POST /v1/admin/customer-tokens', () => {
  test('mints a token for a customer id; only its hash is stored', async () => {
    const r = await s.call('/v1/admin/customer-tokens', { key: SK, body: { customerId: 'cust-42', ttlSeconds: 3600 } });
    assert.equal(r.status, 201);
    const t = parseWith(CustomerToken, r.json);
    assert.ok(t.token.startsWith('ct_'));
    assert.equal(t.customerId, 'cust-42');
    const ttl = Date.parse(t.expiresAt) - Date.now();
    assert.ok(ttl > 3500_000 && ttl <= 3600_000, `expires in about an hour (${ttl})`);
    const rows = await s.db.query<{ token_hash: string }>('SELECT token_hash FROM customer_tokens WHERE customer_id = $1', ['cust-42']);
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.token_hash, t.token);
    assert.ok(!rows[0]!.token_hash.includes(t.token.slice(3)));
    // A valid token is accepted alongside the publishable key; a wrong one is 401.
    assert.equal((await s.call('/v1/categories', { headers: { 'Omnikit-Customer-Token': t.token } })).status, 200);
    assertError(await s.call('/v1/categories', { headers: { 'Omnikit-Customer-Token': 'ct_forged' } }), 401, 'unauthorized');
    assertError(await s.call('/v1/categories', { headers: { 'Omnikit-Customer-Token': 'nonsense' } }), 401, 'unauthorized');
  });

  test('an expired token is refused', async () => {
    const t = parseWith(CustomerToken, (await s.call('/v1/admin/customer-tokens', { key: SK, body: { customerId: 'cust-43' } })).json);
    await s.db.query(`UPDATE customer_tokens SET expires_at = now() - interval '1 second' WHERE customer_id = 'cust-43'`);
    assertError(await s.call('/v1/categories', { headers: { 'Omnikit-Customer-Token': t.token } }), 401, 'unauthorized');
  });

  test('bad bodies are 400', async () => {
    for (const body of [{}, { customerId: '' }, { customerId: 'x'.repeat(129) }, { customerId: 'a', ttlSeconds: 10 }, { customerId: 'a', ttlSeconds: 1e10 }]) {
      assertError(await s.call('/v1/admin/customer-tokens', { key: SK, body }), 400, 'validation_failed');
    }
  });
});

describe('POST /v1/demo/sign-in', () => {
  test('is off unless the server enables it', async () => {
    assertError(await s.call('/v1/demo/sign-in', { body: { email: 'a@example.com' } }), 404, 'not_found');
  });
});

describe('keys', () => {
  const cases = Object.entries(routes).filter(([, d]) => !('stream' in d));
  test('missing or wrong key: 401 unauthorized on every keyed route', async () => {
    for (const [name, def] of cases) {
      if (def.auth === 'public') continue;
      const path = def.path.replace(':storeId', 'online').replace(':sku', 'OK-10001');
      const init = { method: def.method, ...(def.method === 'GET' ? {} : { body: {} }) };
      assertError(await s.call(path, { ...init, key: null }), 401, 'unauthorized');
      assertError(await s.call(path, { ...init, key: 'pk_live_wrong' }), 401, 'unauthorized');
      assertError(await s.call(path, { ...init, key: null, headers: { Authorization: 'Basic abc' } }), 401, 'unauthorized');
      void name;
    }
  });

  test('publishable key on admin routes: 403 forbidden, and nothing changes', async () => {
    const before = await availability('OK-10001', 'online');
    for (const [, def] of cases) {
      if (def.auth !== 'secret') continue;
      const path = def.path.replace(':storeId', 'online').replace(':sku', 'OK-10001');
      const body = def.path.includes('adjust') ? { sku: 'OK-10001', storeId: 'online', delta: -1, reason: 'sale_online' } : def.path.includes('customer') ? { customerId: 'x' } : { quantity: 0 };
      assertError(await s.call(path, { method: def.method, ...(def.method === 'GET' ? {} : { body }) }), 403, 'forbidden');
    }
    assert.deepEqual(await availability('OK-10001', 'online'), before);
  });

  test('the secret key may read publishable routes', async () => {
    assert.equal((await s.call('/v1/categories', { key: SK })).status, 200);
  });
});
