// Click and collect beyond the store's own shelves: a cart line with pickup at a store, at its
// curb or at a parcel locker is accepted when the fulfilment options say it is possible (from
// the store's stock, or by a transfer from the online stock or another store), checkout
// reserves at the source, and the order records where the units come from. The cart and the
// options endpoint answer with one rule: a table of cases checks they agree. Then delivery
// lines shipped and returned in a store, and the payment provider's refund payout. The clock is
// pinned (a Tuesday, 11:00 in Stockholm), so ready times are exact.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Cart, CartAccess, FulfillmentOptions, ONLINE_LOCATION, Order, Refund, type Fulfillment, type UnavailableLine,
} from '@omnikit/contract';
import { fulfillmentKey } from '../src/carts.js';
import { SEED_FIXTURES as F } from '../src/index.js';
import { SK, assertError, onPostgres, parseWith, startTestServer, type Reply, type TestServer } from './helpers.js';

let s: TestServer;
const NOW = new Date('2027-03-23T10:00:00Z');
let skus: string[] = [];
before(async () => {
  s = await startTestServer('transfers', { clock: () => NOW });
  skus = (await s.db.query<{ sku: string }>(
    `SELECT sku FROM products WHERE active AND NOT online_only AND sku > 'OK-10100' ORDER BY sku LIMIT 40`,
  )).map((r) => r.sku);
});
after(() => s.close());

const X = F.defaultStoreId; // Stockholm Drottninggatan (no curbside)
const NEAR = F.nearbyStoreId; // Stockholm Götgatan, 2 km
const CURB = 'se-solna-mall-of-scandinavia'; // Solna, with curbside, 7 km
const FAR = 'se-malmo-sodra-forstadsgatan'; // farther than a courier run
const LOCKER = F.lockerId; // T-Centralen, beside X
const HKI = 'fi-helsinki-aleksanterinkatu';
const contact = { email: 'shopper@example.com' };

interface Handle { id: string; secret: string }
const secret = (h: Handle) => ({ 'Omnikit-Cart-Secret': h.secret });
const pickup = (storeId: string, method: 'in_store' | 'curbside' | 'locker' = 'in_store'): Fulfillment => ({ type: 'pickup', storeId, method });

/** Sets a SKU's available units: `levels` by location, none available anywhere else (rows kept, reservations untouched). */
async function stockOnly(sku: string, levels: Record<string, number>): Promise<void> {
  await s.db.query('UPDATE stock SET on_hand = reserved WHERE sku = $1', [sku]);
  for (const [storeId, available] of Object.entries(levels)) {
    await s.db.query(
      `INSERT INTO stock (sku, store_id, on_hand) VALUES ($1, $2, $3)
       ON CONFLICT (sku, store_id) DO UPDATE SET on_hand = stock.reserved + EXCLUDED.on_hand`,
      [sku, storeId, available],
    );
  }
}

async function stockOf(sku: string, storeId: string): Promise<{ onHand: number; reserved: number }> {
  const [r] = await s.db.query<{ on_hand: number; reserved: number }>('SELECT on_hand, reserved FROM stock WHERE sku = $1 AND store_id = $2', [sku, storeId]);
  return { onHand: r?.on_hand ?? 0, reserved: r?.reserved ?? 0 };
}

async function newCart(): Promise<Handle> {
  const r = await s.call('/v1/carts', { body: {} });
  assert.equal(r.status, 201, r.text);
  const a = parseWith(CartAccess, r.json);
  return { id: a.cart.id, secret: a.secret! };
}

async function add(h: Handle, sku: string, quantity: number, fulfillment: Fulfillment): Promise<Cart> {
  const r = await s.call(`/v1/carts/${h.id}/lines`, { body: { sku, quantity, fulfillment }, headers: secret(h) });
  assert.equal(r.status, 200, r.text);
  return parseWith(Cart, r.json);
}

const checkout = (h: Handle, method = 'online') => s.call(`/v1/carts/${h.id}/checkout`, { body: { payment: { method }, contact }, headers: secret(h) });

async function placed(reply: Reply): Promise<Order> {
  assert.equal(reply.status, 201, reply.text);
  return parseWith(Order, reply.json);
}

const reservations = (orderId: string) => s.db.query<{ line_id: string; sku: string; store_id: string; quantity: number; status: string }>(
  'SELECT line_id, sku, store_id, quantity, status FROM reservations WHERE order_id = $1 ORDER BY id', [orderId],
);

/** The options endpoint's answer for one SKU, quantity and fulfilment: the line of the option with that fulfilment's id. */
async function optionLine(sku: string, quantity: number, f: Fulfillment) {
  const where = f.type === 'delivery' ? '' : `&storeId=${f.storeId}`;
  const r = await s.call(`/v1/fulfillment/options?sku=${sku}&quantity=${quantity}&country=SE${where}`);
  assert.equal(r.status, 200, r.text);
  const option = parseWith(FulfillmentOptions, r.json).options.find((o) => o.id === fulfillmentKey(f));
  assert.ok(option, `the options at ${f.type === 'delivery' ? 'delivery' : f.storeId} list ${fulfillmentKey(f)}`);
  return option.lines[0]!;
}

describe('pickup by transfer and at lockers', () => {
  test('out of stock at the store, 5 at a store nearby: the line is fine by transfer; checkout reserves at the source', async () => {
    const sku = skus[0]!;
    await stockOnly(sku, { [X]: 0, [NEAR]: 5, [FAR]: 50 });
    const h = await newCart();
    const cart = await add(h, sku, 2, pickup(X));
    const a = cart.lines[0]!.availability;
    assert.deepEqual([a.ok, a.problem, a.available, a.source, a.transferFrom], [true, undefined, 0, 'transfer', NEAR]);
    assert.equal(cart.ready, true);
    // The courier run's four hours from 11:00, then the preparation: 15:30 Stockholm time.
    assert.equal(a.readyAt, '2027-03-23T14:30:00.000Z');
    const opt = await optionLine(sku, 2, pickup(X));
    assert.deepEqual([opt.possible, opt.source, opt.transferFrom, opt.readyAt], [true, 'transfer', NEAR, a.readyAt]);

    const before = { x: await stockOf(sku, X), near: await stockOf(sku, NEAR) };
    const order = await placed(await checkout(h));
    assert.deepEqual(await reservations(order.id), [{ line_id: cart.lines[0]!.id, sku, store_id: NEAR, quantity: 2, status: 'active' }]);
    assert.deepEqual(await stockOf(sku, NEAR), { ...before.near, reserved: before.near.reserved + 2 });
    assert.deepEqual(await stockOf(sku, X), before.x);
    const line = order.lines[0]!;
    assert.deepEqual([line.fulfillment, line.source, line.transferFrom, line.promisedReadyAt], [pickup(X), 'transfer', NEAR, a.readyAt]);
    assert.deepEqual(order.storeIds, [X]);
    assert.deepEqual(order.pickups?.map((p) => [p.storeId, p.method]), [[X, 'in_store']]);
    // Cancelling gives the units back where they were reserved.
    const cancelled = await s.call(`/v1/admin/orders/${order.id}/cancel`, { key: SK, body: {} });
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.deepEqual(await stockOf(sku, NEAR), before.near);
  });

  test('none in any store near, 10 online: curbside by transfer from the online stock, reserved there', async () => {
    const sku = skus[1]!;
    await stockOnly(sku, { [ONLINE_LOCATION]: 10, [FAR]: 50 });
    const h = await newCart();
    const cart = await add(h, sku, 3, pickup(CURB, 'curbside'));
    const a = cart.lines[0]!.availability;
    assert.deepEqual([a.ok, a.source, a.transferFrom], [true, 'transfer', ONLINE_LOCATION]);
    const before = await stockOf(sku, ONLINE_LOCATION);
    const order = await placed(await checkout(h));
    assert.deepEqual((await reservations(order.id)).map((r) => [r.store_id, r.quantity]), [[ONLINE_LOCATION, 3]]);
    assert.equal((await stockOf(sku, ONLINE_LOCATION)).reserved, before.reserved + 3);
    assert.deepEqual([order.lines[0]!.source, order.lines[0]!.transferFrom], ['transfer', ONLINE_LOCATION]);
    // On hand at the store: no transfer, reserved at the store, recorded as such.
    const h2 = await newCart();
    await stockOnly(skus[2]!, { [X]: 4 });
    const c2 = await add(h2, skus[2]!, 4, pickup(X));
    assert.deepEqual([c2.lines[0]!.availability.source, c2.lines[0]!.availability.transferFrom], ['on_hand', undefined]);
    const o2 = await placed(await checkout(h2));
    assert.deepEqual((await reservations(o2.id)).map((r) => [r.store_id, r.quantity]), [[X, 4]]);
    assert.deepEqual([o2.lines[0]!.source, o2.lines[0]!.transferFrom], ['on_hand', undefined]);
  });

  test('a locker line: added, fed from the nearest store with the units, checked out with the reservation there', async () => {
    const sku = skus[3]!;
    await stockOnly(sku, { [X]: 6, [NEAR]: 6 });
    const h = await newCart();
    const cart = await add(h, sku, 2, pickup(LOCKER, 'locker'));
    const a = cart.lines[0]!.availability;
    assert.deepEqual([a.ok, a.available, a.source, a.transferFrom], [true, 0, 'transfer', X]);
    const opt = await optionLine(sku, 2, pickup(LOCKER, 'locker'));
    assert.deepEqual([opt.possible, opt.transferFrom, opt.readyAt], [true, a.transferFrom, a.readyAt]);
    assert.equal(cart.groups[0]!.id, `pickup:${LOCKER}:locker`);
    const before = await stockOf(sku, X);
    const order = await placed(await checkout(h, 'in_store'));
    assert.deepEqual((await reservations(order.id)).map((r) => [r.store_id, r.quantity]), [[X, 2]]);
    assert.equal((await stockOf(sku, X)).reserved, before.reserved + 2);
    assert.deepEqual(order.storeIds, [LOCKER]);
    assert.deepEqual(order.pickups?.map((p) => [p.storeId, p.method]), [[LOCKER, 'locker']]);
    assert.deepEqual([order.lines[0]!.source, order.lines[0]!.transferFrom], ['transfer', X]);
  });

  test('collected: a line brought from the online stock leaves the online stock', async () => {
    const sku = skus[10]!;
    await stockOnly(sku, { [ONLINE_LOCATION]: 5 });
    const h = await newCart();
    await add(h, sku, 1, pickup(X));
    const order = await placed(await checkout(h, 'in_store'));
    const before = await stockOf(sku, ONLINE_LOCATION);
    for (const status of ['ready', 'collected']) {
      const r = await s.call(`/v1/admin/orders/${order.id}/status`, { key: SK, body: { status } });
      assert.equal(r.status, 200, r.text);
    }
    assert.deepEqual((await reservations(order.id)).map((r) => r.status), ['fulfilled']);
    assert.deepEqual(await stockOf(sku, ONLINE_LOCATION), { onHand: before.onHand - 1, reserved: before.reserved - 1 });
  });

  test('a locker takes locker pickup only; a warehouse no pickup; take-now a store only: 400, the cart unchanged', async () => {
    const h = await newCart();
    for (const fulfillment of [pickup(LOCKER, 'in_store'), pickup(LOCKER, 'curbside'), { type: 'pickup', storeId: LOCKER }, pickup(ONLINE_LOCATION), { type: 'take_now', storeId: LOCKER }]) {
      const r = await s.call(`/v1/carts/${h.id}/lines`, { body: { sku: F.inStock.sku, quantity: 1, fulfillment }, headers: secret(h) });
      assertError(r, 400, 'validation_failed');
    }
    const r = await s.call(`/v1/carts/${h.id}`, { headers: secret(h) });
    assert.deepEqual(parseWith(Cart, r.json).lines, []);
  });

  test('the seed fixture outOfReach: out of stock at the store, no transfer can bring it, the far store as the fix', async () => {
    const o = F.outOfReach;
    const h = await newCart();
    const a = (await add(h, o.sku, 1, pickup(o.storeId))).lines[0]!.availability;
    assert.deepEqual([a.ok, a.problem, a.available], [false, 'out_of_stock', 0]);
    assert.deepEqual(a.alternatives.map((x) => [x.fulfillment, x.available]), [[pickup(o.farStoreId), o.farOnHand]]);
  });

  test('nothing can bring it: not ok, with the far store as the alternative; checkout refuses and reserves nothing', async () => {
    const sku = skus[4]!;
    await stockOnly(sku, { [X]: 1, [FAR]: 20 });
    const h = await newCart();
    const cart = await add(h, sku, 3, pickup(X));
    const a = cart.lines[0]!.availability;
    assert.deepEqual([a.ok, a.problem, a.available, a.source], [false, 'insufficient_stock', 1, undefined]);
    assert.ok(a.alternatives.some((x) => x.fulfillment.type === 'pickup' && x.fulfillment.storeId === FAR));
    const r = await checkout(h);
    assertError(r, 409, 'checkout_unavailable');
    assert.equal((r.json.error.details.lines as UnavailableLine[])[0]!.problem, 'insufficient_stock');
    assert.equal((await stockOf(sku, FAR)).reserved, 0);
  });

  test('the cart and the options endpoint agree, case by case', async () => {
    const [a, b, c] = [skus[5]!, skus[6]!, skus[7]!];
    await stockOnly(a, { [X]: 2, [NEAR]: 4, [ONLINE_LOCATION]: 30 });
    await stockOnly(b, { [CURB]: 5, [HKI]: 3 });
    await stockOnly(c, { [ONLINE_LOCATION]: 2, [FAR]: 9 });
    const items = [a, b, c, F.inStock.sku, F.lowStock.sku, F.outOfStockAvailableNearby.sku, F.notStocked.sku, F.onlineOnly.sku];
    const places: Fulfillment[] = [
      pickup(X), pickup(CURB), pickup(CURB, 'curbside'), pickup(X, 'curbside'), pickup(NEAR), pickup(HKI), pickup(FAR),
      pickup(LOCKER, 'locker'), pickup('fi-helsinki-kamppi-locker', 'locker'), { type: 'delivery' },
    ];
    let compared = 0;
    const seen = new Set<string>();
    for (const sku of items) {
      for (const quantity of [1, 3, 40]) {
        const h = await newCart();
        let cart: Cart | undefined;
        for (const f of places) cart = await add(h, sku, quantity, f);
        for (const line of cart!.lines) {
          const opt = await optionLine(sku, quantity, line.fulfillment);
          const got = line.availability;
          const label = `${sku} x${quantity} ${line.groupId}`;
          assert.equal(got.ok, opt.possible, label);
          if (opt.possible) {
            assert.deepEqual([got.source, got.transferFrom, got.readyAt, got.deliveryDate], [opt.source, opt.transferFrom, opt.readyAt, opt.deliveryDate], label);
          } else {
            const expected = opt.problem === 'closed_for_pickup' || opt.problem === 'no_capacity' ? 'service_unavailable' : opt.problem;
            assert.equal(got.problem, expected, label);
          }
          seen.add(opt.possible ? `ok:${opt.source}` : `no:${opt.problem}`);
          compared++;
        }
      }
    }
    assert.equal(compared, items.length * 3 * places.length);
    // The table covers on-hand, transfer and several reasons why not.
    for (const k of ['ok:on_hand', 'ok:transfer', 'no:insufficient_stock', 'no:online_only', 'no:service_unavailable']) assert.ok(seen.has(k), `${k} in ${[...seen]}`);
  });
});

describe('a locker needs something to feed it', () => {
  const KAMPPI = 'fi-helsinki-kamppi-locker';
  /** Runs `body` with the warehouse's services and a locker's position changed, then puts them back. */
  async function withLocations(change: { warehouseFeedsLockers: boolean; kamppiFar?: boolean }, body: () => Promise<void>) {
    const [w] = await s.db.query<{ services: string[] }>('SELECT services FROM stores WHERE id = $1', [ONLINE_LOCATION]);
    const [k] = await s.db.query<{ lat: number; lng: number }>('SELECT lat, lng FROM stores WHERE id = $1', [KAMPPI]);
    try {
      const services = change.warehouseFeedsLockers ? w!.services : w!.services.filter((x) => x !== 'locker');
      await s.db.query('UPDATE stores SET services = $2::jsonb WHERE id = $1', [ONLINE_LOCATION, JSON.stringify(services)]);
      // Lapland: no store of ours within a courier run.
      if (change.kamppiFar) await s.db.query('UPDATE stores SET lat = 68.66, lng = 27.55 WHERE id = $1', [KAMPPI]);
      await body();
    } finally {
      await s.db.query('UPDATE stores SET services = $2::jsonb WHERE id = $1', [ONLINE_LOCATION, JSON.stringify(w!.services)]);
      await s.db.query('UPDATE stores SET lat = $2, lng = $3 WHERE id = $1', [KAMPPI, k!.lat, k!.lng]);
    }
  }
  const lockerAt = async (sku: string, locker: string) => {
    const r = await s.call(`/v1/fulfillment/options?sku=${sku}&quantity=1&storeId=${locker}`);
    assert.equal(r.status, 200, r.text);
    return parseWith(FulfillmentOptions, r.json).options.find((o) => o.kind === 'locker')!;
  };

  test('the warehouse feeds lockers only with the locker service; a locker no store and no warehouse feeds is service_unavailable, in the options and the cart', async () => {
    const sku = skus[13]!;
    await stockOnly(sku, { [ONLINE_LOCATION]: 10 });
    const fed = await lockerAt(sku, KAMPPI);
    assert.deepEqual([fed.possible, fed.transferFrom], [true, ONLINE_LOCATION], 'fed from the online stock by default');
    await withLocations({ warehouseFeedsLockers: false }, async () => {
      const o = await lockerAt(sku, KAMPPI);
      assert.deepEqual([o.possible, o.problem, o.readyAt], [false, 'out_of_stock', undefined], 'stores near feed it, none has the SKU');
    });
    await withLocations({ warehouseFeedsLockers: false, kamppiFar: true }, async () => {
      const o = await lockerAt(sku, KAMPPI);
      assert.deepEqual([o.possible, o.problem], [false, 'service_unavailable']);
      const h = await newCart();
      const cart = await add(h, sku, 1, pickup(KAMPPI, 'locker'));
      assert.deepEqual([cart.lines[0]!.availability.ok, cart.lines[0]!.availability.problem], [false, 'service_unavailable']);
      assertError(await checkout(h), 409, 'checkout_unavailable');
    });
    await withLocations({ warehouseFeedsLockers: true, kamppiFar: true }, async () => {
      assert.equal((await lockerAt(sku, KAMPPI)).transferFrom, ONLINE_LOCATION, 'far from stores, the warehouse still feeds it');
    });
  });
});

describe('stock drift: pickup where it was, by transfer', () => {
  const correct = (sku: string, storeId: string, onHand: number) => s.call('/v1/admin/stock/corrections', { key: SK, body: { sku, storeId, onHand } });
  const read = async (id: string) => parseWith(Order, (await s.call(`/v1/orders/${id}`, { key: SK })).json);
  const resolve = (id: string, body: unknown) => s.call(`/v1/orders/${id}/resolve`, { key: SK, body });

  test('corrected below what is reserved: the same store is offered with the options engine\'s transfer and ready time; choosing it re-reserves at the source', async () => {
    const sku = skus[11]!;
    await stockOnly(sku, { [X]: 2, [ONLINE_LOCATION]: 10 });
    const h = await newCart();
    await add(h, sku, 2, pickup(X));
    const order = await placed(await checkout(h, 'in_store'));
    assert.equal(order.lines[0]!.source, 'on_hand');
    const r = await correct(sku, X, 0);
    assert.equal(r.status, 200, r.text);
    const o = await read(order.id);
    assert.equal(o.status, 'needs_attention');
    // What the options say now for the same pickup: from the online stock, with its lead time.
    const expected = await optionLine(sku, 2, pickup(X));
    assert.deepEqual([expected.possible, expected.source, expected.transferFrom], [true, 'transfer', ONLINE_LOCATION]);
    const here = o.attention!.alternatives.filter((a) => a.choice === 'move' && a.storeId === X);
    assert.deepEqual(here, [{ choice: 'move', storeId: X, storeName: here[0]?.storeName, readyAt: expected.readyAt, transferFrom: ONLINE_LOCATION }]);
    assert.ok(here[0]!.storeName);
    assert.ok(o.attention!.alternatives.some((a) => a.choice === 'delivery'), 'delivery still offered');

    const online = await stockOf(sku, ONLINE_LOCATION);
    const done = await resolve(order.id, { choice: 'move', storeId: X });
    assert.equal(done.status, 200, done.text);
    const moved = parseWith(Order, done.json);
    assert.equal(moved.status, 'confirmed');
    assert.deepEqual(moved.storeIds, [X]);
    assert.deepEqual(moved.lines[0]!.fulfillment, pickup(X));
    assert.deepEqual([moved.lines[0]!.source, moved.lines[0]!.transferFrom, moved.lines[0]!.promisedReadyAt], ['transfer', ONLINE_LOCATION, expected.readyAt]);
    assert.deepEqual((await reservations(order.id)).filter((x) => x.status === 'active').map((x) => [x.store_id, x.quantity]), [[ONLINE_LOCATION, 2]]);
    assert.deepEqual(await stockOf(sku, ONLINE_LOCATION), { onHand: online.onHand, reserved: online.reserved + 2 });
    assert.equal((await stockOf(sku, X)).reserved, 0);
  });

  test('nothing can bring it there: the same store is not offered, and choosing it anyway is 409 insufficient_stock, nothing changed', async () => {
    const sku = skus[12]!;
    await stockOnly(sku, { [X]: 1 });
    const h = await newCart();
    await add(h, sku, 1, pickup(X));
    const order = await placed(await checkout(h, 'in_store'));
    assert.equal((await correct(sku, X, 0)).status, 200);
    const o = await read(order.id);
    assert.ok(!o.attention!.alternatives.some((a) => a.choice === 'move' && a.storeId === X), JSON.stringify(o.attention!.alternatives));
    const refused = await resolve(order.id, { choice: 'move', storeId: X });
    assertError(refused, 409, 'insufficient_stock');
    assert.ok(refused.json.error.details.attention.alternatives.some((a: { choice: string }) => a.choice === 'cancel'), 'fresh choices in the details');
    assert.equal((await read(order.id)).status, 'needs_attention');
  });
});

describe('delivery lines shipped and returned in a store; refunds paid out', () => {
  test('ship, return at a store, refund paid with the provider reference (idempotent)', async () => {
    const sku = skus[8]!;
    await stockOnly(sku, { [ONLINE_LOCATION]: 10 });
    const h = await newCart();
    const cart = await add(h, sku, 2, { type: 'delivery' });
    let order = await placed(await checkout(h));
    const lineId = cart.lines[0]!.id;
    const ret = (quantity: number) => s.call('/v1/admin/returns', { key: SK, body: { orderId: order.id, storeId: NEAR, lines: [{ lineId, quantity }] } });
    const ship = (body: unknown = {}) => s.call(`/v1/admin/orders/${order.id}/shipments`, { key: SK, body });
    // Unpaid: not shipped; not shipped: not returnable.
    assertError(await ship(), 409, 'order_status_conflict');
    assert.equal((await s.call(`/v1/admin/orders/${order.id}/payment`, { key: SK, body: { status: 'paid' } })).status, 200);
    assertError(await ret(1), 409, 'return_exceeds_sold');

    const online = await stockOf(sku, ONLINE_LOCATION);
    const shipped = await ship({ carrierReference: 'PN-123' });
    assert.equal(shipped.status, 201, shipped.text);
    order = parseWith(Order, shipped.json);
    assert.deepEqual(order.shipments?.map((x) => [x.lines, x.carrierReference]), [[[{ lineId, quantity: 2 }], 'PN-123']]);
    assert.equal(order.lines[0]!.shippedQuantity, 2);
    assert.deepEqual(await stockOf(sku, ONLINE_LOCATION), { onHand: online.onHand - 2, reserved: online.reserved - 2 });
    assert.deepEqual((await reservations(order.id)).map((r) => r.status), ['fulfilled']);
    assertError(await ship(), 409, 'nothing_to_ship');

    const store = await stockOf(sku, NEAR);
    const returned = await ret(1);
    assert.equal(returned.status, 201, returned.text);
    order = parseWith(Order, returned.json);
    assert.deepEqual(order.returns?.map((r) => [r.storeId, r.lines.map((l) => [l.lineId, l.quantity])]), [[NEAR, [[lineId, 1]]]]);
    assert.equal((await stockOf(sku, NEAR)).onHand, store.onHand + 1);
    assertError(await ret(2), 409, 'return_exceeds_sold');
    const refund = order.refunds!.find((r) => r.reason === 'return')!;
    assert.deepEqual([refund.status, refund.amount], ['pending', order.lines[0]!.unitPrice]);

    const pay = (id: string, providerReference: string, key: string | null = SK) =>
      s.call(`/v1/admin/refunds/${id}/paid`, { key, body: { providerReference } });
    const paid = await pay(refund.id, 'psp_re_42');
    assert.equal(paid.status, 200, paid.text);
    const r1 = parseWith(Refund, paid.json);
    assert.deepEqual([r1.id, r1.status, r1.providerReference, r1.amount], [refund.id, 'refunded', 'psp_re_42', refund.amount]);
    assert.ok(r1.refundedAt);
    // The same again: the same answer, nothing changes; another reference: refused.
    const again = await pay(refund.id, 'psp_re_42');
    assert.deepEqual([again.status, again.json], [200, paid.json]);
    const other = await pay(refund.id, 'psp_re_43');
    assertError(other, 409, 'refund_already_paid');
    assert.equal(other.json.error.details.refund.providerReference, 'psp_re_42');
    assertError(await pay('ref_nope', 'x'), 404, 'refund_not_found');
    assertError(await pay(refund.id, ''), 400, 'validation_failed');
    assert.equal((await pay(refund.id, 'psp_re_42', null)).status, 401);
    const read = parseWith(Order, (await s.call(`/v1/orders/${order.id}`, { headers: secret(h) })).json);
    assert.deepEqual(read.refunds?.map((r) => [r.id, r.status, r.providerReference]), [[refund.id, 'refunded', 'psp_re_42']]);
  });
});

describe('PostgreSQL: transfers under concurrency', { skip: onPostgres ? false : 'needs PostgreSQL (OMNIKIT_TEST_DATABASE_URL)' }, () => {
  test('20 carts check out the last 3 units by transfer from another store at once: exactly 3 orders, never oversold', async () => {
    const sku = skus[9]!;
    await stockOnly(sku, { [X]: 0, [NEAR]: 3 });
    const carts = await Promise.all(Array.from({ length: 20 }, async () => {
      const h = await newCart();
      const c = await add(h, sku, 1, pickup(X));
      assert.equal(c.lines[0]!.availability.transferFrom, NEAR);
      return h;
    }));
    const replies = await Promise.all(carts.map((h) => checkout(h)));
    const won = replies.filter((r) => r.status === 201);
    assert.equal(won.length, 3, replies.map((r) => r.status).join(','));
    for (const r of replies.filter((x) => x.status !== 201)) {
      assertError(r, 409, 'checkout_unavailable');
      assert.equal((r.json.error.details.lines as UnavailableLine[]).length, 1);
    }
    const near = await stockOf(sku, NEAR);
    assert.deepEqual([near.onHand - near.reserved, near.reserved >= 3], [0, true]);
    const [{ n }] = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM reservations WHERE sku = $1 AND status = 'active'", [sku]) as [{ n: number }];
    assert.equal(n, 3);
  });
});
