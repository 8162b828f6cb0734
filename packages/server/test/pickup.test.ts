// Click and collect after checkout: staff steps, curbside arrival, lockers, expiry of uncollected
// orders, stock drift with the shopper's choice, returns in any store, staff sessions, the local
// inventory feed. Against the real server (PGlite; PostgreSQL too, where the races run).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CartAccess, DEFAULT_COLLECT_WITHIN_HOURS, LOCAL_INVENTORY_COLUMNS, Order, OrderPage, StaffSession, StockCorrection,
  orderTopic, stockTopic, type Fulfillment,
} from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/index.js';
import { expireOrders } from '../src/orders.js';
import type { AppState } from '../src/state.js';
import { PK, SK, SseClient, assertError, onPostgres, parseWith, startTestServer, type Reply, type TestServer } from './helpers.js';

let s: TestServer;
let skus: string[] = [];
let next = 0;
/** A SKU no other test uses. */
const freshSku = () => skus[next++]!;
/** A SKU from the end of the list, for tests added later (the SKUs of the tests above stay as they were). */
const lateSku = (k: number) => skus[skus.length - 1 - k]!;
const S1 = F.defaultStoreId; // click and collect, returns, locker
const S2 = F.nearbyStoreId; // click and collect, returns
const SOLNA = 'se-solna-mall-of-scandinavia'; // curbside and locker
const ODENSE = 'dk-odense-vestergade'; // no returns
const contact = { email: 'shopper@example.com' };

before(async () => {
  s = await startTestServer('pickup');
  skus = (await s.db.query<{ sku: string }>(
    `SELECT sku FROM products WHERE active AND NOT online_only AND sku > 'OK-10060' ORDER BY sku LIMIT 60`,
  )).map((r) => r.sku);
});
after(() => s.close());

interface Handle { id: string; secret: string; order: Order }
const shopper = (h: Handle) => ({ 'Omnikit-Cart-Secret': h.secret });

/** Sets on-hand at a location (a stock take). */
async function setOnHand(sku: string, storeId: string, quantity: number): Promise<void> {
  const r = await s.call(`/v1/admin/stock/${storeId}/${sku}`, { method: 'PUT', key: SK, body: { quantity } });
  assert.equal(r.status, 200, r.text);
}

async function stockOf(sku: string, storeId: string): Promise<{ onHand: number; reserved: number }> {
  const [row] = await s.db.query<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock WHERE sku = $1 AND store_id = $2', [sku, storeId]);
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0 };
}

/** A checked-out order of the given lines; paid online (and marked paid) unless `method` says otherwise. */
async function place(lines: [string, number, Fulfillment][], method: 'online' | 'in_store' = 'in_store', headers: Record<string, string> = {}): Promise<Handle> {
  const c = await s.call('/v1/carts', { body: {}, headers });
  const access = parseWith(CartAccess, c.json);
  const h = { id: access.cart.id, secret: access.secret! };
  for (const [sku, quantity, fulfillment] of lines) {
    const r = await s.call(`/v1/carts/${h.id}/lines`, { body: { sku, quantity, fulfillment }, headers: { ...shopper({ ...h, order: null! }), ...headers } });
    assert.equal(r.status, 200, r.text);
  }
  const r = await s.call(`/v1/carts/${h.id}/checkout`, { body: { payment: { method }, contact }, headers: { ...shopper({ ...h, order: null! }), ...headers } });
  assert.equal(r.status, 201, r.text);
  let order = parseWith(Order, r.json);
  if (method === 'online') {
    const paid = await s.call(`/v1/admin/orders/${order.id}/payment`, { key: SK, body: { status: 'paid' } });
    assert.equal(paid.status, 200, paid.text);
    order = parseWith(Order, paid.json);
  }
  return { ...h, order };
}

const step = (orderId: string, status: string, key: string = SK) => s.call(`/v1/admin/orders/${orderId}/status`, { key, body: { status } });
async function stepOk(orderId: string, status: string, key: string = SK): Promise<Order> {
  const r = await step(orderId, status, key);
  assert.equal(r.status, 200, r.text);
  return parseWith(Order, r.json);
}
const readAs = async (h: Handle) => {
  const r = await s.call(`/v1/orders/${h.order.id}`, { headers: shopper(h) });
  assert.equal(r.status, 200, r.text);
  return parseWith(Order, r.json);
};
const stream = (topics: string[]) =>
  SseClient.open(`${s.url}/v1/events?topics=${topics.map(encodeURIComponent).join(',')}`, { headers: { Authorization: `Bearer ${PK}` } });
const statusesOn = (sse: SseClient, orderId: string) =>
  sse.events.filter((e) => e.event === 'order.changed' && e.data.data.orderId === orderId).map((e) => e.data.data.status as string);
const conflictOrder = (r: Reply) => {
  assertError(r, 409, 'order_status_conflict');
  return parseWith(Order, r.json.error.details.order);
};
const state = (): AppState => ({ db: s.db, bus: s.bus, paymentWindowMinutes: 30, collectWithinHours: DEFAULT_COLLECT_WITHIN_HOURS } as AppState);

describe('pickup lifecycle', () => {
  test('confirmed -> picking -> ready -> collected, an event per step; collected takes the units off the shelf', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 10);
    const h = await place([[sku, 2, { type: 'pickup', storeId: S1 }]]);
    assert.equal(h.order.status, 'confirmed');
    const sse = await stream([orderTopic(h.order.id), stockTopic(sku, S1)]);
    try {
      const picking = await stepOk(h.order.id, 'picking');
      assert.equal(picking.status, 'picking');
      const ready = await stepOk(h.order.id, 'ready');
      assert.equal(ready.status, 'ready');
      assert.ok(ready.readyAt && ready.collectBy);
      assert.equal(Date.parse(ready.collectBy!) - Date.parse(ready.readyAt!), DEFAULT_COLLECT_WITHIN_HOURS * 3600_000);
      assert.deepEqual(ready.pickups, [{ groupId: ready.groups[0]!.id, storeId: S1, method: 'in_store' }]);
      assert.deepEqual(await stockOf(sku, S1), { onHand: 10, reserved: 2 });
      const collected = await stepOk(h.order.id, 'collected');
      assert.equal(collected.status, 'collected');
      assert.deepEqual(await stockOf(sku, S1), { onHand: 8, reserved: 0 });
      const [movement] = await s.db.query<{ delta: number; reason: string }>(
        'SELECT delta, reason FROM stock_movements WHERE sku = $1 AND store_id = $2 ORDER BY id DESC LIMIT 1', [sku, S1],
      );
      assert.deepEqual({ ...movement }, { delta: -2, reason: 'sale_online' });
      await sse.until(() => statusesOn(sse, h.order.id).includes('collected'), 5000, 'the collected event');
      // The checkout's own `confirmed` may arrive first (a stream replays what it just missed).
      assert.deepEqual(statusesOn(sse, h.order.id).filter((x) => x !== 'confirmed'), ['picking', 'ready', 'collected']);
      const stockEvent = await sse.until(() => sse.stockEvents().find((e) => e.data.data.onHand === 8), 5000, 'stock event of the collection');
      assert.equal(stockEvent.data.data.reserved, 0);
      assert.equal((await readAs(h)).status, 'collected');
    } finally {
      sse.close();
    }
  });

  test('refusals: 409 order_status_conflict with the current order, nothing changes; repeating a step is a no-op', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 10);
    await setOnHand(sku, 'online', 10);
    const h = await place([[sku, 1, { type: 'pickup', storeId: S1 }]]);
    // Collected before ready, ready twice, picking after ready.
    assert.equal(conflictOrder(await step(h.order.id, 'collected')).status, 'confirmed');
    await stepOk(h.order.id, 'ready');
    assert.equal((await stepOk(h.order.id, 'ready')).status, 'ready');
    assert.equal(conflictOrder(await step(h.order.id, 'picking')).status, 'ready');
    await stepOk(h.order.id, 'collected');
    assert.equal(conflictOrder(await step(h.order.id, 'ready')).status, 'collected');
    assert.deepEqual(await stockOf(sku, S1), { onHand: 9, reserved: 0 });
    // Unpaid orders and delivery-only orders have no staff steps.
    const unpaid = await (async () => {
      const c = await s.call('/v1/carts', { body: {} });
      const a = parseWith(CartAccess, c.json);
      await s.call(`/v1/carts/${a.cart.id}/lines`, { body: { sku, quantity: 1, fulfillment: { type: 'pickup', storeId: S1 } }, headers: { 'Omnikit-Cart-Secret': a.secret! } });
      return parseWith(Order, (await s.call(`/v1/carts/${a.cart.id}/checkout`, { body: { payment: { method: 'online' }, contact }, headers: { 'Omnikit-Cart-Secret': a.secret! } })).json);
    })();
    assert.equal(conflictOrder(await step(unpaid.id, 'picking')).status, 'awaiting_payment');
    const delivery = await place([[sku, 1, { type: 'delivery' }]], 'online');
    assert.equal(conflictOrder(await step(delivery.order.id, 'picking')).status, 'confirmed');
    // Bad input and the wrong key.
    assertError(await step(h.order.id, 'shipped'), 400, 'validation_failed');
    assertError(await step(h.order.id, 'ready', PK), 403, 'forbidden');
    assertError(await step('ord_nope', 'ready'), 404, 'order_not_found');
  });

  test('curbside: "I have arrived" while picking or ready, with the bay; the staff list of arrivals shows it', async () => {
    const sku = freshSku();
    await setOnHand(sku, SOLNA, 5);
    const h = await place([[sku, 1, { type: 'pickup', storeId: SOLNA, method: 'curbside' }]]);
    const arrive = (body: unknown, headers = shopper(h)) => s.call(`/v1/orders/${h.order.id}/arrive`, { body, headers });
    assert.equal(conflictOrder(await arrive({ bay: '4' })).status, 'confirmed');
    await stepOk(h.order.id, 'picking');
    const sse = await stream([orderTopic(h.order.id)]);
    try {
      const r = await arrive({ bay: ' 4 ', car: 'Red Volvo, ABC 123' });
      assert.equal(r.status, 200, r.text);
      const arrived = parseWith(Order, r.json);
      assert.equal(arrived.pickups?.[0]?.arrival?.bay, '4');
      assert.equal(arrived.pickups?.[0]?.arrival?.car, 'Red Volvo, ABC 123');
      await sse.until(() => statusesOn(sse, h.order.id).length >= 1, 5000, 'the arrival event');
    } finally {
      sse.close();
    }
    const list = async (q: string) => parseWith(OrderPage, (await s.call(`/v1/admin/orders?storeId=${SOLNA}&${q}`, { key: SK })).json).items.map((o) => o.id);
    assert.ok((await list('arrived=true')).includes(h.order.id));
    assert.ok(!(await list('arrived=false')).includes(h.order.id));
    const staffView = parseWith(OrderPage, (await s.call(`/v1/admin/orders?storeId=${SOLNA}&arrived=true`, { key: SK })).json).items.find((o) => o.id === h.order.id);
    assert.equal(staffView?.pickups?.[0]?.arrival?.bay, '4');
    // Another device, an in-store pickup, bad input.
    assertError(await arrive({ bay: '1' }, { 'Omnikit-Cart-Secret': 'cs_wrong' }), 404, 'order_not_found');
    assertError(await arrive({ bay: 'x'.repeat(81) }), 400, 'validation_failed');
    await setOnHand(sku, S1, 5);
    const counter = await place([[sku, 1, { type: 'pickup', storeId: S1 }]]);
    await stepOk(counter.order.id, 'ready');
    assertError(await s.call(`/v1/orders/${counter.order.id}/arrive`, { body: {}, headers: shopper(counter) }), 409, 'order_status_conflict');
    await stepOk(h.order.id, 'ready');
    await stepOk(h.order.id, 'collected');
    assert.ok(!(await list('arrived=true')).includes(h.order.id), 'collected: no longer at the curb');
  });

  test('locker: a compartment and a digit code when ready, the code for the shopper only; free again when collected', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 10);
    await s.db.query('UPDATE stores SET compartments = 2 WHERE id = $1', [S1]);
    try {
      const a = await place([[sku, 1, { type: 'pickup', storeId: S1, method: 'locker' }]]);
      const b = await place([[sku, 1, { type: 'pickup', storeId: S1, method: 'locker' }]]);
      const c = await place([[sku, 1, { type: 'pickup', storeId: S1, method: 'locker' }]]);
      const staffA = await stepOk(a.order.id, 'ready');
      assert.deepEqual(staffA.pickups?.[0]?.locker, { compartment: 1 }, 'staff see the compartment, not the code');
      const mine = (await readAs(a)).pickups?.[0]?.locker;
      assert.equal(mine?.compartment, 1);
      assert.match(mine?.code ?? '', /^\d{6}$/);
      assert.equal((await stepOk(b.order.id, 'ready')).pickups?.[0]?.locker?.compartment, 2);
      assertError(await step(c.order.id, 'ready'), 409, 'locker_full');
      assert.equal((await readAs(c)).status, 'confirmed');
      await stepOk(a.order.id, 'collected');
      assert.equal((await readAs(a)).pickups?.[0]?.locker, undefined, 'a collected order holds no compartment');
      assert.equal((await stepOk(c.order.id, 'ready')).pickups?.[0]?.locker?.compartment, 1);
    } finally {
      await s.db.query('UPDATE stores SET compartments = NULL WHERE id = $1', [S1]);
      await s.db.query("UPDATE locker_assignments SET status = 'released' WHERE location_id = $1", [S1]);
    }
  });

  test('uncollected past collectBy: expired by the timer function (clock injected), stock and compartment released', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 6);
    const h = await place([[sku, 3, { type: 'pickup', storeId: S1, method: 'locker' }]], 'online');
    const ready = await stepOk(h.order.id, 'ready');
    assert.deepEqual(await stockOf(sku, S1), { onHand: 6, reserved: 3 });
    const st = state();
    // Other tests' unpaid orders expire on the way (their windows are shorter): count this one only.
    await expireOrders(st, new Date(Date.parse(ready.collectBy!) - 60_000));
    assert.equal((await readAs(h)).status, 'ready', 'not yet');
    assert.ok((await expireOrders(st, new Date(Date.parse(ready.collectBy!) + 1000))) >= 1);
    const expired = await readAs(h);
    assert.equal(expired.status, 'expired');
    assert.equal(expired.pickups?.[0]?.locker, undefined);
    assert.deepEqual(await stockOf(sku, S1), { onHand: 6, reserved: 0 });
    const [held] = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM locker_assignments WHERE order_id = $1 AND status = 'active'", [h.order.id]);
    assert.equal(Number(held!.n), 0);
    // It was paid: the whole amount waits to be refunded.
    assert.deepEqual(expired.refunds?.map((r) => [r.reason, r.amount, r.status]), [['cancelled', h.order.totals.total, 'pending']]);
  });
});

describe('stock drift', () => {
  test('a ready order, its store corrected to zero: needs_attention with alternatives and an event; moving re-reserves at the other store', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 2);
    await setOnHand(sku, S2, 5);
    await setOnHand(sku, 'online', 5);
    const h = await place([[sku, 2, { type: 'pickup', storeId: S1 }]], 'online');
    await stepOk(h.order.id, 'ready');
    const sse = await stream([orderTopic(h.order.id)]);
    try {
      const r = await s.call('/v1/admin/stock/corrections', { key: SK, body: { sku, storeId: S1, onHand: 0, note: 'damaged in the back room' } });
      assert.equal(r.status, 200, r.text);
      const correction = parseWith(StockCorrection, r.json);
      assert.deepEqual(correction.affectedOrders, [{ orderId: h.order.id, number: h.order.number, missing: 2 }]);
      assert.deepEqual([correction.availability.onHand, correction.availability.reserved, correction.movement.delta], [0, 0, -2]);
      await sse.until(() => statusesOn(sse, h.order.id).includes('needs_attention'), 5000, 'needs_attention event');
    } finally {
      sse.close();
    }
    const o = await readAs(h);
    assert.equal(o.status, 'needs_attention');
    assert.deepEqual(o.attention?.lines, [{ lineId: o.lines[0]!.id, sku, storeId: S1, reserved: 0, missing: 2 }]);
    const choices = o.attention!.alternatives.map((a) => a.choice);
    assert.ok(choices.includes('delivery') && choices.includes('cancel'));
    assert.ok(!choices.includes('partial'), 'nothing is left to collect in part');
    const move = o.attention!.alternatives.find((a) => a.choice === 'move' && a.storeId === S2);
    assert.ok(move, `move to ${S2} offered: ${JSON.stringify(o.attention!.alternatives)}`);
    // S1 itself only by transfer (from S2 or the online stock), never as if its shelf had it.
    assert.ok(o.attention!.alternatives.filter((a) => a.choice === 'move' && a.storeId === S1).every((a) => a.transferFrom && a.transferFrom !== S1 && a.readyAt));
    // Staff cannot hand it over while the shopper chooses.
    assert.equal(conflictOrder(await step(h.order.id, 'collected')).status, 'needs_attention');

    const resolved = await s.call(`/v1/orders/${h.order.id}/resolve`, { body: { choice: 'move', storeId: S2 }, headers: shopper(h) });
    assert.equal(resolved.status, 200, resolved.text);
    const moved = parseWith(Order, resolved.json);
    assert.equal(moved.status, 'confirmed');
    assert.equal(moved.attention, undefined);
    assert.deepEqual(moved.lines.map((l) => l.fulfillment), [{ type: 'pickup', storeId: S2, method: 'in_store' }]);
    assert.deepEqual(moved.storeIds, [S2]);
    assert.deepEqual(moved.groups.map((g) => [g.id, g.lineIds]), [[moved.lines[0]!.groupId, [moved.lines[0]!.id]]]);
    assert.deepEqual(await stockOf(sku, S2), { onHand: 5, reserved: 2 });
    assert.deepEqual(await stockOf(sku, S1), { onHand: 0, reserved: 0 });
    const res = await s.db.query<{ store_id: string; quantity: number }>("SELECT store_id, quantity FROM reservations WHERE order_id = $1 AND status = 'active'", [h.order.id]);
    assert.deepEqual(res.map((x) => ({ ...x })), [{ store_id: S2, quantity: 2 }]);
    // Resolving again: it no longer needs attention.
    assertError(await s.call(`/v1/orders/${h.order.id}/resolve`, { body: { choice: 'cancel' }, headers: shopper(h) }), 409, 'order_status_conflict');
  });

  test('the newest order gives up units first; partial pickup keeps the rest and refunds the missing units; never a cancel unseen', async () => {
    const sku = freshSku();
    const other = freshSku();
    await setOnHand(sku, S1, 4);
    await setOnHand(other, S1, 4);
    const older = await place([[sku, 2, { type: 'pickup', storeId: S1 }]], 'online');
    const newer = await place([[sku, 2, { type: 'pickup', storeId: S1 }], [other, 1, { type: 'pickup', storeId: S1 }]], 'online');
    const r = await s.call('/v1/admin/stock/corrections', { key: SK, body: { sku, storeId: S1, onHand: 3, reason: 'shrinkage' } });
    const correction = parseWith(StockCorrection, r.json);
    assert.deepEqual(correction.affectedOrders.map((a) => [a.orderId, a.missing]), [[newer.order.id, 1]]);
    assert.equal((await readAs(older)).status, 'confirmed');
    const o = await readAs(newer);
    assert.equal(o.status, 'needs_attention');
    const partial = o.attention!.alternatives.find((a) => a.choice === 'partial');
    const line = o.lines.find((l) => l.sku === sku)!;
    assert.equal(partial?.refundAmount, line.unitPrice);
    assert.deepEqual(await stockOf(sku, S1), { onHand: 3, reserved: 3 });
    const done = parseWith(Order, (await s.call(`/v1/orders/${newer.order.id}/resolve`, { body: { choice: 'partial' }, headers: shopper(newer) })).json);
    assert.equal(done.status, 'confirmed');
    assert.equal(done.lines.find((l) => l.sku === sku)?.cancelledQuantity, 1);
    assert.deepEqual(done.refunds?.map((x) => [x.reason, x.amount, x.status]), [['shortage', line.unitPrice, 'pending']]);
    // No order was cancelled by any of this.
    const [cancelled] = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::text[]) AND status = 'cancelled'", [[older.order.id, newer.order.id]]);
    assert.equal(Number(cancelled!.n), 0);
    // Bad input.
    assertError(await s.call('/v1/admin/stock/corrections', { key: SK, body: { sku, storeId: S1, onHand: -1 } }), 400, 'validation_failed');
    assertError(await s.call('/v1/admin/stock/corrections', { key: PK, body: { sku, storeId: S1, onHand: 1 } }), 403, 'forbidden');
    assertError(await s.call(`/v1/orders/${older.order.id}/resolve`, { body: { choice: 'teleport' }, headers: shopper(older) }), 400, 'validation_failed');
  });

  test('cancel as the choice: released with an event, a paid order refunded', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 1);
    const h = await place([[sku, 1, { type: 'pickup', storeId: S1 }]], 'online');
    await s.call('/v1/admin/stock/corrections', { key: SK, body: { sku, storeId: S1, onHand: 0 } });
    const sse = await stream([orderTopic(h.order.id)]);
    try {
      const r = await s.call(`/v1/orders/${h.order.id}/resolve`, { body: { choice: 'cancel' }, headers: shopper(h) });
      const o = parseWith(Order, r.json);
      assert.equal(o.status, 'cancelled');
      assert.deepEqual(o.refunds?.map((x) => [x.reason, x.amount]), [['cancelled', h.order.totals.total]]);
      await sse.until(() => statusesOn(sse, h.order.id).includes('cancelled'), 5000, 'cancelled event');
    } finally {
      sse.close();
    }
  });
});

describe('shipped delivery', () => {
  test('an all-delivery order shipped moves on to collected, with an event; cannot be cancelled after; a mixed order keeps its status', async () => {
    const sku = lateSku(1);
    await setOnHand(sku, 'online', 10);
    await setOnHand(sku, S1, 5);
    const h = await place([[sku, 2, { type: 'delivery' }]], 'online');
    const mixed = await place([[sku, 1, { type: 'delivery' }], [sku, 1, { type: 'pickup', storeId: S1 }]], 'online');
    assert.equal(h.order.status, 'confirmed');
    const sse = await stream([orderTopic(h.order.id)]);
    let shipped: Order;
    try {
      const r = await s.call(`/v1/admin/orders/${h.order.id}/shipments`, { key: SK, body: { carrierReference: 'PN-9' } });
      assert.equal(r.status, 201, r.text);
      shipped = parseWith(Order, r.json);
      await sse.until(() => statusesOn(sse, h.order.id).includes('collected'), 5000, 'the collected event');
    } finally {
      sse.close();
    }
    assert.equal(shipped.status, 'collected');
    assert.equal((await readAs(h)).status, 'collected');
    assert.equal(conflictOrder(await s.call(`/v1/admin/orders/${h.order.id}/cancel`, { key: SK, body: {} })).status, 'collected');
    // Returnable as before.
    const ret = await s.call('/v1/admin/returns', { key: SK, body: { orderId: h.order.id, storeId: S2, lines: [{ lineId: h.order.lines[0]!.id, quantity: 1 }] } });
    assert.equal(ret.status, 201, ret.text);
    // A pickup group still to hand over: the order stays where it was.
    const m = await s.call(`/v1/admin/orders/${mixed.order.id}/shipments`, { key: SK, body: {} });
    assert.equal(m.status, 201, m.text);
    assert.equal(parseWith(Order, m.json).status, 'confirmed');
  });
});

describe('returns in any store', () => {
  test('bought at one store, returned at another: stock to the returning store, the order lists it, a pending refund; never more than bought', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 5);
    await setOnHand(sku, S2, 1);
    const h = await place([[sku, 2, { type: 'take_now', storeId: S1 }]], 'in_store', { 'Omnikit-Channel': 'kiosk' });
    const line = h.order.lines[0]!;
    const sse = await stream([stockTopic(sku, S2), orderTopic(h.order.id)]);
    try {
      const body = { orderId: h.order.id, storeId: S2, lines: [{ lineId: line.id, quantity: 1 }] };
      const r = await s.call('/v1/admin/returns', { key: SK, body, headers: { 'Idempotency-Key': 'return-1' } });
      assert.equal(r.status, 201, r.text);
      const o = parseWith(Order, r.json);
      assert.equal(o.returns?.length, 1);
      assert.deepEqual(o.returns![0]!.lines, [{ lineId: line.id, quantity: 1, amount: line.unitPrice }]);
      assert.equal(o.returns![0]!.storeId, S2);
      assert.deepEqual(o.refunds?.map((x) => [x.id, x.reason, x.amount, x.status, x.currency]), [[o.returns![0]!.refundId, 'return', line.unitPrice, 'pending', 'SEK']]);
      assert.ok(o.refunds![0]!.vat > 0 && o.refunds![0]!.vat < line.unitPrice);
      // The same request again: one effect.
      const again = await s.call('/v1/admin/returns', { key: SK, body, headers: { 'Idempotency-Key': 'return-1' } });
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await stockOf(sku, S2), { onHand: 2, reserved: 0 });
      assert.deepEqual(await stockOf(sku, S1), { onHand: 3, reserved: 0 });
      const [m] = await s.db.query<{ delta: number; reason: string }>('SELECT delta, reason FROM stock_movements WHERE sku = $1 AND store_id = $2 ORDER BY id DESC LIMIT 1', [sku, S2]);
      assert.deepEqual({ ...m }, { delta: 1, reason: 'return' });
      await sse.until(() => sse.stockEvents().some((e) => e.data.data.onHand === 2), 5000, 'stock event at the returning store');
      // One unit is left to return; two is more than that.
      const more = await s.call('/v1/admin/returns', { key: SK, body: { ...body, lines: [{ lineId: line.id, quantity: 2 }] } });
      assertError(more, 409, 'return_exceeds_sold');
      assert.equal(more.json.error.details.returnable, 1);
      assert.deepEqual(await stockOf(sku, S2), { onHand: 2, reserved: 0 });
      assertError(await s.call('/v1/admin/returns', { key: SK, body: { ...body, storeId: ODENSE } }), 409, 'returns_not_offered');
      assertError(await s.call('/v1/admin/returns', { key: SK, body: { ...body, lines: [{ lineId: 'line_nope', quantity: 1 }] } }), 400, 'validation_failed');
      assertError(await s.call('/v1/admin/returns', { key: SK, body: { ...body, lines: [] } }), 400, 'validation_failed');
      assertError(await s.call('/v1/admin/returns', { key: PK, body }), 403, 'forbidden');
    } finally {
      sse.close();
    }
  });

  test('a pickup not yet collected cannot be returned; once collected it can, at any store with returns', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 3);
    const h = await place([[sku, 1, { type: 'pickup', storeId: S1 }]]);
    const body = { orderId: h.order.id, storeId: SOLNA, lines: [{ lineId: h.order.lines[0]!.id, quantity: 1 }] };
    const before = await stockOf(sku, SOLNA);
    assertError(await s.call('/v1/admin/returns', { key: SK, body }), 409, 'return_exceeds_sold');
    await stepOk(h.order.id, 'ready');
    await stepOk(h.order.id, 'collected');
    const r = await s.call('/v1/admin/returns', { key: SK, body });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(await stockOf(sku, SOLNA), { onHand: before.onHand + 1, reserved: before.reserved });
    assert.deepEqual(await stockOf(sku, S1), { onHand: 2, reserved: 0 });
    assert.equal((await readAs(h)).returns?.[0]?.storeId, SOLNA);
  });
});

describe('staff sessions', () => {
  async function staffToken(storeId: string, ttlSeconds?: number): Promise<StaffSession> {
    const r = await s.call('/v1/admin/staff-sessions', { key: SK, body: { storeId, ...(ttlSeconds ? { ttlSeconds } : {}) } });
    assert.equal(r.status, 201, r.text);
    return parseWith(StaffSession, r.json);
  }

  test("a token for store A lists and acts on A's orders only; B's are not found, B's stock and returns forbidden", async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 5);
    await setOnHand(sku, S2, 5);
    const atA = await place([[sku, 1, { type: 'pickup', storeId: S1 }]]);
    const atB = await place([[sku, 1, { type: 'pickup', storeId: S2 }]]);
    const { token, storeId, expiresAt } = await staffToken(S1);
    assert.equal(storeId, S1);
    assert.match(token, /^st_/);
    assert.ok(Date.parse(expiresAt) > Date.now());
    const list = parseWith(OrderPage, (await s.call('/v1/admin/orders?status=confirmed&pageSize=100', { key: token })).json);
    assert.ok(list.items.some((o) => o.id === atA.order.id));
    assert.ok(list.items.every((o) => o.storeIds.includes(S1)));
    assertError(await s.call(`/v1/admin/orders?storeId=${S2}`, { key: token }), 403, 'forbidden');
    assert.equal((await stepOk(atA.order.id, 'picking', token)).status, 'picking');
    assertError(await step(atB.order.id, 'picking', token), 404, 'order_not_found');
    assert.equal((await readAs(atB)).status, 'confirmed');
    assertError(await s.call('/v1/admin/stock/corrections', { key: token, body: { sku, storeId: S2, onHand: 0 } }), 403, 'forbidden');
    assert.deepEqual(await stockOf(sku, S2), { onHand: 5, reserved: 1 });
    const own = await s.call('/v1/admin/stock/corrections', { key: token, body: { sku, storeId: S1, onHand: 4 } });
    assert.equal(own.status, 200, own.text);
    assertError(await s.call('/v1/admin/returns', { key: token, body: { orderId: atA.order.id, storeId: S2, lines: [{ lineId: atA.order.lines[0]!.id, quantity: 1 }] } }), 403, 'forbidden');
    // Nothing but the staff routes: not the secret key's other routes, not the shopper's.
    assertError(await s.call(`/v1/admin/orders/${atA.order.id}/cancel`, { key: token, body: {} }), 401, 'unauthorized');
    assertError(await s.call('/v1/admin/staff-sessions', { key: token, body: { storeId: S1 } }), 401, 'unauthorized');
    assertError(await s.call(`/v1/admin/stock/${S1}/${sku}`, { method: 'PUT', key: token, body: { quantity: 9 } }), 401, 'unauthorized');
    assertError(await s.call('/v1/admin/feeds/local-inventory', { key: token }), 401, 'unauthorized');
  });

  test("one order: a staff session reads its store's, another store's is 404 like one that does not exist; the secret key reads any", async () => {
    const sku = lateSku(0);
    await setOnHand(sku, S1, 5);
    await setOnHand(sku, S2, 5);
    const atA = await place([[sku, 1, { type: 'pickup', storeId: S1 }]]);
    const atB = await place([[sku, 1, { type: 'pickup', storeId: S2 }]]);
    const { token } = await staffToken(S1);
    const own = await s.call(`/v1/admin/orders/${atA.order.id}`, { key: token });
    assert.equal(own.status, 200, own.text);
    const o = parseWith(Order, own.json);
    assert.deepEqual([o.id, o.status, o.contact?.email], [atA.order.id, 'confirmed', contact.email]);
    const other = assertError(await s.call(`/v1/admin/orders/${atB.order.id}`, { key: token }), 404, 'order_not_found');
    const none = assertError(await s.call('/v1/admin/orders/ord_doesnotexist', { key: token }), 404, 'order_not_found');
    assert.equal(other.message, none.message, 'the same answer: nothing about the other store');
    assert.equal(parseWith(Order, (await s.call(`/v1/admin/orders/${atB.order.id}`, { key: SK })).json).id, atB.order.id);
    assertError(await s.call(`/v1/admin/orders/${atA.order.id}`, { key: PK }), 403, 'forbidden');
  });

  test('an expired or unknown token is refused; sessions are minted with the secret key only, for a store', async () => {
    const { token } = await staffToken(S1, 60);
    assert.equal((await s.call('/v1/admin/orders', { key: token })).status, 200);
    await s.db.query("UPDATE staff_sessions SET expires_at = now() - interval '1 second'");
    assertError(await s.call('/v1/admin/orders', { key: token }), 401, 'unauthorized');
    assertError(await s.call('/v1/admin/orders', { key: 'st_unknown' }), 401, 'unauthorized');
    assertError(await s.call('/v1/admin/staff-sessions', { key: PK, body: { storeId: S1 } }), 403, 'forbidden');
    assertError(await s.call('/v1/admin/staff-sessions', { key: SK, body: { storeId: F.unknownStoreId } }), 404, 'unknown_store');
    assertError(await s.call('/v1/admin/staff-sessions', { key: SK, body: { storeId: S1, ttlSeconds: 13 * 3600 } }), 400, 'validation_failed');
  });
});

describe('local inventory feed', () => {
  test('tab-separated, one row per store and SKU from live stock, with price, quantity and availability', async () => {
    const sku = freshSku();
    await setOnHand(sku, S1, 7);
    await place([[sku, 4, { type: 'pickup', storeId: S1 }]]);
    const r = await s.call('/v1/admin/feeds/local-inventory', { key: SK });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/tab-separated-values/);
    const rows = r.text.trimEnd().split('\n').map((l) => l.split('\t'));
    assert.deepEqual(rows[0], [...LOCAL_INVENTORY_COLUMNS]);
    assert.ok(rows.every((row) => row.length === LOCAL_INVENTORY_COLUMNS.length));
    const row = rows.find((x) => x[0] === S1 && x[1] === sku);
    const [product] = await s.db.query<{ prices: { SEK: { amount: number; compareAt?: number } } }>('SELECT prices FROM products WHERE sku = $1', [sku]);
    const sek = product!.prices.SEK;
    const money = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')} SEK`;
    assert.deepEqual(row, [S1, sku, '3', money(sek.compareAt ?? sek.amount), sek.compareAt ? money(sek.amount) : '', 'limited_availability', 'buy', 'same day']);
    assert.ok(!rows.some((x) => x[0] === 'online'), 'the warehouse is no store');
    assertError(await s.call('/v1/admin/feeds/local-inventory', { key: PK }), 403, 'forbidden');
  });
});

describe('lockers under concurrency', { skip: onPostgres ? false : 'needs PostgreSQL (OMNIKIT_TEST_DATABASE_URL)' }, () => {
  test('12 orders made ready at once at a locker of 5 compartments: 5 distinct compartments, 7 locker_full', async () => {
    const sku = freshSku();
    await setOnHand(sku, SOLNA, 20);
    await s.db.query('UPDATE stores SET compartments = 5 WHERE id = $1', [SOLNA]);
    try {
      const orders = await Promise.all(Array.from({ length: 12 }, () => place([[sku, 1, { type: 'pickup', storeId: SOLNA, method: 'locker' }]])));
      const replies = await Promise.all(orders.map((h) => step(h.order.id, 'ready')));
      const ok = replies.filter((r) => r.status === 200).map((r) => parseWith(Order, r.json));
      const full = replies.filter((r) => r.status === 409);
      assert.equal(ok.length, 5, replies.map((r) => r.status).join(','));
      assert.equal(full.length, 7);
      for (const r of full) assertError(r, 409, 'locker_full');
      assert.deepEqual(ok.map((o) => o.pickups![0]!.locker!.compartment).sort(), [1, 2, 3, 4, 5]);
      const [active] = await s.db.query<{ n: number; distinct: number }>(
        "SELECT count(*)::int AS n, count(DISTINCT compartment)::int AS distinct FROM locker_assignments WHERE location_id = $1 AND status = 'active'", [SOLNA],
      );
      assert.deepEqual([Number(active!.n), Number(active!.distinct)], [5, 5]);
    } finally {
      await s.db.query('UPDATE stores SET compartments = NULL WHERE id = $1', [SOLNA]);
    }
  });

  test('a correction racing checkouts and staff steps: reserved never above on-hand, every short order needs attention', async () => {
    const sku = freshSku();
    await setOnHand(sku, S2, 10);
    const orders = await Promise.all(Array.from({ length: 5 }, () => place([[sku, 2, { type: 'pickup', storeId: S2 }]])));
    const work = [
      s.call('/v1/admin/stock/corrections', { key: SK, body: { sku, storeId: S2, onHand: 3 } }),
      ...orders.map((h, i) => step(h.order.id, i % 2 ? 'picking' : 'ready')),
    ];
    const replies = await Promise.all(work);
    assert.equal(replies[0]!.status, 200, replies[0]!.text);
    const { onHand, reserved } = await stockOf(sku, S2);
    assert.equal(onHand, 3);
    assert.ok(reserved <= onHand);
    const [sum] = await s.db.query<{ n: number }>("SELECT coalesce(sum(quantity), 0)::int AS n FROM reservations WHERE sku = $1 AND store_id = $2 AND status = 'active'", [sku, S2]);
    assert.equal(Number(sum!.n), reserved);
    const statuses = await Promise.all(orders.map(async (h) => (await readAs(h)).status));
    assert.equal(statuses.filter((x) => x === 'needs_attention').length, parseWith(StockCorrection, replies[0]!.json).affectedOrders.length);
    assert.ok(!statuses.includes('cancelled'));
  });
});
