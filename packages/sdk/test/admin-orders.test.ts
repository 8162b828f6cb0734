// The admin client's orders and till carts against the real reference server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, type RunningServer } from '@omnikit/server';
import { createClient, isOmnikitError } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';

const F = SEED_FIXTURES;
let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false });
});
after(() => server.close());

test('a clerk builds a cart at the till, hands it over, the shopper pays online, the back office confirms', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const phone = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, channel: 'app', storage: null });
  t.after(() => {
    admin.close();
    phone.close();
  });
  const till = await admin.carts.create();
  assert.equal(till.channel, 'pos');
  let cart = await admin.carts.addLine(till.id, { sku: F.inStock.sku, quantity: 2, fulfillment: { type: 'pickup', storeId: F.defaultStoreId } });
  cart = await admin.carts.updateLine(till.id, cart.lines[0]!.id, { quantity: 1 });
  cart = await admin.carts.addLine(till.id, { sku: F.reducedVat.sku, quantity: 1, fulfillment: { type: 'delivery' } });
  assert.equal((await admin.carts.get(till.id)).version, cart.version);
  const { code } = await admin.carts.handoff(till.id);
  const onPhone = await phone.cart.resume(code);
  assert.deepEqual(onPhone.lines.map((l) => [l.sku, l.quantity, l.unitPrice]), cart.lines.map((l) => [l.sku, l.quantity, l.unitPrice]));
  assert.deepEqual(onPhone.channels, ['pos', 'app']);
  const order = await phone.cart.checkout({ payment: { method: 'online' }, contact: { email: 'shopper@example.com' } });
  assert.equal(order.status, 'awaiting_payment');
  assert.ok(order.payment.dueAt);

  const waiting = await admin.orders.list({ status: 'awaiting_payment', channel: 'app' });
  const listed = waiting.items.find((o) => o.id === order.id);
  assert.equal(listed?.contact?.email, 'shopper@example.com');
  assert.equal((await admin.orders.list({ storeId: F.defaultStoreId })).items.some((o) => o.id === order.id), true);
  const paid = await admin.orders.markPaid(order.id);
  assert.deepEqual([paid.status, paid.payment.status], ['confirmed', 'paid']);
  assert.equal((await phone.orders.get(order.id)).status, 'confirmed');
  await assert.rejects(admin.orders.markFailed(order.id), (e) => isOmnikitError(e, 'order_status_conflict'));
});

test('a declined payment and a cancellation release the stock', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const shopper = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null });
  t.after(() => {
    admin.close();
    shopper.close();
  });
  const at = { sku: F.inStock.sku, storeId: F.nearbyStoreId };
  // Straight from the server: the client's own reads are cached.
  const available = async () => {
    const res = await fetch(`${server.url}/v1/availability?skus=${at.sku}&stores=${at.storeId}`, { headers: { Authorization: `Bearer ${DEMO_PUBLISHABLE_KEY}` } });
    return ((await res.json()) as { items: { available: number }[] }).items[0]!.available;
  };
  const before = await available();
  const place = async (method: 'online' | 'in_store') => {
    await shopper.cart.addLine({ sku: at.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: at.storeId } });
    return shopper.cart.checkout({ payment: { method }, contact: { email: 'a@example.com' } });
  };
  const declined = await place('online');
  assert.equal(await available(), before - 1);
  assert.equal((await admin.orders.markFailed(declined.id)).status, 'cancelled');
  assert.equal(await available(), before);
  const kept = await place('in_store');
  assert.equal(await available(), before - 1);
  assert.equal((await admin.orders.cancel(kept.id)).status, 'cancelled');
  assert.equal(await available(), before);
  await assert.rejects(admin.orders.get('order_nope'), (e) => isOmnikitError(e, 'order_not_found'));
  await assert.rejects(admin.orders.cancel(''), (e) => isOmnikitError(e, 'validation_failed'));
});

test('orderStore: the order live on the shopper\'s device as the back office marks it paid; another device gets order_not_found', async (t) => {
  const { orderStore } = await import('@omnikit/sdk');
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const shopper = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, realtime: { debounceMs: 5 } });
  const stranger = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null });
  t.after(() => {
    admin.close();
    shopper.close();
    stranger.close();
  });
  await shopper.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'delivery' } });
  const order = await shopper.cart.checkout({ payment: { method: 'online' }, contact: { email: 'shopper@example.com' } });
  const seen: string[] = [];
  const stop = orderStore(shopper, order.id).subscribe((o) => {
    if (o.status === 'ready' && seen.at(-1) !== o.data.status) seen.push(o.data.status);
  });
  t.after(stop);
  const until = async (cond: () => boolean, what: string) => {
    for (const end = Date.now() + 5000; !cond(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
  };
  await until(() => seen.length === 1, 'the first read');
  await until(() => shopper.$connection.get().status === 'open', 'the stream');
  await admin.orders.markPaid(order.id);
  await until(() => seen.length === 2, 'the change on the stream');
  assert.deepEqual(seen, ['awaiting_payment', 'confirmed']);
  let theirs: unknown;
  const stopTheirs = orderStore(stranger, order.id).subscribe((o) => (theirs = o));
  t.after(stopTheirs);
  await until(() => (theirs as { status: string }).status !== 'loading', 'the stranger\'s read');
  assert.ok(isOmnikitError((theirs as { error?: unknown }).error, 'order_not_found'));
});
