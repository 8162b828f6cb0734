import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  AvailabilityAnswer, Cart, CartAccess, DEFAULT_PAYMENT_WINDOW_MINUTES, HANDOFF_ALPHABET, ONLINE_LOCATION, Order, OrderPage,
  UnavailableLine, orderTopic, stockTopic, type Fulfillment,
} from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/index.js';
import { expireOrders } from '../src/orders.js';
import type { AppState } from '../src/state.js';
import { PK, SK, SseClient, assertError, onPostgres, parseWith, startTestServer, type Reply, type TestServer } from './helpers.js';

let s: TestServer;
/** Active products that stores carry, one or more per test so tests do not share stock. */
let skus: string[] = [];
const S1 = F.defaultStoreId;
const S2 = F.nearbyStoreId;
/** A Swedish store farther from Stockholm than a courier run between stores goes. */
const FAR = 'se-malmo-sodra-forstadsgatan';

before(async () => {
  s = await startTestServer('orders');
  skus = (await s.db.query<{ sku: string }>(
    `SELECT sku FROM products WHERE active AND NOT online_only AND sku > 'OK-10020' ORDER BY sku LIMIT 40`,
  )).map((r) => r.sku);
});
after(() => s.close());

interface Handle { id: string; secret: string }
type Headers = Record<string, string>;

const secretHeader = (h: Handle) => ({ 'Omnikit-Cart-Secret': h.secret });
const delivery = { type: 'delivery' } as const;
const pickupAt = (storeId: string) => ({ type: 'pickup', storeId }) as const;
const takeNowAt = (storeId: string) => ({ type: 'take_now', storeId }) as const;
const contact = { email: 'shopper@example.com' };

async function newCart(headers: Headers = {}): Promise<Handle> {
  const r = await s.call('/v1/carts', { body: {}, headers });
  assert.equal(r.status, 201, r.text);
  const access = parseWith(CartAccess, r.json);
  return { id: access.cart.id, secret: access.secret! };
}

async function add(h: Handle, sku: string, quantity: number, fulfillment: Fulfillment, headers: Headers = {}): Promise<Cart> {
  const r = await s.call(`/v1/carts/${h.id}/lines`, { body: { sku, quantity, fulfillment }, headers: { ...secretHeader(h), ...headers } });
  assert.equal(r.status, 200, r.text);
  return parseWith(Cart, r.json);
}

const checkout = (h: Handle, body: unknown, headers: Headers = {}) =>
  s.call(`/v1/carts/${h.id}/checkout`, { body, headers: { ...secretHeader(h), ...headers } });

async function placed(reply: Reply): Promise<Order> {
  assert.equal(reply.status, 201, reply.text);
  return parseWith(Order, reply.json);
}

/** A cart of the given lines, checked out: the order, and the cart's handle. */
async function order(lines: [string, number, Fulfillment][], method = 'online', headers: Headers = {}): Promise<{ h: Handle; order: Order }> {
  const h = await newCart(headers);
  for (const [sku, qty, f] of lines) await add(h, sku, qty, f, headers);
  return { h, order: await placed(await checkout(h, { payment: { method }, contact }, headers)) };
}

interface Stock { onHand: number; reserved: number; available: number }
async function stockOf(sku: string, storeId: string): Promise<Stock> {
  const [row] = await s.db.query<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock WHERE sku = $1 AND store_id = $2', [sku, storeId]);
  return { onHand: row?.on_hand ?? 0, reserved: row?.reserved ?? 0, available: (row?.on_hand ?? 0) - (row?.reserved ?? 0) };
}

/** Sets on-hand through the admin API so that exactly `available` units are available. */
async function setAvailable(sku: string, storeId: string, available: number): Promise<Stock> {
  const { reserved } = await stockOf(sku, storeId);
  const r = await s.call(`/v1/admin/stock/${storeId}/${sku}`, { method: 'PUT', key: SK, body: { quantity: reserved + available } });
  assert.equal(r.status, 200, r.text);
  return stockOf(sku, storeId);
}

const reservationsOf = (orderId: string) =>
  s.db.query<{ line_id: string; sku: string; store_id: string; quantity: number; status: string }>(
    'SELECT line_id, sku, store_id, quantity, status FROM reservations WHERE order_id = $1 ORDER BY sku, store_id', [orderId],
  );

const readOrder = (id: string, headers: Headers = {}, key?: string) => s.call(`/v1/orders/${id}`, { headers, ...(key ? { key } : {}) });
const pay = (id: string, status: string) => s.call(`/v1/admin/orders/${id}/payment`, { key: SK, body: { status } });
const cancel = (id: string) => s.call(`/v1/admin/orders/${id}/cancel`, { key: SK, body: {} });

async function admin(reply: Reply): Promise<Order> {
  assert.equal(reply.status, 200, reply.text);
  const o = parseWith(Order, reply.json);
  assert.deepEqual(o.contact, contact);
  return o;
}

const stream = (topics: string[]) =>
  SseClient.open(`${s.url}/v1/events?topics=${topics.map(encodeURIComponent).join(',')}`, { headers: { Authorization: `Bearer ${PK}` } });

/** The lines of a 409 `checkout_unavailable` (the envelope schema keeps only `details.issues`, so read the raw body). */
function unavailableLines(reply: Reply): UnavailableLine[] {
  assertError(reply, 409, 'checkout_unavailable');
  const lines = reply.json.error.details?.lines;
  assert.ok(Array.isArray(lines), 'details.lines');
  return lines.map((l: unknown) => parseWith(UnavailableLine, l));
}

/** Makes an order's payment window close by moving its due time into the past (never by waiting). */
const makeDue = (orderId: string) => s.db.query("UPDATE orders SET payment_due_at = now() - interval '1 minute' WHERE id = $1", [orderId]);

describe('checkout', () => {
  test('a mixed cart: pickup and delivery reserved, take-now taken off the shelf, the cart ordered', async () => {
    const [a, b, c] = [skus[0]!, skus[1]!, skus[2]!];
    const aBefore = await setAvailable(a, S1, 10);
    const bBefore = await setAvailable(b, ONLINE_LOCATION, 10);
    const cBefore = await setAvailable(c, S1, 10);
    const h = await newCart({ 'Omnikit-Channel': 'kiosk' });
    await add(h, a, 2, pickupAt(S1));
    await add(h, b, 1, delivery);
    const cart = await add(h, c, 1, takeNowAt(S1));
    assert.equal(cart.ready, true);
    const events = await stream([stockTopic(a, S1), stockTopic(c, S1)]);
    try {
      await events.next('stream.ready');
      const o = await placed(await checkout(h, { payment: { method: 'online' }, contact }, { 'Omnikit-Channel': 'kiosk' }));
      assert.match(o.number, new RegExp(`^OK-[${HANDOFF_ALPHABET}]{6}$`));
      assert.deepEqual([o.status, o.payment.method, o.payment.status, o.channel, o.cartId], ['awaiting_payment', 'online', 'pending', 'kiosk', h.id]);
      const minutes = (Date.parse(o.payment.dueAt!) - Date.parse(o.createdAt)) / 60_000;
      assert.equal(Math.round(minutes), DEFAULT_PAYMENT_WINDOW_MINUTES);
      assert.equal(o.contact, undefined, 'no contact in a shopper answer');
      assert.deepEqual(o.storeIds, [S1]);
      // Lines, groups and money as the cart showed them.
      assert.deepEqual(o.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.lineTotal]), cart.lines.map((l) => [l.sku, l.quantity, l.unitPrice, l.lineTotal]));
      assert.deepEqual(o.totals, cart.totals);
      assert.deepEqual(o.groups, cart.groups);

      const lineOf = (sku: string) => cart.lines.find((l) => l.sku === sku)!.id;
      const expected = [
        { line_id: lineOf(a), sku: a, store_id: S1, quantity: 2, status: 'active' },
        { line_id: lineOf(b), sku: b, store_id: ONLINE_LOCATION, quantity: 1, status: 'active' },
        { line_id: lineOf(c), sku: c, store_id: S1, quantity: 1, status: 'fulfilled' },
      ].sort((x, y) => (x.sku < y.sku ? -1 : 1));
      assert.deepEqual(await reservationsOf(o.id), expected);
      assert.deepEqual(await stockOf(a, S1), { ...aBefore, reserved: aBefore.reserved + 2, available: 8 });
      assert.deepEqual(await stockOf(b, ONLINE_LOCATION), { ...bBefore, reserved: bBefore.reserved + 1, available: 9 });
      assert.deepEqual(await stockOf(c, S1), { ...cBefore, onHand: cBefore.onHand - 1, available: 9 });
      const [movement] = await s.db.query<{ delta: number; reason: string; on_hand_after: number }>(
        'SELECT delta, reason, on_hand_after FROM stock_movements WHERE sku = $1 AND store_id = $2 ORDER BY id DESC LIMIT 1', [c, S1],
      );
      assert.deepEqual(movement, { delta: -1, reason: 'sale_in_store', on_hand_after: cBefore.onHand - 1 });

      // Every badge sees it: the availability route and the stream.
      const av = parseWith(AvailabilityAnswer, (await s.call(`/v1/availability?skus=${a},${c}&stores=${S1}`)).json);
      assert.deepEqual(av.items.map((i) => [i.sku, i.available]), [[a, 8], [c, 9]]);
      const ea = await events.until(() => events.events.find((e) => e.event === 'stock.changed' && e.data.data.sku === a && e.data.data.available === 8), 5000, 'stock.changed of a');
      assert.deepEqual([ea.data.data.available, ea.data.data.reserved], [8, aBefore.reserved + 2]);
      await events.until(() => events.events.find((e) => e.event === 'stock.changed' && e.data.data.sku === c && e.data.data.onHand === cBefore.onHand - 1), 5000, 'stock.changed of c');
    } finally {
      events.close();
    }

    // The cart became the order and takes no more changes.
    const after = parseWith(Cart, (await s.call(`/v1/carts/${h.id}`, { headers: secretHeader(h) })).json);
    assert.equal(after.status, 'ordered');
    assert.ok(after.orderId);
    assertError(await s.call(`/v1/carts/${h.id}/lines`, { body: { sku: a, quantity: 1, fulfillment: delivery }, headers: secretHeader(h) }), 409, 'cart_closed');
    assertError(await checkout(h, { payment: { method: 'online' }, contact }), 409, 'cart_closed');
  });

  test('paying in the store confirms at once, also for a cart of take-now lines only', async () => {
    await setAvailable(skus[3]!, S1, 5);
    const { order: o } = await order([[skus[3]!, 1, takeNowAt(S1)]], 'in_store');
    assert.deepEqual([o.status, o.payment.status, o.payment.dueAt], ['confirmed', 'at_pickup', undefined]);
    const inv = await order([[skus[3]!, 1, pickupAt(S1)]], 'invoice');
    assert.deepEqual([inv.order.status, inv.order.payment.status], ['awaiting_payment', 'pending']);
    // The till (secret key, channel pos) builds a cart and checks it out for the shopper.
    const r = await s.call('/v1/carts', { key: SK, body: {} });
    const till = { id: r.json.cart.id as string, secret: '' };
    const line = await s.call(`/v1/carts/${till.id}/lines`, { key: SK, body: { sku: skus[3]!, quantity: 1, fulfillment: pickupAt(S1) } });
    assert.equal(line.status, 200, line.text);
    const pos = await placed(await s.call(`/v1/carts/${till.id}/checkout`, { key: SK, body: { payment: { method: 'in_store' }, contact } }));
    assert.deepEqual([pos.channel, pos.status], ['pos', 'confirmed']);
  });

  test('a line that cannot be had: 409 with the lines and what can, nothing reserved', async () => {
    const [ok, short] = [skus[4]!, skus[5]!];
    const okBefore = await setAvailable(ok, S1, 10);
    // Nothing to transfer from: none online, none within a courier run; 20 in Malmö (an alternative, too far to send).
    await s.db.query('UPDATE stock SET on_hand = reserved WHERE sku = $1', [short]);
    await setAvailable(short, S1, 1);
    await setAvailable(short, FAR, 20);
    const h = await newCart();
    await add(h, ok, 1, pickupAt(S1));
    const cart = await add(h, short, 3, pickupAt(S1));
    const lines = unavailableLines(await checkout(h, { payment: { method: 'online' }, contact }));
    assert.deepEqual(lines.map((l) => [l.lineId, l.sku, l.problem, l.available]), [[cart.lines[1]!.id, short, 'insufficient_stock', 1]]);
    assert.ok(lines[0]!.alternatives.some((a) => a.fulfillment.type === 'pickup' && a.fulfillment.storeId === FAR));
    assert.deepEqual(await stockOf(ok, S1), okBefore);
    assert.equal((await s.db.query('SELECT 1 FROM orders WHERE cart_id = $1', [h.id])).length, 0);
    const still = parseWith(Cart, (await s.call(`/v1/carts/${h.id}`, { headers: secretHeader(h) })).json);
    assert.deepEqual([still.status, still.version], ['open', cart.version]);
    // An empty cart: the same code, with no lines.
    const empty = await newCart();
    assert.deepEqual(unavailableLines(await checkout(empty, { payment: { method: 'online' }, contact })), []);
  });

  test('two lines that each fit but not together (counter and curbside at one store): 409, nothing reserved', async () => {
    const [store] = await s.db.query<{ id: string }>(
      `SELECT id FROM stores WHERE type = 'store' AND services @> '["curbside", "click_and_collect"]' ORDER BY id LIMIT 1`,
    );
    assert.ok(store, 'a store with curbside pickup in the seed');
    const sku = skus[17]!;
    const before = await setAvailable(sku, store.id, 3);
    const h = await newCart();
    await add(h, sku, 2, pickupAt(store.id));
    const cart = await add(h, sku, 2, { type: 'pickup', storeId: store.id, method: 'curbside' });
    assert.equal(cart.ready, true, 'each line alone can be had');
    const lines = unavailableLines(await checkout(h, { payment: { method: 'online' }, contact }));
    assert.equal(lines.length, 1);
    assert.ok(cart.lines.some((l) => l.id === lines[0]!.lineId));
    assert.deepEqual([lines[0]!.problem, lines[0]!.available], ['insufficient_stock', 1]);
    assert.deepEqual(await stockOf(sku, store.id), before);
  });

  test('an Idempotency-Key replays the order: one order, one reservation', async () => {
    const sku = skus[6]!;
    const before = await setAvailable(sku, S1, 10);
    const h = await newCart();
    await add(h, sku, 2, pickupAt(S1));
    const key = { 'Idempotency-Key': `checkout-${h.id}` };
    const body = { payment: { method: 'online' }, contact };
    const first = await placed(await checkout(h, body, key));
    const again = await checkout(h, body, key);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(parseWith(Order, again.json), first);
    assert.equal((await reservationsOf(first.id)).length, 1);
    assert.equal((await stockOf(sku, S1)).reserved, before.reserved + 2);
    assert.equal((await s.db.query('SELECT 1 FROM orders WHERE cart_id = $1', [h.id])).length, 1);
    assertError(await checkout(h, { ...body, payment: { method: 'invoice' } }, key), 422, 'idempotency_key_reused');
  });

  test('a checkout whose response was lost, retried with the same key: one effect', async () => {
    const sku = skus[7]!;
    const before = await setAvailable(sku, S1, 10);
    const h = await newCart();
    await add(h, sku, 1, pickupAt(S1));
    const body = JSON.stringify({ payment: { method: 'online' }, contact });
    const key = `lost-${h.id}`;
    // Send the request on a raw socket and hang up at once: the server commits, nobody reads the answer.
    const url = new URL(s.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.end([
          `POST /v1/carts/${h.id}/checkout HTTP/1.1`, `Host: ${url.host}`, `Authorization: Bearer ${PK}`,
          `Omnikit-Cart-Secret: ${h.secret}`, `Idempotency-Key: ${key}`, 'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', body,
        ].join('\r\n'), () => {
          socket.destroy();
          resolve();
        });
      });
      socket.on('error', reject);
    });
    // Until the first attempt has committed (or is still running: 409 in progress), retry as a client would.
    let reply: Reply | undefined;
    for (let i = 0; i < 100; i++) {
      reply = await s.call(`/v1/carts/${h.id}/checkout`, { raw: body, headers: { ...secretHeader(h), 'Idempotency-Key': key } });
      if (reply.status !== 409 || reply.json?.error?.code !== 'idempotency_key_in_progress') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const o = await placed(reply!);
    assert.equal((await s.db.query('SELECT 1 FROM orders WHERE cart_id = $1', [h.id])).length, 1);
    assert.equal((await reservationsOf(o.id)).length, 1);
    assert.equal((await stockOf(sku, S1)).reserved, before.reserved + 1);
  });

  test('a stale If-Match is 409 cart_version_conflict and reserves nothing', async () => {
    const sku = skus[8]!;
    const before = await setAvailable(sku, S1, 10);
    const h = await newCart();
    const cart = await add(h, sku, 1, pickupAt(S1));
    assertError(await checkout(h, { payment: { method: 'online' }, contact }, { 'If-Match': `"${cart.version - 1}"` }), 409, 'cart_version_conflict');
    assert.deepEqual(await stockOf(sku, S1), before);
    await placed(await checkout(h, { payment: { method: 'online' }, contact }, { 'If-Match': `"${cart.version}"` }));
  });

  test('bad input: 4xx with codes, nothing reserved', async () => {
    const sku = skus[9]!;
    const before = await setAvailable(sku, S1, 10);
    const h = await newCart();
    await add(h, sku, 1, pickupAt(S1));
    await add(h, sku, 1, delivery);
    const bodies = [
      { payment: { method: 'online' }, contact: { email: 'not an email' } },
      { payment: { method: 'online' }, contact: { email: `${'a'.repeat(250)}@example.com` } },
      { payment: { method: 'bitcoin' }, contact },
      { payment: {}, contact },
      { payment: { method: 'online' } },
      {},
    ];
    for (const body of bodies) assertError(await checkout(h, body), 400, 'validation_failed');
    assertError(await s.call(`/v1/carts/${h.id}/checkout`, { raw: '{"payment":', headers: secretHeader(h) }), 400, 'invalid_json');
    // Another shopper's secret, none, an unknown or malformed cart id.
    const other = await newCart();
    assertError(await checkout({ id: h.id, secret: other.secret }, { payment: { method: 'online' }, contact }), 404, 'cart_not_found');
    assertError(await s.call(`/v1/carts/${h.id}/checkout`, { body: { payment: { method: 'online' }, contact } }), 404, 'cart_not_found');
    assertError(await checkout({ id: 'cart_nope', secret: h.secret }, { payment: { method: 'online' }, contact }), 404, 'cart_not_found');
    assertError(await checkout({ id: 'bad%20id', secret: h.secret }, { payment: { method: 'online' }, contact }), 400, 'validation_failed');
    assert.deepEqual(await stockOf(sku, S1), before);
    // Paying in the store needs something collected in a store.
    const d = await newCart();
    await add(d, sku, 1, delivery);
    const e = assertError(await checkout(d, { payment: { method: 'in_store' }, contact }), 400, 'validation_failed');
    assert.equal((e.details as { issues: { path: string }[] }).issues[0]!.path, 'body.payment.method');
  });
});

describe('orders', () => {
  test('read with the cart secret or the customer token; anything else is 404; the secret key sees the contact', async () => {
    await setAvailable(skus[10]!, S1, 10);
    const mine = await order([[skus[10]!, 1, pickupAt(S1)]]);
    const r = await readOrder(mine.order.id, secretHeader(mine.h));
    assert.equal(r.status, 200, r.text);
    const read = parseWith(Order, r.json);
    assert.deepEqual(read, mine.order);
    assert.equal(read.contact, undefined);

    const token = (await s.call('/v1/admin/customer-tokens', { key: SK, body: { customerId: `orders-${Date.now()}` } })).json.token as string;
    const member = { 'Omnikit-Customer-Token': token };
    const theirs = await order([[skus[10]!, 1, pickupAt(S1)]], 'online', member);
    assert.equal((await readOrder(theirs.order.id, member)).status, 200);
    assert.equal((await readOrder(theirs.order.id, secretHeader(theirs.h))).status, 200);

    const other = await newCart();
    const hidden = [
      await readOrder(mine.order.id),
      await readOrder(mine.order.id, secretHeader(other)),
      await readOrder(mine.order.id, { 'Omnikit-Cart-Secret': `${mine.h.secret}x` }),
      await readOrder(mine.order.id, member),
      await readOrder('ord_doesnotexist', secretHeader(mine.h)),
    ];
    for (const reply of hidden) {
      const e = assertError(reply, 404, 'order_not_found');
      assert.equal(e.message, 'No such order, or not yours to open.');
    }
    assertError(await readOrder('not%20an%20id'), 400, 'validation_failed');
    await admin(await readOrder(mine.order.id, {}, SK));
  });

  test('marked paid: confirmed and paid, an order.changed event; the same answer again is a no-op', async () => {
    await setAvailable(skus[11]!, S1, 10);
    const { order: o } = await order([[skus[11]!, 1, pickupAt(S1)]]);
    const events = await stream([orderTopic(o.id)]);
    try {
      await events.next('stream.ready');
      const paid = await admin(await pay(o.id, 'paid'));
      assert.deepEqual([paid.status, paid.payment.status], ['confirmed', 'paid']);
      // (On PostgreSQL the checkout's own notice may arrive after the stream opened: wait for this one.)
      const e = await events.until(() => events.events.find((x) => x.event === 'order.changed' && x.data.data.status !== 'awaiting_payment'), 5000, 'order.changed');
      assert.deepEqual(e.data.data, { orderId: o.id, status: 'confirmed' });
    } finally {
      events.close();
    }
    const again = await admin(await pay(o.id, 'paid'));
    assert.equal(again.status, 'confirmed');
    assertError(await pay(o.id, 'failed'), 409, 'order_status_conflict');
    assert.deepEqual((await reservationsOf(o.id)).map((r) => r.status), ['active']);
  });

  test('payment failed: cancelled, reservations released, stock.changed', async () => {
    const sku = skus[12]!;
    const before = await setAvailable(sku, S1, 10);
    const { order: o } = await order([[sku, 3, pickupAt(S1)]]);
    assert.equal((await stockOf(sku, S1)).reserved, before.reserved + 3);
    const events = await stream([stockTopic(sku, S1)]);
    try {
      await events.next('stream.ready');
      const failed = await admin(await pay(o.id, 'failed'));
      assert.deepEqual([failed.status, failed.payment.status], ['cancelled', 'failed']);
      await events.until(() => events.events.find((e) => e.event === 'stock.changed' && e.data.data.available === 10), 5000, 'release');
    } finally {
      events.close();
    }
    assert.deepEqual(await stockOf(sku, S1), before);
    assert.deepEqual((await reservationsOf(o.id)).map((r) => r.status), ['released']);
    assert.equal((await admin(await pay(o.id, 'failed'))).status, 'cancelled');
    assertError(await pay(o.id, 'paid'), 409, 'order_status_conflict');
  });

  test('cancel releases the reservations, leaves take-now goods sold; collected orders cannot be cancelled', async () => {
    const [a, b] = [skus[13]!, skus[14]!];
    const aBefore = await setAvailable(a, S1, 10);
    const bBefore = await setAvailable(b, S1, 10);
    const { order: o } = await order([[a, 2, pickupAt(S1)], [b, 1, takeNowAt(S1)]], 'in_store');
    assert.equal(o.status, 'confirmed');
    const cancelled = await admin(await cancel(o.id));
    assert.deepEqual([cancelled.status, cancelled.payment.status], ['cancelled', 'at_pickup']);
    assert.deepEqual(await stockOf(a, S1), aBefore);
    assert.deepEqual(await stockOf(b, S1), { ...bBefore, onHand: bBefore.onHand - 1, available: 9 });
    assert.deepEqual((await reservationsOf(o.id)).map((r) => [r.sku, r.status]), [[a, 'released'], [b, 'fulfilled']].sort());
    assert.equal((await admin(await cancel(o.id))).status, 'cancelled', 'cancelling again is a no-op');
    assert.deepEqual(await stockOf(a, S1), aBefore, 'released once');

    const { order: collected } = await order([[a, 1, pickupAt(S1)]], 'in_store');
    await s.db.query("UPDATE orders SET status = 'collected' WHERE id = $1", [collected.id]);
    assertError(await cancel(collected.id), 409, 'order_status_conflict');
    assertError(await cancel('ord_doesnotexist'), 404, 'order_not_found');
    assertError(await pay('ord_doesnotexist', 'paid'), 404, 'order_not_found');
    assertError(await pay(collected.id, 'refunded'), 400, 'validation_failed');
    assertError(await s.call(`/v1/admin/orders/${collected.id}/cancel`, { body: {} }), 403, 'forbidden');
  });

  test('unpaid past the window: expired on read, by the timer function and in the admin list; reservations released', async () => {
    const sku = skus[15]!;
    const before = await setAvailable(sku, S1, 10);
    const first = await order([[sku, 2, pickupAt(S1)]]);
    const second = await order([[sku, 3, pickupAt(S1)]]);
    const third = await order([[sku, 1, pickupAt(S1)]]);
    const untouched = await order([[sku, 1, pickupAt(S1)]]);
    assert.equal((await stockOf(sku, S1)).reserved, before.reserved + 7);
    const events = await stream([orderTopic(first.order.id), stockTopic(sku, S1)]);
    try {
      await events.next('stream.ready');
      // A read applies the expiry.
      await makeDue(first.order.id);
      const read = parseWith(Order, (await readOrder(first.order.id, secretHeader(first.h))).json);
      assert.equal(read.status, 'expired');
      const e = await events.until(() => events.events.find((x) => x.event === 'order.changed' && x.data.data.status !== 'awaiting_payment'), 5000, 'order.changed');
      assert.deepEqual(e.data.data, { orderId: first.order.id, status: 'expired' });
      await events.until(() => events.events.find((e) => e.event === 'stock.changed' && e.data.data.reserved === before.reserved + 5), 5000, 'release');
    } finally {
      events.close();
    }
    assert.equal((await stockOf(sku, S1)).reserved, before.reserved + 5);
    // A closed window refuses a late payment and a cancel.
    await makeDue(second.order.id);
    assertError(await pay(second.order.id, 'paid'), 409, 'order_status_conflict');
    assertError(await cancel(second.order.id), 409, 'order_status_conflict');
    // What the server's 30 s timer runs.
    const state = { db: s.db, bus: s.bus, paymentWindowMinutes: DEFAULT_PAYMENT_WINDOW_MINUTES } as AppState;
    assert.equal(await expireOrders(state), 1);
    assert.equal(await expireOrders(state), 0);
    assert.equal((await admin(await readOrder(second.order.id, {}, SK))).status, 'expired');
    // The admin list applies it too.
    await makeDue(third.order.id);
    const list = parseWith(OrderPage, (await s.call(`/v1/admin/orders?status=expired&storeId=${S1}&pageSize=100`, { key: SK })).json);
    assert.ok(list.items.some((o) => o.id === third.order.id));
    assert.deepEqual(await stockOf(sku, S1), { ...before, reserved: before.reserved + 1, available: 9 });
    assert.equal((await admin(await readOrder(untouched.order.id, {}, SK))).status, 'awaiting_payment');
    assert.deepEqual((await reservationsOf(first.order.id)).map((r) => r.status), ['released']);
  });

  test('the admin list: newest first, by store, channel and status, with contacts, paged', async () => {
    const sku = skus[16]!;
    await setAvailable(sku, S1, 20);
    await setAvailable(sku, S2, 20);
    await setAvailable(sku, ONLINE_LOCATION, 20);
    const kiosk = { 'Omnikit-Channel': 'kiosk' };
    const atS2 = await order([[sku, 1, pickupAt(S2)]], 'in_store', kiosk);
    const web = await order([[sku, 1, delivery]], 'online');
    const both = await order([[sku, 1, pickupAt(S1)], [sku, 1, takeNowAt(S2)]], 'in_store', kiosk);
    const list = async (q: string) => {
      const r = await s.call(`/v1/admin/orders?${q}`, { key: SK });
      assert.equal(r.status, 200, r.text);
      const p = parseWith(OrderPage, r.json);
      for (const o of p.items) assert.deepEqual(o.contact, contact);
      return p;
    };
    const ids = (p: OrderPage) => p.items.map((o) => o.id);
    const all = await list('pageSize=100');
    const mine = ids(all).filter((id) => [atS2, web, both].some((x) => x.order.id === id));
    assert.deepEqual(mine, [both.order.id, web.order.id, atS2.order.id], 'newest first');
    const byStore = await list(`storeId=${S2}&pageSize=100`);
    assert.ok(ids(byStore).includes(atS2.order.id) && ids(byStore).includes(both.order.id) && !ids(byStore).includes(web.order.id));
    assert.ok(byStore.items.every((o) => o.storeIds.includes(S2)));
    const byChannel = await list('channel=kiosk&pageSize=100');
    assert.ok(byChannel.items.every((o) => o.channel === 'kiosk') && !ids(byChannel).includes(web.order.id));
    const byStatus = await list('status=awaiting_payment&pageSize=100');
    assert.ok(byStatus.items.every((o) => o.status === 'awaiting_payment') && ids(byStatus).includes(web.order.id));
    const combined = await list(`storeId=${S2}&channel=kiosk&status=confirmed&pageSize=100`);
    assert.ok(ids(combined).includes(atS2.order.id));
    const paged = await list('pageSize=1&page=2');
    assert.deepEqual([paged.page, paged.pageSize, paged.items.length, paged.total], [2, 1, 1, all.total]);
    assert.equal(paged.items[0]!.id, all.items[1]!.id);
    for (const q of ['status=lost', 'channel=fax', 'pageSize=0', 'pageSize=101', 'page=abc', 'storeId=%20']) {
      assertError(await s.call(`/v1/admin/orders?${q}`, { key: SK }), 400, 'validation_failed');
    }
    assertError(await s.call('/v1/admin/orders'), 403, 'forbidden');
  });
});

// PostgreSQL only: PGlite runs one transaction at a time, so it cannot race.
describe('checkout race', { skip: onPostgres ? false : 'needs PostgreSQL (OMNIKIT_TEST_DATABASE_URL)' }, () => {
  test('20 carts check out the last 3 units at one store at once: exactly 3 orders, never below zero', async () => {
    const sku = skus[20]!;
    // The last 3 anywhere (no transfer from the online stock or another store can stand in).
    await s.db.query('UPDATE stock SET on_hand = reserved WHERE sku = $1', [sku]);
    const before = await setAvailable(sku, S1, 3);
    const carts = await Promise.all(Array.from({ length: 20 }, async () => {
      const h = await newCart();
      const cart = await add(h, sku, 1, pickupAt(S1));
      return { h, lineId: cart.lines[0]!.id };
    }));
    const replies = await Promise.all(carts.map(({ h }, i) =>
      checkout(h, { payment: { method: 'online' }, contact }, { 'Idempotency-Key': `race-${i}-${h.id}` })));
    const won = replies.filter((r) => r.status === 201);
    const lost = replies.map((r, i) => ({ r, lineId: carts[i]!.lineId })).filter(({ r }) => r.status !== 201);
    assert.equal(won.length, 3, replies.map((r) => `${r.status} ${r.json?.error?.code ?? ''}`).join(', '));
    for (const { r, lineId } of lost) {
      const lines = unavailableLines(r);
      assert.deepEqual(lines.map((l) => [l.lineId, l.sku, l.available]), [[lineId, sku, 0]]);
      assert.equal(lines[0]!.problem, 'out_of_stock');
    }
    const after = await stockOf(sku, S1);
    assert.deepEqual(after, { onHand: before.onHand, reserved: before.reserved + 3, available: 0 });
    assert.ok(after.reserved <= after.onHand);
    const held = await s.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM reservations WHERE sku = $1 AND store_id = $2 AND status = 'active'", [sku, S1],
    );
    assert.equal(held[0]!.n, 3);
  });
});
