// cartCountStore (@omnikit/sdk/cart, the widget path) against the real reference server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, type RunningServer } from '@omnikit/server';
import { createBaseClient } from '@omnikit/sdk/base';
import type { FetchLike, StorageLike } from '@omnikit/sdk';
import { CART_STORAGE_KEY, cartCountStore, cartOf } from '@omnikit/sdk/cart';
import { memoryStorage, until } from './helpers.js';

const F = SEED_FIXTURES;
const delivery = { type: 'delivery' } as const;
let server: RunningServer;

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, heartbeatSeconds: 1 });
});
after(async () => {
  await server.close();
});

/** A base client (what the widgets get), counting its cart reads. */
function client(storage: StorageLike | null = memoryStorage()) {
  const reads: string[] = [];
  const fetch: FetchLike = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if ((init?.method ?? (input instanceof Request ? input.method : 'GET')) === 'GET' && url.pathname.startsWith('/v1/carts/')) reads.push(url.pathname);
    return globalThis.fetch(input, init);
  };
  const c = createBaseClient({
    baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, currency: 'SEK', storage, fetch,
    realtime: { debounceMs: 5, backoffBaseMs: 50, backoffMaxMs: 200 },
  });
  return Object.assign(c, { reads });
}

test('no cart on this device: ready with 0, without a request', async (t) => {
  const c = client();
  t.after(() => c.close());
  const $count = cartCountStore(c);
  assert.equal(cartCountStore(c), $count, 'one store per client');
  const stop = $count.listen(() => {});
  t.after(stop);
  assert.deepEqual($count.get(), { status: 'loading' });
  await until(() => $count.get().status === 'ready', 'ready');
  assert.deepEqual($count.get(), { status: 'ready', data: 0 });
  assert.deepEqual(c.reads, []);
});

test("the server's itemCount, then every change on this client and on another device", async (t) => {
  const storage = memoryStorage();
  const kiosk = client(storage);
  t.after(() => kiosk.close());
  const cart = await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: delivery });
  await cartOf(kiosk).addLine({ sku: F.lowStock.sku, quantity: 1, fulfillment: delivery });

  // A reload on the same device: a new client finds the stored cart and reads it once.
  const reloaded = client(storage);
  t.after(() => reloaded.close());
  const $count = cartCountStore(reloaded);
  const seen: unknown[] = [];
  const stop = $count.subscribe((v) => seen.push(v));
  t.after(stop);
  await until(() => $count.get().status === 'ready', 'ready');
  assert.deepEqual($count.get(), { status: 'ready', data: 3 });
  assert.deepEqual(seen, [{ status: 'loading' }, { status: 'ready', data: 3 }], 'no 0 before the read');
  assert.deepEqual(reloaded.reads, [`/v1/carts/${cart.id}`]);

  await cartOf(reloaded).setQuantity({ lineId: cart.lines[0]!.id, quantity: 5 });
  assert.deepEqual($count.get(), { status: 'ready', data: 6 });

  // Another device opens the cart by handoff and adds to it: the event stream brings the count.
  const { code } = await cartOf(reloaded).handoff();
  const phone = client(null);
  t.after(() => phone.close());
  await cartOf(phone).resume(code);
  await cartOf(phone).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: F.defaultStoreId } });
  await until(() => ($count.get() as { data?: number }).data === 7, 'the other device change', 5000);
});

test('a failed first read is an error (never a made-up 0), and the next cart change recovers it', async (t) => {
  const storage = memoryStorage();
  const owner = client(storage);
  t.after(() => owner.close());
  const cart = await cartOf(owner).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });

  let down = true;
  const flaky: FetchLike = (input, init) => (down ? Promise.reject(new TypeError('Failed to fetch')) : globalThis.fetch(input, init));
  const c = createBaseClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage, fetch: flaky, retry: 0, timeout: 500 });
  t.after(() => c.close());
  const $count = cartCountStore(c);
  const stop = $count.listen(() => {});
  t.after(stop);
  await until(() => $count.get().status !== 'loading', 'settled');
  const v = $count.get();
  assert.equal(v.status, 'error');
  assert.equal(v.status === 'error' && v.error.code, 'network_error');

  down = false;
  await cartOf(c).addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: delivery });
  assert.deepEqual($count.get(), { status: 'ready', data: 3 });
  assert.equal(JSON.parse(storage.getItem(CART_STORAGE_KEY)!).id, cart.id);
});
