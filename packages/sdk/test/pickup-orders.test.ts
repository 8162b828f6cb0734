// Click and collect after checkout through the SDK, against the real reference server: the
// shopper watches, arrives and resolves; staff (secret key, or a store's staff session) pick,
// hand over, correct stock and take returns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, type RunningServer } from '@omnikit/server';
import { createClient, isOmnikitError, type Order } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';

const F = SEED_FIXTURES;
const SOLNA = 'se-solna-mall-of-scandinavia';
let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false });
});
after(() => server.close());

const until = async (cond: () => boolean, what: string) => {
  for (const end = Date.now() + 5000; !cond(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
};

test('curbside: the shopper watches the order, staff with a staff session pick it, "I have arrived" shows in their list, handed over', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const session = await admin.staffSessions.create({ storeId: SOLNA });
  const staff = createAdminClient({ baseUrl: server.url, staffToken: session.token });
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, realtime: { debounceMs: 5 } });
  t.after(() => {
    admin.close();
    staff.close();
    omni.close();
  });
  await admin.stock.set({ sku: F.inStock.sku, storeId: SOLNA, quantity: 10 });
  await omni.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: SOLNA, method: 'curbside' } });
  const order = await omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } });
  const seen: Order[] = [];
  const stop = omni.orders.watch(order.id, (o) => seen.push(o));
  t.after(stop);
  await until(() => seen.length === 1 && omni.$connection.get().status === 'open', 'the first read and the stream');
  assert.equal(seen[0]!.status, 'confirmed');
  await assert.rejects(omni.orders.arrive(order.id, { bay: '7' }), (e) => isOmnikitError(e, 'order_status_conflict'));
  assert.equal((await staff.orders.startPicking(order.id)).status, 'picking');
  await until(() => seen.at(-1)?.status === 'picking', 'picking on the watch');
  const arrived = await omni.orders.arrive(order.id, { bay: '7', car: 'blue Saab' });
  assert.equal(arrived.pickups?.[0]?.arrival?.bay, '7');
  const curb = await staff.orders.list({ arrived: true });
  assert.deepEqual(curb.items.map((o) => [o.id, o.pickups?.[0]?.arrival?.car]), [[order.id, 'blue Saab']]);
  await staff.orders.markReady(order.id);
  assert.equal((await staff.orders.markCollected(order.id)).status, 'collected');
  await until(() => seen.at(-1)?.status === 'collected', 'collected on the watch');
  await assert.rejects(staff.orders.list({ storeId: F.defaultStoreId }), (e) => isOmnikitError(e, 'forbidden'));
  await assert.rejects(staff.stock.set({ sku: F.inStock.sku, storeId: SOLNA, quantity: 1 }), (e) => isOmnikitError(e, 'unauthorized'));
  await assert.rejects(omni.orders.arrive(order.id, { bay: 'x'.repeat(81) }), (e) => isOmnikitError(e, 'validation_failed'));
});

test('drift: staff correct the store to zero, the shopper sees needs_attention with alternatives and moves the order; a return at another store', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, realtime: { debounceMs: 5 } });
  t.after(() => {
    admin.close();
    omni.close();
  });
  const sku = F.lowStock.sku;
  await admin.stock.set({ sku, storeId: F.defaultStoreId, quantity: 1 });
  await admin.stock.set({ sku, storeId: F.nearbyStoreId, quantity: 4 });
  await omni.cart.addLine({ sku, quantity: 1, fulfillment: { type: 'pickup', storeId: F.defaultStoreId } });
  const order = await omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } });
  await admin.orders.markReady(order.id);
  const seen: Order[] = [];
  t.after(omni.orders.watch(order.id, (o) => seen.push(o)));
  await until(() => seen.length === 1 && omni.$connection.get().status === 'open', 'the first read and the stream');
  const correction = await admin.stock.correct({ sku, storeId: F.defaultStoreId, onHand: 0, note: 'broken' });
  assert.deepEqual(correction.affectedOrders.map((a) => a.orderId), [order.id]);
  await until(() => seen.at(-1)?.status === 'needs_attention', 'needs_attention on the watch');
  const move = seen.at(-1)!.attention!.alternatives.find((a) => a.choice === 'move' && a.storeId === F.nearbyStoreId);
  assert.ok(move);
  await assert.rejects(omni.orders.resolve(order.id, { choice: 'move' } as never), (e) => isOmnikitError(e, 'validation_failed'));
  const moved = await omni.orders.resolve(order.id, { choice: 'move', storeId: move.storeId! });
  assert.deepEqual([moved.status, moved.storeIds], ['confirmed', [F.nearbyStoreId]]);
  await admin.orders.markReady(order.id);
  await admin.orders.markCollected(order.id);
  const returned = await admin.returns.create({ orderId: order.id, storeId: 'se-solna-mall-of-scandinavia', lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] });
  assert.equal(returned.returns?.[0]?.storeId, 'se-solna-mall-of-scandinavia');
  assert.equal(returned.refunds?.[0]?.status, 'pending');
  await assert.rejects(admin.returns.create({ orderId: order.id, storeId: SOLNA, lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] }), (e) => isOmnikitError(e, 'return_exceeds_sold'));
  const feed = await admin.feeds.localInventory();
  assert.ok(feed.startsWith('store_code\tid\tquantity\tprice'));
  assert.ok(feed.split('\n').some((l) => l.startsWith(`${SOLNA}\t${sku}\t1\t`)), 'the returned unit is in the feed');
});

test('pickup by transfer: the cart line is fine with its source and ready time, and the order says where the units come from', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null });
  t.after(() => {
    admin.close();
    omni.close();
  });
  const o = F.outOfStockAvailableNearby;
  const cart = await omni.cart.addLine({ sku: o.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: o.storeId } });
  const a = cart.lines[0]!.availability;
  assert.deepEqual([a.ok, a.source, a.available], [true, 'transfer', 0]);
  assert.ok(a.transferFrom && a.readyAt);
  const options = await omni.fulfillment.options({ sku: o.sku, quantity: 1, storeId: o.storeId });
  const same = options.options.find((x) => x.kind === 'in_store')!.lines[0]!;
  assert.deepEqual([same.possible, same.source, same.transferFrom], [true, 'transfer', a.transferFrom]);
  const order = await omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } });
  assert.deepEqual([order.lines[0]!.source, order.lines[0]!.transferFrom, order.storeIds], ['transfer', a.transferFrom, [o.storeId]]);
  await admin.orders.cancel(order.id);
});

test('a delivery order shipped, a line returned in a store, its refund paid out with the provider reference', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null });
  t.after(() => {
    admin.close();
    omni.close();
  });
  await omni.cart.addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: { type: 'delivery' } });
  const order = await omni.cart.checkout({ payment: { method: 'online' }, contact: { email: 'shopper@example.com' } });
  await admin.orders.markPaid(order.id);
  const shipped = await admin.orders.ship(order.id, { carrierReference: 'PN-42' });
  assert.deepEqual([shipped.shipments?.[0]?.carrierReference, shipped.lines[0]!.shippedQuantity], ['PN-42', 2]);
  await assert.rejects(admin.orders.ship(order.id), (e) => isOmnikitError(e, 'nothing_to_ship'));
  const returned = await admin.returns.create({ orderId: order.id, storeId: SOLNA, lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] });
  const refund = returned.refunds!.find((r) => r.reason === 'return')!;
  const paid = await admin.refunds.markPaid(refund.id, { providerReference: 'psp_1' });
  assert.deepEqual([paid.status, paid.providerReference], ['refunded', 'psp_1']);
  assert.deepEqual(await admin.refunds.markPaid(refund.id, { providerReference: 'psp_1' }), paid);
  await assert.rejects(admin.refunds.markPaid(refund.id, { providerReference: 'psp_2' }), (e) => isOmnikitError(e, 'refund_already_paid'));
  await assert.rejects(admin.refunds.markPaid(refund.id, { providerReference: ' ' }), (e) => isOmnikitError(e, 'validation_failed'));
  assert.equal((await omni.orders.get(order.id)).refunds?.find((r) => r.id === refund.id)?.status, 'refunded');
});
