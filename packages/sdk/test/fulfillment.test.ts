// omni.fulfillment.options, omni.pickup.slots, omni.cart.setPickupSlot and omni.stores.list's
// click-and-collect filters, against the real reference server (PGlite in memory, a fixed clock).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, type RunningServer } from '@omnikit/server';
import { createClient, isOmnikitError, type OmnikitClient, type FetchLike } from '@omnikit/sdk';
import { memoryStorage } from './helpers.js';

const F = SEED_FIXTURES;
const STORE = F.defaultStoreId;
let server: RunningServer;
const clock = new Date('2027-03-23T06:00:00Z'); // Tuesday 07:00 in Stockholm

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, clock: () => clock });
});
after(async () => {
  await server.close();
});

function client(fetch?: FetchLike): OmnikitClient {
  return createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: memoryStorage(), ...(fetch ? { fetch } : {}) });
}

/** A fetch that counts requests, so a refused input is seen to send none. */
function counting(): FetchLike & { count: number } {
  const f = ((input: Parameters<FetchLike>[0], init?: Parameters<FetchLike>[1]) => {
    f.count++;
    return fetch(input as string, init as RequestInit);
  }) as FetchLike & { count: number };
  f.count = 0;
  return f;
}

const rejectsWith = async (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: unknown) => isOmnikitError(e) && e.code === code);

test('fulfillment.options for a SKU: the radio group straight from the answer', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const a = await omni.fulfillment.options({ sku: F.inStock.sku, quantity: 2, storeId: STORE });
  assert.deepEqual(a.options.map((o) => o.kind), ['in_store', 'curbside', 'locker', 'locker', 'delivery']);
  const counter = a.options[0]!;
  assert.deepEqual([counter.possible, counter.readyAt, counter.source], [true, '2027-03-23T09:30:00.000Z', 'on_hand']);
  assert.equal(a.defaultOptionId, counter.id);
  assert.equal(a.options.find((o) => o.kind === 'delivery')?.deliveryDate, '2027-03-25');
  const none = await omni.fulfillment.options({ sku: F.inStock.sku });
  assert.deepEqual(none.options.map((o) => o.kind), ['delivery']);
});

test('fulfillment.options for the cart of this device; a cart that is not its own is cart_not_found', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  await rejectsWith(omni.fulfillment.options({ cartId: 'cart_nothere' }), 'cart_not_found');
  const cart = await omni.cart.addLine({ sku: F.outOfStockAvailableNearby.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: STORE } });
  const a = await omni.fulfillment.options({ cartId: cart.id });
  assert.equal(a.storeId, STORE);
  const counter = a.options[0]!;
  assert.deepEqual([counter.source, counter.transferFrom, counter.lines[0]!.lineId], ['transfer', F.nearbyStoreId, cart.lines[0]!.id]);
  await rejectsWith(omni.fulfillment.options({ cartId: 'cart_other' }), 'cart_not_found');
});

test('bad input is refused locally with validation_failed and sends nothing', async (t) => {
  const f = counting();
  const omni = client(f);
  t.after(() => omni.close());
  await rejectsWith(omni.fulfillment.options({ sku: F.inStock.sku, quantity: 0 }), 'validation_failed');
  await rejectsWith(omni.fulfillment.options({ sku: F.inStock.sku, quantity: 1.5 }), 'validation_failed');
  await rejectsWith(omni.fulfillment.options({ sku: 'not a sku' }), 'validation_failed');
  await rejectsWith(omni.fulfillment.options({ sku: F.inStock.sku, storeId: 'Not A Store' }), 'validation_failed');
  await rejectsWith(omni.pickup.slots({ storeId: STORE, date: '2027-02-30' }), 'validation_failed');
  await rejectsWith(omni.pickup.slots({ storeId: '', date: '2027-03-24' }), 'validation_failed');
  await rejectsWith(omni.cart.setPickupSlot({ storeId: STORE, slotId: 'soon' }), 'validation_failed');
  assert.equal(f.count, 0);
  // The server's answers for what only it knows.
  await rejectsWith(omni.fulfillment.options({ sku: F.unknownSku }), 'unknown_sku');
  await rejectsWith(omni.fulfillment.options({ sku: F.inStock.sku, storeId: F.unknownStoreId }), 'unknown_store');
});

test('pickup.slots and cart.setPickupSlot: needs a cart, then the group carries the slot', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const day = await omni.pickup.slots({ storeId: STORE, date: '2027-03-24' });
  assert.equal(day.items.length, 9);
  const slot = day.items[3]!;
  assert.equal(slot.available, true);
  await rejectsWith(omni.cart.setPickupSlot({ storeId: STORE, slotId: slot.id }), 'cart_not_found');
  assert.equal(omni.$cart.get(), null, 'creates no cart');
  await omni.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: STORE } });
  const cart = await omni.cart.setPickupSlot({ storeId: STORE, slotId: slot.id });
  assert.deepEqual(cart.groups[0]!.slot, { id: slot.id, startsAt: slot.startsAt, endsAt: slot.endsAt });
  assert.equal(omni.$cart.get(), cart);
  await rejectsWith(omni.cart.setPickupSlot({ storeId: STORE, slotId: `${STORE}@2027-03-22T12:00` }), 'slot_unavailable');
  const cleared = await omni.cart.setPickupSlot({ storeId: STORE, slotId: null });
  assert.equal(cleared.groups[0]!.slot, undefined);
});

test('stores.list: lockers by type, postcodes without their space, open state on each', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const lockers = await omni.stores.list({ type: 'locker', near: { lat: 59.33, lng: 18.06 } });
  assert.equal(lockers.length, F.lockerCount);
  assert.equal(lockers[0]!.id, F.lockerId);
  assert.deepEqual((await omni.stores.list({ q: '11121' })).map((s) => s.id), [STORE]);
  const [store] = await omni.stores.list({ q: 'Drottninggatan' });
  assert.deepEqual(store!.openState, { open: false, opensAt: '2027-03-23T09:00:00.000Z' });
  assert.ok((await omni.stores.list({ service: 'curbside' })).every((s) => s.services.includes('curbside')));
});
