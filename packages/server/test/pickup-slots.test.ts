// Pickup slots: GET /v1/stores/:id/slots from opening hours, PUT /v1/carts/:id/pickup-slot, the
// booking at checkout (never above capacity: 30 concurrent checkouts into a slot of 5 on
// PostgreSQL), and the release on cancel. The clock is injected.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Cart, CartAccess, Order, PickupSlotList } from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/seed/index.js';
import { SK, assertError, onPostgres, parseWith, startTestServer, type Reply, type TestServer } from './helpers.js';

const STORE = F.defaultStoreId; // 10-19 weekdays, slots of 60 minutes, 5 places each
const MALL = 'se-solna-mall-of-scandinavia'; // slots of 30 minutes, 8 places
let s: TestServer;
let clock = new Date('2027-03-23T06:00:00Z'); // Tuesday 07:00 in Stockholm
before(async () => { s = await startTestServer('slots', { clock: () => clock }); });
after(async () => { await s?.close(); });

const slots = async (storeId: string, date: string) => {
  const r = await s.call(`/v1/stores/${storeId}/slots?date=${date}`);
  assert.equal(r.status, 200, r.text);
  return parseWith(PickupSlotList, r.json);
};

interface Handle { id: string; headers: Record<string, string> }
async function pickupCart(sku: string, storeId = STORE, quantity = 1): Promise<Handle> {
  const { cart, secret } = parseWith(CartAccess, (await s.call('/v1/carts', { body: {} })).json);
  const h = { id: cart.id, headers: { 'Omnikit-Cart-Secret': secret! } };
  const r = await s.call(`/v1/carts/${h.id}/lines`, { headers: h.headers, body: { sku, quantity, fulfillment: { type: 'pickup', storeId } } });
  assert.equal(r.status, 200, r.text);
  return h;
}
const setSlot = (h: Handle, body: unknown, headers: Record<string, string> = {}) =>
  s.call(`/v1/carts/${h.id}/pickup-slot`, { method: 'PUT', headers: { ...h.headers, ...headers }, body });
const checkout = (h: Handle) => s.call(`/v1/carts/${h.id}/checkout`, { headers: h.headers, body: { payment: { method: 'in_store' }, contact: { email: 'a@example.com' } } });
const details = (r: Reply) => r.json.error.details as Record<string, any>;
const reservedAt = async (sku: string, storeId = STORE) =>
  Number((await s.db.query<{ reserved: number }>('SELECT reserved FROM stock WHERE sku = $1 AND store_id = $2', [sku, storeId]))[0]!.reserved);

describe('GET /v1/stores/:storeId/slots', () => {
  test("a weekday's opening in slots of the store's length, with places and why some are not offered", async () => {
    clock = new Date('2027-03-23T09:40:00Z'); // 10:40: an order now is ready at 11:10
    const day = await slots(STORE, '2027-03-23');
    assert.equal(day.timeZone, 'Europe/Stockholm');
    assert.equal(day.items.length, 9, '10:00 to 19:00');
    assert.deepEqual(day.items[0], {
      id: `${STORE}@2027-03-23T10:00`, startsAt: '2027-03-23T09:00:00.000Z', endsAt: '2027-03-23T10:00:00.000Z',
      capacity: 5, remaining: 5, available: false, reason: 'too_soon',
    });
    assert.deepEqual([day.items[1]!.available, day.items[8]!.endsAt], [true, '2027-03-23T18:00:00.000Z']);
    clock = new Date('2027-03-23T11:10:00Z');
    const later = await slots(STORE, '2027-03-23');
    assert.deepEqual(later.items.slice(0, 3).map((i) => i.reason ?? 'ok'), ['past', 'past', 'ok']);
  });

  test('closed days have none; short days and the mall have their own; a daylight-saving Sunday is cut in local time', async () => {
    clock = new Date('2027-03-23T06:00:00Z');
    assert.deepEqual((await slots(STORE, '2027-03-26')).items, [], 'Good Friday');
    assert.equal((await slots(STORE, '2027-06-25')).items.length, 4, 'midsummer eve 10-14');
    const mall = await slots(MALL, '2027-03-24');
    assert.equal(mall.items.length, 22, '10:00 to 21:00 in 30 minutes');
    assert.equal(mall.items[0]!.capacity, 8);
    const sunday = await slots(STORE, '2027-10-31');
    assert.deepEqual([sunday.items[0]!.startsAt, sunday.items.length], ['2027-10-31T10:00:00.000Z', 5]);
    assert.deepEqual((await slots(F.lockerId, '2027-03-24')).items, [], 'a locker has no slots');
  });

  test('bad input', async () => {
    assertError(await s.call(`/v1/stores/${STORE}/slots?date=2027-02-30`), 400, 'validation_failed');
    assertError(await s.call(`/v1/stores/${STORE}/slots?date=tomorrow`), 400, 'validation_failed');
    assertError(await s.call(`/v1/stores/${STORE}/slots`), 400, 'validation_failed');
    assertError(await s.call(`/v1/stores/${F.unknownStoreId}/slots?date=2027-03-24`), 404, 'unknown_store');
  });
});

describe('PUT /v1/carts/:cartId/pickup-slot', () => {
  test("the store's pickup group carries the slot; versioned and idempotent like every cart change", async () => {
    clock = new Date('2027-03-23T06:00:00Z');
    const h = await pickupCart(F.lowStock.sku);
    const id = `${STORE}@2027-03-23T14:00`;
    const r = await setSlot(h, { storeId: STORE, slotId: id }, { 'If-Match': '"2"', 'Idempotency-Key': `slot-${h.id}` });
    assert.equal(r.status, 200, r.text);
    const cart = parseWith(Cart, r.json);
    assert.equal(cart.version, 3);
    assert.deepEqual(cart.groups[0]!.slot, { id, startsAt: '2027-03-23T13:00:00.000Z', endsAt: '2027-03-23T14:00:00.000Z' });
    const again = await setSlot(h, { storeId: STORE, slotId: id }, { 'Idempotency-Key': `slot-${h.id}` });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assertError(await setSlot(h, { storeId: STORE, slotId: `${STORE}@2027-03-23T15:00` }, { 'Idempotency-Key': `slot-${h.id}` }), 422, 'idempotency_key_reused');
    assertError(await setSlot(h, { storeId: STORE, slotId: id }, { 'If-Match': '"2"' }), 409, 'cart_version_conflict');
    // Cleared with null.
    const cleared = parseWith(Cart, (await setSlot(h, { storeId: STORE, slotId: null })).json);
    assert.equal(cleared.groups[0]!.slot, undefined);
  });

  test('refused with a code: ended, too soon, not a slot of the store, no pickup there, bad body', async () => {
    clock = new Date('2027-03-23T12:10:00Z'); // 13:10
    const h = await pickupCart(F.lowStock.sku);
    const past = await setSlot(h, { storeId: STORE, slotId: `${STORE}@2027-03-23T11:00` });
    assertError(past, 409, 'slot_unavailable');
    assert.equal(details(past).reason, 'past');
    const justEnded = await setSlot(h, { storeId: STORE, slotId: `${STORE}@2027-03-23T12:00` }); // 12-13 local ended at 13:00
    assert.equal(details(justEnded).reason, 'past');
    const current = await setSlot(h, { storeId: STORE, slotId: `${STORE}@2027-03-23T13:00` });
    assert.equal(current.status, 200, 'ready 13:40 from the shelf: the 13-14 slot still works');
    // A line from another store (4 h courier): ready 17:40, so 16-17 is too soon.
    const far = await pickupCart(F.outOfStockAvailableNearby.sku);
    const refused = await setSlot(far, { storeId: STORE, slotId: `${STORE}@2027-03-23T16:00` });
    assertError(refused, 409, 'slot_unavailable');
    assert.deepEqual([details(refused).reason, details(refused).readyAt], ['too_soon', '2027-03-23T16:40:00.000Z']);
    assertError(await setSlot(h, { storeId: STORE, slotId: `${STORE}@2027-03-23T13:30` }), 404, 'slot_not_found');
    assertError(await setSlot(h, { storeId: STORE, slotId: `${STORE}@2027-03-26T13:00` }), 404, 'slot_not_found');
    assertError(await setSlot(h, { storeId: STORE, slotId: `${F.nearbyStoreId}@2027-03-24T13:00` }), 404, 'slot_not_found');
    const none = await setSlot(h, { storeId: F.nearbyStoreId, slotId: `${F.nearbyStoreId}@2027-03-24T13:00` });
    assertError(none, 409, 'slot_unavailable');
    assert.equal(details(none).reason, 'no_pickup_group');
    assertError(await setSlot(h, { storeId: STORE, slotId: 'tomorrow' }), 400, 'validation_failed');
    assertError(await setSlot(h, { storeId: STORE }), 400, 'validation_failed');
    assertError(await s.call(`/v1/carts/${h.id}/pickup-slot`, { method: 'PUT', body: { storeId: STORE, slotId: null } }), 404, 'cart_not_found');
  });
});

describe('booking at checkout', () => {
  test('the order keeps the slot, the place is taken, a cancel gives it back', async () => {
    clock = new Date('2027-03-23T06:00:00Z');
    const id = `${STORE}@2027-03-24T12:00`;
    const h = await pickupCart(F.inStock.sku);
    assert.equal((await setSlot(h, { storeId: STORE, slotId: id })).status, 200);
    const r = await checkout(h);
    assert.equal(r.status, 201, r.text);
    const order = parseWith(Order, r.json);
    assert.deepEqual(order.groups[0]!.slot?.id, id);
    const slot = () => slots(STORE, '2027-03-24').then((d) => d.items.find((i) => i.id === id)!);
    assert.equal((await slot()).remaining, 4);
    assert.equal((await s.call(`/v1/admin/orders/${order.id}/cancel`, { key: SK, body: {} })).status, 200);
    assert.equal((await slot()).remaining, 5);
    // A second cancel changes nothing.
    await s.call(`/v1/admin/orders/${order.id}/cancel`, { key: SK, body: {} });
    assert.equal((await slot()).remaining, 5);
  });

  test(`30 concurrent checkouts into one slot of 5: exactly 5 bookings, the rest slot_full with nothing reserved${onPostgres ? '' : ' (PGlite: one connection, so in turn)'}`, async () => {
    clock = new Date('2027-03-23T06:00:00Z');
    const id = `${STORE}@2027-03-25T15:00`;
    const sku = F.inStock.sku;
    const carts: Handle[] = [];
    for (let i = 0; i < 30; i++) {
      const h = await pickupCart(sku);
      assert.equal((await setSlot(h, { storeId: STORE, slotId: id })).status, 200);
      carts.push(h);
    }
    const before = await reservedAt(sku);
    const replies = await Promise.all(carts.map(checkout));
    const ok = replies.filter((r) => r.status === 201);
    const full = replies.filter((r) => r.status !== 201);
    assert.equal(ok.length, 5, replies.map((r) => r.status).join(','));
    for (const r of full) assertError(r, 409, 'slot_full');
    assert.equal(await reservedAt(sku), before + 5, 'stock reserved for the 5 booked orders only');
    const [row] = await s.db.query<{ booked: number; capacity: number }>('SELECT booked, capacity FROM pickup_slots WHERE store_id = $1 AND starts_at = $2', [STORE, '2027-03-25T14:00:00Z']);
    assert.deepEqual([Number(row!.booked), Number(row!.capacity)], [5, 5]);
    const [{ n }] = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM slot_bookings WHERE slot_id = $1 AND status = 'active'`, [id]) as [{ n: number }];
    assert.equal(n, 5);
    // The slot now reads full, and choosing it is refused.
    const listed = (await slots(STORE, '2027-03-25')).items.find((i) => i.id === id)!;
    assert.deepEqual([listed.remaining, listed.available, listed.reason], [0, false, 'full']);
    assertError(await setSlot(await pickupCart(sku), { storeId: STORE, slotId: id }), 409, 'slot_full');
  });
});
