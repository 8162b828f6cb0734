// The order status view-model (orderStatusStore) and the staff's pickup queue (pickupQueueStore),
// in Node against the real reference server: both live on the one event stream.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, type RunningServer } from '@omnikit/server';
import { createClient, orderStatusStore, type OrderStatusState } from '@omnikit/sdk';
import { createAdminClient, createStaffClient, pickupQueueStore, type PickupQueueState } from '@omnikit/sdk/admin';

const F = SEED_FIXTURES;
const SOLNA = 'se-solna-mall-of-scandinavia'; // curbside and locker
let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false });
});
after(() => server.close());

const until = async (cond: () => boolean, what: string) => {
  for (const end = Date.now() + 5000; !cond(); await new Promise((r) => setTimeout(r, 20))) if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
};

/** Counts the list requests a client makes (the queue must not poll). */
function countingFetch() {
  const counts = { list: 0, get: 0 };
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (/\/v1\/admin\/orders\?/.test(url) && (init?.method ?? 'GET') === 'GET') counts.list++;
    if (/\/v1\/admin\/orders\/[^/?]+$/.test(url) && (init?.method ?? 'GET') === 'GET') counts.get++;
    return globalThis.fetch(input, init);
  };
  return { counts, fetch };
}

test('orderStatusStore: steps, "I have arrived" offered only while picking or ready at the curb, pending then done, live through the stream', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, realtime: { debounceMs: 5 } });
  t.after(() => {
    admin.close();
    omni.close();
  });
  await admin.stock.set({ sku: F.inStock.sku, storeId: SOLNA, quantity: 10 });
  await omni.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: SOLNA, method: 'curbside' } });
  const order = await omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } });
  const $s = orderStatusStore(omni, order.id);
  assert.equal(orderStatusStore(omni, order.id), $s, 'one store per client and order');
  const seen: OrderStatusState[] = [];
  t.after($s.subscribe((s) => seen.push(s)));
  await until(() => $s.get().status === 'ready' && omni.$connection.get().status === 'open', 'the first read');
  let s = $s.get();
  assert.deepEqual(s.steps.map((x) => `${x.key}:${x.state}`), ['placed:current', 'picking:upcoming', 'ready:upcoming', 'collected:upcoming']);
  assert.equal(s.method, 'curbside');
  assert.equal(s.canArrive, false, 'not before picking starts');
  await admin.orders.startPicking(order.id);
  await until(() => $s.get().order?.status === 'picking', 'picking, live');
  assert.equal($s.get().canArrive, true);
  const arriving = $s.arrive({ bay: '4', car: 'red Volvo' });
  assert.deepEqual($s.get().action, { status: 'pending', kind: 'arrive' });
  assert.equal($s.get().canArrive, false, 'not offered twice while pending');
  await arriving;
  s = $s.get();
  assert.deepEqual(s.action, { status: 'done', kind: 'arrive' });
  assert.equal(s.arrival?.bay, '4');
  assert.equal(s.canArrive, false);
  await admin.orders.markReady(order.id);
  await until(() => $s.get().order?.status === 'ready', 'ready, live');
  assert.deepEqual($s.get().steps.map((x) => x.state), ['done', 'done', 'current', 'upcoming']);
  assert.ok($s.get().collectBy);
  await admin.orders.markCollected(order.id);
  await until(() => $s.get().order?.status === 'collected', 'collected');
  assert.deepEqual($s.get().steps.map((x) => x.state), ['done', 'done', 'done', 'done']);
  // An action the server refuses is an error state, never a throw.
  await $s.arrive({ bay: '5' });
  assert.equal($s.get().action.status, 'error');
  assert.equal(($s.get().action as { error: { code: string } }).error.code, 'order_status_conflict');
  await $s.arrive({ bay: 'x'.repeat(81) });
  assert.equal(($s.get().action as { error: { code: string } }).error.code, 'validation_failed');
});

test('orderStatusStore: a locker code when ready; needs attention with the server\'s alternatives; resolve moves the order', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, realtime: { debounceMs: 5 } });
  t.after(() => {
    admin.close();
    omni.close();
  });
  const sku = F.lowStock.sku;
  await admin.stock.set({ sku, storeId: SOLNA, quantity: 2 });
  await admin.stock.set({ sku, storeId: F.nearbyStoreId, quantity: 4 });
  await omni.cart.addLine({ sku, quantity: 1, fulfillment: { type: 'pickup', storeId: SOLNA, method: 'locker' } });
  const order = await omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } });
  const $s = orderStatusStore(omni, order.id);
  t.after($s.listen(() => undefined));
  await until(() => $s.get().status === 'ready' && omni.$connection.get().status === 'open', 'the first read');
  await admin.orders.markReady(order.id);
  await until(() => $s.get().lockers.length === 1, 'the compartment');
  assert.match($s.get().lockers[0]!.code ?? '', /^\d{6}$/);
  await admin.stock.correct({ sku, storeId: SOLNA, onHand: 0 });
  await until(() => $s.get().outcome === 'needs_attention', 'needs attention, live');
  const s = $s.get();
  assert.deepEqual(s.lockers, [], 'no code once it is not ready');
  assert.deepEqual(s.alternatives, s.order!.attention!.alternatives, 'the server\'s alternatives as offered');
  assert.deepEqual(s.steps.map((x) => x.state), ['done', 'done', 'upcoming', 'upcoming']);
  const move = s.alternatives.find((a) => a.choice === 'move' && a.storeId === F.nearbyStoreId);
  assert.ok(move, JSON.stringify(s.alternatives));
  await $s.resolve({ choice: 'move', storeId: move.storeId! });
  assert.deepEqual($s.get().action, { status: 'done', kind: 'resolve' });
  assert.equal($s.get().order?.status, 'confirmed');
  assert.equal($s.get().storeId, F.nearbyStoreId);
  assert.equal($s.get().outcome, undefined);
});

test('pickupQueueStore: one list at start, live on the store topic with a staff session (no polling); curb first; steps with pending', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const session = await admin.staffSessions.create({ storeId: SOLNA });
  const { counts, fetch } = countingFetch();
  const staff = createAdminClient({ baseUrl: server.url, staffToken: session.token, fetch });
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null, realtime: { debounceMs: 5 } });
  t.after(() => {
    admin.close();
    staff.close();
    omni.close();
  });
  await admin.stock.set({ sku: F.inStock.sku, storeId: SOLNA, quantity: 20 });
  const place = async (method: 'in_store' | 'curbside') => {
    const shopper = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null });
    t.after(() => shopper.close());
    await shopper.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: SOLNA, method } });
    return { shopper, order: await shopper.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'a@example.com' } }) };
  };
  const first = await place('in_store');
  const $q = pickupQueueStore(staff, SOLNA);
  const states: PickupQueueState[] = [];
  t.after($q.subscribe((q) => states.push(q)));
  await until(() => $q.get().status === 'ready', 'the first list');
  assert.equal(counts.list, 1);
  const ids = (k: keyof Pick<PickupQueueState, 'atCurb' | 'toPick' | 'picking' | 'ready' | 'needsAttention'>) => $q.get()[k].map((e) => e.order.id);
  assert.ok(ids('toPick').includes(first.order.id));
  assert.equal($q.get().toPick.find((e) => e.order.id === first.order.id)?.next, 'picking');
  // A new order arrives live, by the store topic.
  await new Promise((r) => setTimeout(r, 300)); // the stream opens
  const listsBefore = counts.list;
  const curb = await place('curbside');
  await until(() => ids('toPick').includes(curb.order.id), 'the new order, live');
  // Steps: pending at once, then the answer shown.
  const picking = $q.step(curb.order.id, 'picking');
  assert.deepEqual($q.get().toPick.find((e) => e.order.id === curb.order.id)?.action, { status: 'pending', step: 'picking' });
  await picking;
  assert.ok(ids('picking').includes(curb.order.id));
  // "I have arrived" from the shopper: at the curb, first, live.
  await curb.shopper.orders.arrive(curb.order.id, { bay: '2' });
  await until(() => ids('atCurb')[0] === curb.order.id, 'the arrival at the top, live');
  assert.equal($q.get().atCurb[0]!.arrival?.bay, '2');
  assert.equal($q.get().atCurb[0]!.next, 'ready');
  // A refused step is the entry's error, never a throw.
  await $q.step(first.order.id, 'collected');
  const failed = $q.get().toPick.find((e) => e.order.id === first.order.id)?.action;
  assert.equal(failed?.status, 'error');
  // Collected orders leave the queue.
  await $q.step(curb.order.id, 'ready');
  await $q.step(curb.order.id, 'collected');
  await until(() => !ids('atCurb').includes(curb.order.id) && !ids('ready').includes(curb.order.id), 'collected, gone');
  // Only event-driven lists: a handful for the changes above, none while idle.
  await new Promise((r) => setTimeout(r, 300)); // the collection's own event
  const afterChanges = counts.list;
  assert.ok(afterChanges - listsBefore <= 8, `lists for the changes: ${afterChanges - listsBefore}`);
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(counts.list, afterChanges, 'no polling while nothing changes');
});

test('pickupQueueStore: after the first list, each change reads the one order it names (no re-list); createStaffClient reads its store\'s orders only', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const session = await admin.staffSessions.create({ storeId: SOLNA });
  const { counts, fetch } = countingFetch();
  const staff = createStaffClient({ baseUrl: server.url, staffToken: session.token, fetch });
  t.after(() => {
    admin.close();
    staff.close();
  });
  await admin.stock.set({ sku: F.inStock.sku, storeId: SOLNA, quantity: 20 });
  await admin.stock.set({ sku: F.inStock.sku, storeId: F.nearbyStoreId, quantity: 20 });
  const place = async (storeId: string) => {
    const shopper = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: null });
    t.after(() => shopper.close());
    await shopper.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId } });
    return shopper.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'a@example.com' } });
  };
  const $q = pickupQueueStore(staff, SOLNA);
  t.after($q.listen(() => undefined));
  await until(() => $q.get().status === 'ready' && staff.$connection.get().status === 'open', 'the first list and the stream');
  await new Promise((r) => setTimeout(r, 300)); // the stream's subscription settles
  assert.equal(counts.list, 1);
  const has = (k: 'toPick' | 'picking' | 'ready', id: string) => $q.get()[k].some((e) => e.order.id === id);
  const order = await place(SOLNA);
  await until(() => has('toPick', order.id), 'the new order, live');
  assert.equal(counts.get, 1, 'the new order read alone');
  await admin.orders.startPicking(order.id);
  await until(() => has('picking', order.id), 'picking, live');
  await admin.orders.markReady(order.id);
  await until(() => has('ready', order.id), 'ready, live');
  const reads = counts.get;
  await admin.orders.markCollected(order.id);
  await until(() => !has('ready', order.id), 'collected, gone');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(counts.get, reads, 'an order that left the queue is dropped without a read');
  assert.equal(counts.list, 1, 'never listed again');
  // The staff client's own read: its store's order; another store's is not found.
  assert.equal((await staff.getOrder(order.id)).status, 'collected');
  const elsewhere = await place(F.nearbyStoreId);
  await assert.rejects(staff.getOrder(elsewhere.id), (e: { code?: string; status?: number }) => e.code === 'order_not_found' && e.status === 404);
  assert.equal((await admin.orders.get(elsewhere.id)).id, elsewhere.id, 'the secret key reads any');
});

test('pickupQueueStore: another store\'s session is refused the topic (an error state), and a bad storeId is a validation error', async (t) => {
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  const session = await admin.staffSessions.create({ storeId: F.defaultStoreId });
  const staff = createAdminClient({ baseUrl: server.url, staffToken: session.token });
  t.after(() => {
    admin.close();
    staff.close();
  });
  assert.throws(() => pickupQueueStore(staff, ''), (e: { code?: string }) => e.code === 'validation_failed');
  const $q = pickupQueueStore(staff, SOLNA);
  t.after($q.listen(() => undefined));
  await until(() => $q.get().status === 'error', 'the refusal');
  assert.equal($q.get().error?.code, 'forbidden');
});
