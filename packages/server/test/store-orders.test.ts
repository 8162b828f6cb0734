// The pickup queue's feed: every order transition at a store is an `order.changed` on
// `store:{id}:orders` (checkout, staff steps, arrival, a correction, a move away, expiry), served
// only to a staff session of that store or the secret key. And needs-attention orders expire
// after the collection window like uncollected ones. Against the real server (PGlite).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CartAccess, DEFAULT_COLLECT_WITHIN_HOURS, Order, StaffSession, storeOrdersTopic, type Fulfillment } from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/index.js';
import { expireOrders } from '../src/orders.js';
import type { AppState } from '../src/state.js';
import { PK, SK, SseClient, assertError, parseWith, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
let skus: string[] = [];
let next = 0;
const freshSku = () => skus[next++]!;
const S1 = F.defaultStoreId;
const S2 = F.nearbyStoreId;
const SOLNA = 'se-solna-mall-of-scandinavia'; // curbside

before(async () => {
  s = await startTestServer('store-orders');
  skus = (await s.db.query<{ sku: string }>(
    `SELECT sku FROM products WHERE active AND NOT online_only AND sku > 'OK-10120' ORDER BY sku LIMIT 20`,
  )).map((r) => r.sku);
});
after(() => s.close());

interface Handle { id: string; secret: string; order: Order }
const shopper = (h: Pick<Handle, 'secret'>) => ({ 'Omnikit-Cart-Secret': h.secret });

async function setOnHand(sku: string, storeId: string, quantity: number): Promise<void> {
  const r = await s.call(`/v1/admin/stock/${storeId}/${sku}`, { method: 'PUT', key: SK, body: { quantity } });
  assert.equal(r.status, 200, r.text);
}

async function place(lines: [string, number, Fulfillment][]): Promise<Handle> {
  const c = await s.call('/v1/carts', { body: {} });
  const access = parseWith(CartAccess, c.json);
  const h = { id: access.cart.id, secret: access.secret! };
  for (const [sku, quantity, fulfillment] of lines) {
    const r = await s.call(`/v1/carts/${h.id}/lines`, { body: { sku, quantity, fulfillment }, headers: shopper(h) });
    assert.equal(r.status, 200, r.text);
  }
  const r = await s.call(`/v1/carts/${h.id}/checkout`, { body: { payment: { method: 'in_store' }, contact: { email: 'a@example.com' } }, headers: shopper(h) });
  assert.equal(r.status, 201, r.text);
  return { ...h, order: parseWith(Order, r.json) };
}

async function staffToken(storeId: string): Promise<string> {
  const r = await s.call('/v1/admin/staff-sessions', { key: SK, body: { storeId } });
  assert.equal(r.status, 201, r.text);
  return parseWith(StaffSession, r.json).token;
}

const open = (topics: string[], key: string) =>
  SseClient.open(`${s.url}/v1/events?topics=${topics.map(encodeURIComponent).join(',')}`, { headers: { Authorization: `Bearer ${key}` } });
const seen = (sse: SseClient, topic: string, orderId: string) =>
  sse.events.filter((e) => e.event === 'order.changed' && e.data.topic === topic && e.data.data.orderId === orderId).map((e) => e.data.data.status as string);
const step = async (orderId: string, status: string, key: string) => {
  const r = await s.call(`/v1/admin/orders/${orderId}/status`, { key, body: { status } });
  assert.equal(r.status, 200, r.text);
};

describe('store orders topic', () => {
  test('a staff session of the store, or the secret key, follows it; the publishable key, another store\'s session, a token in the URL are refused', async () => {
    const token = await staffToken(S1);
    const other = await staffToken(S2);
    const topic = storeOrdersTopic(S1);
    for (const key of [token, SK]) {
      const sse = await open([topic], key);
      assert.equal(sse.status, 200, (sse as { errorBody?: string }).errorBody);
      sse.close();
    }
    const pk = await open([topic], PK);
    assert.equal(pk.status, 403);
    assert.equal(JSON.parse((pk as unknown as { errorBody: string }).errorBody).error.code, 'forbidden');
    assert.equal((await open([topic], other)).status, 403);
    // A staff token is a header only (URLs end up in logs): in `?key=` it is not a key.
    const inUrl = await SseClient.open(`${s.url}/v1/events?topics=${encodeURIComponent(topic)}&key=${token}`);
    assert.equal(inUrl.status, 401);
    // The staff session reads the other topics like a publishable key.
    const mixed = await open([topic, `stock:${freshSku()}@${S1}`], token);
    assert.equal(mixed.status, 200);
    mixed.close();
    assertError(await s.call(`/v1/events?topics=${encodeURIComponent('store:nowhere!:orders')}`, { key: SK }), 400, 'validation_failed');
  });

  test('every transition is on the store topic: checkout, steps, arrival, correction; a move away reaches the old and new store', async () => {
    const sku = freshSku();
    await setOnHand(sku, SOLNA, 2);
    await setOnHand(sku, S1, 5);
    const token = await staffToken(SOLNA);
    const here = storeOrdersTopic(SOLNA);
    const sse = await open([here], token);
    const there = await open([storeOrdersTopic(S1)], SK);
    try {
      const h = await place([[sku, 1, { type: 'pickup', storeId: SOLNA, method: 'curbside' }]]);
      await sse.until(() => seen(sse, here, h.order.id).includes('confirmed'), 5000, 'checkout on the store topic');
      await step(h.order.id, 'picking', token);
      const arrived = await s.call(`/v1/orders/${h.order.id}/arrive`, { body: { bay: '3' }, headers: shopper(h) });
      assert.equal(arrived.status, 200, arrived.text);
      await step(h.order.id, 'ready', token);
      await sse.until(() => seen(sse, here, h.order.id).filter((x) => x === 'picking').length === 2, 5000, 'picking, then the arrival (still picking)');
      const r = await s.call('/v1/admin/stock/corrections', { key: token, body: { sku, storeId: SOLNA, onHand: 0 } });
      assert.equal(r.status, 200, r.text);
      await sse.until(() => seen(sse, here, h.order.id).includes('needs_attention'), 5000, 'the correction');
      const moved = await s.call(`/v1/orders/${h.order.id}/resolve`, { body: { choice: 'move', storeId: S1 }, headers: shopper(h) });
      assert.equal(moved.status, 200, moved.text);
      // The store it left hears it leave; the store it went to hears it come.
      await sse.until(() => seen(sse, here, h.order.id).at(-1) === 'confirmed' && seen(sse, here, h.order.id).length >= 5, 5000, 'the move away');
      await there.until(() => seen(there, storeOrdersTopic(S1), h.order.id).includes('confirmed'), 5000, 'the move in');
      assert.deepEqual(seen(sse, here, h.order.id), ['confirmed', 'picking', 'picking', 'ready', 'needs_attention', 'confirmed']);
    } finally {
      sse.close();
      there.close();
    }
  });
});

describe('needs-attention expiry', () => {
  test('a needs-attention order not resolved within the collection window expires: reservation released, an event on both topics', async () => {
    const sku = freshSku();
    const other = freshSku();
    await setOnHand(sku, S2, 1);
    await setOnHand(other, S2, 3);
    const h = await place([[sku, 1, { type: 'pickup', storeId: S2 }], [other, 2, { type: 'pickup', storeId: S2 }]]);
    const before = Date.now();
    const r = await s.call('/v1/admin/stock/corrections', { key: SK, body: { sku, storeId: S2, onHand: 0 } });
    assert.equal(r.status, 200, r.text);
    const read = async () => parseWith(Order, (await s.call(`/v1/orders/${h.order.id}`, { headers: shopper(h) })).json);
    const o = await read();
    assert.equal(o.status, 'needs_attention');
    // The deadline is the collection window from the correction, and a second correction keeps it.
    const due = Date.parse(o.collectBy!);
    assert.ok(due - before >= DEFAULT_COLLECT_WITHIN_HOURS * 3600_000 - 1000 && due - Date.now() <= DEFAULT_COLLECT_WITHIN_HOURS * 3600_000 + 1000);
    await s.call('/v1/admin/stock/corrections', { key: SK, body: { sku: other, storeId: S2, onHand: 1 } });
    assert.equal((await read()).collectBy, o.collectBy);
    const [held] = await s.db.query<{ reserved: number }>('SELECT reserved FROM stock WHERE sku = $1 AND store_id = $2', [other, S2]);
    assert.equal(held!.reserved, 1);

    const st = { db: s.db, bus: s.bus, paymentWindowMinutes: 30, collectWithinHours: DEFAULT_COLLECT_WITHIN_HOURS } as AppState;
    const sse = await open([`order:${h.order.id}`, storeOrdersTopic(S2)], SK);
    try {
      await expireOrders(st, new Date(due - 60_000));
      assert.equal((await read()).status, 'needs_attention', 'not yet');
      assert.ok((await expireOrders(st, new Date(due + 1000))) >= 1);
      const expired = await read();
      assert.equal(expired.status, 'expired');
      assert.equal(expired.attention, undefined);
      const [after] = await s.db.query<{ reserved: number }>('SELECT reserved FROM stock WHERE sku = $1 AND store_id = $2', [other, S2]);
      assert.equal(after!.reserved, 0, 'the rest of the reservation is released');
      await sse.until(() => seen(sse, `order:${h.order.id}`, h.order.id).includes('expired') && seen(sse, storeOrdersTopic(S2), h.order.id).includes('expired'), 5000, 'expired on both topics');
    } finally {
      sse.close();
    }
  });
});
