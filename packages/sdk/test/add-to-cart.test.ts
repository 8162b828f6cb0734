// addToCartStore and addToCart (@omnikit/sdk/cart, the widget path) against the real reference
// server: every rule of the decision, live stock, the cart's own line, and the add itself.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { keepMount, cleanStores, type ReadableAtom } from 'nanostores';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, type RunningServer } from '@omnikit/server';
import { createBaseClient } from '@omnikit/sdk/base';
import { createAdminClient } from '@omnikit/sdk/admin';
import type { FetchLike } from '@omnikit/sdk';
import { addToCart, addToCartStore, cartOf, type AddToCartQuery, type AddToCartState } from '@omnikit/sdk/cart';
import { until } from './helpers.js';

const F = SEED_FIXTURES;
const STORE = F.defaultStoreId;
let server: RunningServer;
let admin: ReturnType<typeof createAdminClient>;

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, heartbeatSeconds: 1 });
  admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
});
after(async () => {
  admin.close();
  await server.close();
});

/** A base client (what the widgets get) that records the paths it asks for. */
function setup(t: { after(fn: () => void): void }, channel: 'web' | 'kiosk' = 'web') {
  const requests: string[] = [];
  const fetch: FetchLike = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.endsWith('/events')) requests.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${url.pathname}`);
    return globalThis.fetch(input, init);
  };
  const client = createBaseClient({
    baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, currency: 'SEK', storage: null, fetch, channel,
    realtime: { debounceMs: 5, backoffBaseMs: 50, backoffMaxMs: 200 },
  });
  const stores: ReadableAtom<AddToCartState>[] = [];
  t.after(() => {
    cleanStores(...stores);
    client.close();
  });
  /** The settled decision for a query. */
  const decide = async (q: AddToCartQuery) => {
    const $s = addToCartStore(client, q);
    stores.push($s);
    keepMount($s);
    await until(() => $s.get().kind !== 'loading', `${q.sku} to settle`, 5000);
    return { $s, s: $s.get() };
  };
  return { client, decide, requests };
}

const setOnline = (sku: string, quantity: number) => admin.stock.set({ sku, storeId: F.onlineLocationId, quantity });

test('without a store: delivery from the online stock; the stock is the online state', async (t) => {
  const { decide } = setup(t);
  const { s } = await decide({ sku: F.inStock.sku, quantity: 2 });
  assert.equal(s.kind, 'available');
  assert.deepEqual(s.fulfillment, { type: 'delivery' });
  assert.equal(s.fallback, undefined);
  assert.equal(s.stock.storeId, 'online');
  assert.equal(s.quantity, 2);
  // `online` as the store is no store.
  assert.deepEqual((await decide({ sku: F.inStock.sku, storeId: 'online' })).s.fulfillment, { type: 'delivery' });
});

test('a chosen store that has the quantity: pickup there; an explicit delivery is honoured', async (t) => {
  const { decide } = setup(t);
  const { s } = await decide({ sku: F.inStock.sku, storeId: STORE, quantity: 3 });
  assert.equal(s.kind, 'available');
  assert.deepEqual(s.fulfillment, { type: 'pickup', storeId: STORE });
  assert.equal(s.stock.storeId, STORE);
  assert.equal(s.stock.kind, 'in-stock');
  const d = (await decide({ sku: F.inStock.sku, storeId: STORE, quantity: 3, fulfillment: 'delivery' })).s;
  assert.deepEqual([d.kind, d.fulfillment, d.fallback], ['available', { type: 'delivery' }, undefined]);
});

test('take-now is honoured in an in-store channel only; elsewhere pickup, saying why', async (t) => {
  const web = setup(t, 'web');
  const s = (await web.decide({ sku: F.inStock.sku, storeId: STORE, fulfillment: 'take_now' })).s;
  assert.deepEqual([s.kind, s.fulfillment, s.fallback], ['available', { type: 'pickup', storeId: STORE }, 'not-in-store']);
  const kiosk = setup(t, 'kiosk');
  const k = (await kiosk.decide({ sku: F.inStock.sku, storeId: STORE, fulfillment: 'take_now' })).s;
  assert.deepEqual([k.kind, k.fulfillment, k.fallback], ['available', { type: 'take_now', storeId: STORE }, undefined]);
  // Pickup or take-now without a store: delivery, saying why.
  const none = (await kiosk.decide({ sku: F.inStock.sku, fulfillment: 'pickup' })).s;
  assert.deepEqual([none.kind, none.fulfillment, none.fallback], ['available', { type: 'delivery' }, 'no-store']);
});

test('sold out at the store: delivery when online has it, else unavailable naming the stores nearby', async (t) => {
  const sku = F.outOfStockAvailableNearby.sku;
  await setOnline(sku, 30);
  const { decide } = setup(t);
  const { $s, s } = await decide({ sku, storeId: STORE });
  assert.deepEqual([s.kind, s.fulfillment, s.fallback], ['available', { type: 'delivery' }, 'out-of-stock']);
  assert.equal(s.stock.kind, 'nearby');

  // Live: online sells out on the event stream, and the decision follows.
  await setOnline(sku, 0);
  await until(() => $s.get().kind === 'unavailable', 'unavailable after online sold out', 5000);
  assert.equal($s.get().reason, 'nearby-only');
  assert.equal($s.get().stock.nearby[0]?.storeId, F.outOfStockAvailableNearby.nearbyStoreId);
  assert.equal($s.get().fulfillment, undefined);

  // And back when the store gets stock: pickup there again.
  await admin.stock.set({ sku, storeId: STORE, quantity: 4 });
  await until(() => $s.get().kind === 'available', 'available after restock', 5000);
  assert.deepEqual($s.get().fulfillment, { type: 'pickup', storeId: STORE });
  await admin.stock.set({ sku, storeId: STORE, quantity: 0 });
  await setOnline(sku, 30);
});

test('an online-only product is delivered, also with a store chosen', async (t) => {
  const { decide } = setup(t);
  const s = (await decide({ sku: F.onlineOnly.sku, storeId: STORE })).s;
  assert.deepEqual([s.kind, s.fulfillment, s.fallback], ['available', { type: 'delivery' }, 'online-only']);
});

test('more than is available anywhere: unavailable, with the most that can be had', async (t) => {
  const sku = F.lowStock.sku;
  await setOnline(sku, 1);
  const { decide } = setup(t);
  const s = (await decide({ sku, storeId: STORE, quantity: 3 })).s;
  assert.deepEqual([s.kind, s.reason, s.available], ['unavailable', 'quantity-unavailable', F.lowStock.onHand]);
  // Two fit at the store.
  assert.deepEqual((await decide({ sku, storeId: STORE, quantity: 2 })).s.fulfillment, { type: 'pickup', storeId: STORE });
  // Without the store, one online.
  const online = (await decide({ sku, quantity: 2 })).s;
  assert.deepEqual([online.kind, online.reason, online.available], ['unavailable', 'quantity-unavailable', 1]);
  await setOnline(sku, 100);
});

test('nothing anywhere: out of stock; unknown and inactive products: not sold', async (t) => {
  const sku = F.inStock.sku;
  const { decide } = setup(t);
  await setOnline(sku, 0);
  assert.deepEqual(
    ((s) => [s.kind, s.reason])((await decide({ sku })).s),
    ['unavailable', 'out-of-stock'],
  );
  await setOnline(sku, 100);
  for (const missing of [F.unknownSku, F.inactive.sku]) {
    const s = (await decide({ sku: missing, storeId: STORE })).s;
    assert.deepEqual([s.kind, s.reason], ['unavailable', 'not-sold'], missing);
  }
});

test('a bad quantity is an error with a stable code, and addToCart makes no request for it', async (t) => {
  const { decide, client, requests } = setup(t);
  for (const quantity of [0, -1, 1.5, 1000, Number.NaN]) {
    const s = (await decide({ sku: F.inStock.sku, storeId: STORE, quantity })).s;
    assert.equal(s.kind, 'error', String(quantity));
    assert.equal(s.error?.code, 'validation_failed');
    await assert.rejects(addToCart(client, s), (e: { code?: string }) => e.code === 'validation_failed');
  }
  // A malformed SKU too (the stock store refuses it).
  assert.equal((await decide({ sku: 'not a sku!' })).s.error?.code, 'validation_failed');
  assert.deepEqual(requests.filter((r) => r.includes('/carts')), []);
});

test('addToCart adds with the decided fulfilment and names the line; the cart it grows counts', async (t) => {
  const sku = F.lowStock.sku; // 2 at the store
  await setOnline(sku, 100);
  const { decide, client } = setup(t);
  const { $s, s } = await decide({ sku, storeId: STORE, quantity: 2 });
  assert.deepEqual(s.fulfillment, { type: 'pickup', storeId: STORE });
  const { cart, line } = await addToCart(client, s);
  assert.equal(line.sku, sku);
  assert.equal(line.quantity, 2);
  assert.equal(line.fulfillment.type, 'pickup');
  assert.equal(line.fulfillment.storeId, STORE);
  assert.ok(line.availability.ok);
  assert.equal(cart.lines.length, 1);
  assert.equal(cartOf(client).$cart.get()?.id, cart.id);
  // The store's two are on the cart's line now: two more would go by delivery, and say why.
  await until(() => $s.get().fulfillment?.type === 'delivery', 'delivery for the next two');
  assert.equal($s.get().fallback, 'quantity-unavailable');
  const again = await addToCart(client, $s.get());
  assert.equal(again.line.fulfillment.type, 'delivery');
  assert.equal(again.cart.lines.length, 2);
  assert.equal(again.cart.itemCount, 4);
});

test('addToCart refuses what cannot be had, without a request; server errors reject with their codes', async (t) => {
  const { decide, client, requests } = setup(t);
  const s = (await decide({ sku: F.inactive.sku })).s;
  await assert.rejects(addToCart(client, s), (e: { code?: string }) => e.code === 'product_inactive');
  const loading: AddToCartState = { kind: 'loading', sku: F.inStock.sku, quantity: 1, stock: s.stock };
  await assert.rejects(addToCart(client, loading), (e: { code?: string }) => e.code === 'insufficient_stock');
  assert.deepEqual(requests.filter((r) => r.includes('/carts')), []);
  // A state that is out of date by the time of the add: the server's answer decides.
  const stale: AddToCartState = { kind: 'available', sku: F.inactive.sku, quantity: 1, stock: s.stock, fulfillment: { type: 'delivery' } };
  await assert.rejects(addToCart(client, stale), (e: { code?: string }) => e.code === 'product_inactive');
});

test('one store per client and query; the badge of the same store shares its stock reads', async (t) => {
  const { client, requests, decide } = setup(t);
  const q = { sku: F.inStock.sku, storeId: STORE, quantity: 1 };
  assert.equal(addToCartStore(client, q), addToCartStore(client, { ...q }));
  await decide(q);
  // One batched availability read for the store and online together.
  assert.equal(requests.filter((r) => r.includes('/availability')).length, 1, requests.join(', '));
});

test('a change that does not change the decision sets no new state (another SKU on the cart, this SKU by delivery while pickup decides)', async (t) => {
  await setOnline(F.inStock.sku, 100);
  const { decide, client } = setup(t);
  const { $s, s } = await decide({ sku: F.inStock.sku, storeId: STORE });
  const seen: AddToCartState[] = [];
  const stop = $s.listen((next) => seen.push(next));
  t.after(stop);
  // Another SKU's line: `$cart` changes, this decision does not.
  await cartOf(client).addLine({ sku: F.lowStock.sku, quantity: 1, fulfillment: { type: 'delivery' } });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal($s.get(), s);
  assert.deepEqual(seen, []);
  // This SKU by delivery: pickup at the store still decides, with the same room there.
  await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'delivery' } });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal($s.get(), s);
  assert.equal(seen.length, 0);
});
