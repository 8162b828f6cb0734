// omni.cart against the real reference server (PGlite in memory), over loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, type RunningServer } from '@omnikit/server';
import { createClient, isOmnikitError, CART_STORAGE_KEY, type Cart, type OmnikitClient, type StorageLike, type FetchLike } from '@omnikit/sdk';
import { memoryStorage, until } from './helpers.js';

const F = SEED_FIXTURES;
let server: RunningServer;

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, heartbeatSeconds: 1 });
});
after(async () => {
  await server.close();
});

function client(opts: { channel?: 'web' | 'kiosk' | 'app' | 'pos'; fetch?: FetchLike; storage?: StorageLike } = {}): OmnikitClient {
  return createClient({
    baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, currency: 'SEK', storage: opts.storage ?? memoryStorage(),
    ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}),
    realtime: { debounceMs: 5, backoffBaseMs: 50, backoffMaxMs: 200 },
  });
}

const delivery = { type: 'delivery' } as const;
const qty = (cart: Cart | null, sku: string) => cart?.lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0) ?? 0;

test('the first change creates the cart; only its id and secret are stored', async (t) => {
  const storage = memoryStorage();
  const omni = client({ storage, channel: 'kiosk' });
  t.after(() => omni.close());
  assert.equal(omni.$cart.get(), null);
  assert.equal(await omni.cart.get(), null);
  const cart = await omni.cart.addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: { type: 'pickup', storeId: F.defaultStoreId } });
  assert.equal(cart.lines[0]!.quantity, 2);
  assert.equal(cart.channel, 'kiosk');
  assert.equal(omni.$cart.get(), cart);
  assert.deepEqual([...storage.data.keys()], [CART_STORAGE_KEY]);
  const stored = JSON.parse(storage.data.get(CART_STORAGE_KEY)!);
  assert.deepEqual(Object.keys(stored).sort(), ['id', 'secret']);
  assert.equal(stored.id, cart.id);
  // A new client on the same storage (a reload) finds the cart.
  const again = client({ storage });
  t.after(() => again.close());
  assert.equal((await again.cart.get())?.id, cart.id);
  assert.equal(again.$cart.get()?.lines.length, 1);
});

test('bad input is refused with a code and changes nothing', async (t) => {
  const storage = memoryStorage();
  const omni = client({ storage });
  t.after(() => omni.close());
  for (const quantity of [0, -1, 1.5, 2 ** 53, 1000, Number.NaN]) {
    await assert.rejects(omni.cart.addLine({ sku: F.inStock.sku, quantity, fulfillment: delivery }), (e) => isOmnikitError(e, 'validation_failed'), String(quantity));
  }
  await assert.rejects(omni.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup' } as never }), (e) => isOmnikitError(e, 'validation_failed'));
  assert.equal(storage.data.size, 0, 'no cart made for bad input');
  const cart = await omni.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  await assert.rejects(omni.cart.addLine({ sku: F.unknownSku, quantity: 1, fulfillment: delivery }), (e) => isOmnikitError(e, 'unknown_sku'));
  await assert.rejects(omni.cart.setQuantity({ lineId: cart.lines[0]!.id, quantity: 0 }), (e) => isOmnikitError(e, 'validation_failed'));
  await assert.rejects(omni.cart.setQuantity({ lineId: 'line_gone', quantity: 2 }), (e) => isOmnikitError(e, 'cart_line_not_found'));
  const now = await omni.cart.get();
  assert.equal(now?.version, cart.version);
  assert.deepEqual(now?.lines.map((l) => l.quantity), [1]);
});

test('a change whose answer is lost after the server committed it is retried with the same key: one effect', async (t) => {
  let dropped = 0;
  const lossy: FetchLike = async (input, init) => {
    const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
    const url = input instanceof Request ? input.url : String(input);
    const res = await fetch(input, init);
    if (method === 'POST' && new URL(url).pathname.endsWith('/lines') && dropped === 0) {
      dropped++;
      await res.arrayBuffer();
      throw new TypeError('fetch failed: socket hang up');
    }
    return res;
  };
  const omni = client({ fetch: lossy });
  t.after(() => omni.close());
  const cart = await omni.cart.addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: delivery });
  assert.equal(dropped, 1);
  assert.equal(qty(cart, F.lowVat.sku), 1);
  assert.equal(qty(await omni.cart.get(), F.lowVat.sku), 1);
});

test('a conflicting change is re-applied to the re-read cart: a quantity step stays a step', async (t) => {
  // The kiosk hears no events here, so it keeps showing what it saw until its change conflicts.
  const deaf: FetchLike = (input, init) =>
    String(input instanceof Request ? input.url : input).includes('/v1/events') ? Promise.reject(new TypeError('offline')) : fetch(input, init);
  const kiosk = client({ channel: 'kiosk', fetch: deaf });
  const phone = client({ channel: 'app' });
  t.after(() => {
    kiosk.close();
    phone.close();
  });
  const start = await kiosk.cart.addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: delivery });
  const handoff = await kiosk.cart.handoff();
  await phone.cart.resume(handoff.code);
  const lineId = start.lines[0]!.id;
  // The phone sets 5 while the kiosk still shows 2 and the shopper there taps + (to 3).
  await phone.cart.setQuantity({ lineId, quantity: 5 });
  const merged = await kiosk.cart.setQuantity({ lineId, quantity: 3 });
  assert.equal(merged.lines[0]!.quantity, 6);
  // A removal of a line already removed elsewhere is done, not an error.
  const other = (await phone.cart.addLine({ sku: F.reducedVat.sku, quantity: 1, fulfillment: delivery })).lines.find((l) => l.sku === F.reducedVat.sku)!;
  await kiosk.cart.get();
  await phone.cart.removeLine({ lineId: other.id });
  const after = await kiosk.cart.removeLine({ lineId: other.id });
  assert.equal(after.lines.some((l) => l.id === other.id), false);
  // A quantity change of a line removed elsewhere cannot be re-applied: the conflict surfaces.
  await kiosk.cart.get();
  await phone.cart.removeLine({ lineId });
  await assert.rejects(kiosk.cart.setQuantity({ lineId, quantity: 9 }), (e) => isOmnikitError(e, 'cart_version_conflict'));
});

test('two devices edit one cart at once, 100 mixed changes: nothing lost, the serial result, both in step', async (t) => {
  const kiosk = client({ channel: 'kiosk' });
  const phone = client({ channel: 'app' });
  t.after(() => {
    kiosk.close();
    phone.close();
  });
  await kiosk.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  await phone.cart.resume((await kiosk.cart.handoff()).code);
  // Each device adds to SKUs both use, and steps and removes lines only it adds to: the serial
  // result is then the same in every order of arrival.
  const shared = ['OK-10011', 'OK-10012', 'OK-10013'];
  const own = { kiosk: ['OK-10021', 'OK-10022', 'OK-10023'], phone: ['OK-10031', 'OK-10032', 'OK-10033'] };
  const expected = new Map<string, number>([[F.inStock.sku, 1]]);
  const plan = (who: 'kiosk' | 'phone', seed: number) => {
    const ops: (() => Promise<unknown>)[] = [];
    const omni = who === 'kiosk' ? kiosk : phone;
    let r = seed;
    const rand = (n: number) => ((r = (r * 1103515245 + 12345) % 2 ** 31) % n);
    for (let i = 0; i < 50; i++) {
      const kind = rand(4);
      if (kind <= 1) {
        const sku = kind === 0 ? shared[rand(3)]! : own[who][rand(3)]!;
        const n = 1 + rand(3);
        expected.set(sku, (expected.get(sku) ?? 0) + n);
        ops.push(() => omni.cart.addLine({ sku, quantity: n, fulfillment: delivery }));
      } else if (kind === 2) {
        const sku = own[who][rand(3)]!;
        if (!expected.get(sku)) continue;
        expected.set(sku, expected.get(sku)! + 1);
        ops.push(async () => {
          const line = omni.$cart.get()!.lines.find((l) => l.sku === sku)!;
          return omni.cart.setQuantity({ lineId: line.id, quantity: line.quantity + 1 });
        });
      } else {
        const sku = own[who][rand(3)]!;
        if (!expected.get(sku)) continue;
        expected.delete(sku);
        ops.push(async () => {
          const line = omni.$cart.get()!.lines.find((l) => l.sku === sku)!;
          return omni.cart.removeLine({ lineId: line.id });
        });
      }
    }
    return ops;
  };
  const kioskOps = plan('kiosk', 7);
  const phoneOps = plan('phone', 11);
  const run = async (ops: (() => Promise<unknown>)[]) => {
    for (const op of ops) await op();
  };
  await Promise.all([run(kioskOps), run(phoneOps)]);
  assert.ok(kioskOps.length + phoneOps.length >= 80, `${kioskOps.length + phoneOps.length} changes`);
  const final = (await kiosk.cart.get())!;
  const got = new Map(final.lines.map((l) => [l.sku, l.quantity]));
  assert.deepEqual(Object.fromEntries([...got].sort()), Object.fromEntries([...expected].filter(([, n]) => n > 0).sort()));
  // The other device follows through the event stream, without a read of its own.
  await until(() => phone.$cart.get()?.version === final.version, 'the phone cart to catch up', 3000);
  assert.deepEqual(phone.$cart.get()!.lines, final.lines);
  assert.deepEqual(final.channels, ['kiosk', 'app']);
});

test('checkout turns the cart into an order this device can read; the next change starts a new cart', async (t) => {
  const storage = memoryStorage();
  const omni = client({ storage, channel: 'kiosk' });
  const stranger = client();
  t.after(() => {
    omni.close();
    stranger.close();
  });
  // A line that cannot be had (no transfer can bring it either): the checkout is refused and nothing changes.
  const o = F.outOfReach;
  const blocked = await omni.cart.addLine({ sku: o.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: o.storeId } });
  await assert.rejects(
    omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } }),
    (e) => isOmnikitError(e, 'checkout_unavailable'),
  );
  assert.equal((await omni.cart.get())?.version, blocked.version);
  // The one-click fix from the line's alternatives, then the order.
  const line = blocked.lines[0]!;
  await omni.cart.setFulfillment({ lineId: line.id, fulfillment: line.availability.alternatives[0]!.fulfillment });
  await assert.rejects(omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'not an email' } }), (e) => isOmnikitError(e, 'validation_failed'));
  const order = await omni.cart.checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } });
  assert.equal(order.status, 'confirmed');
  assert.equal(order.lines[0]!.sku, o.sku);
  assert.equal(omni.$cart.get(), null);
  assert.equal(storage.data.has(CART_STORAGE_KEY), false);
  assert.equal((await omni.orders.get(order.id)).id, order.id);
  await assert.rejects(stranger.orders.get(order.id), (e) => isOmnikitError(e, 'order_not_found'));
  const next = await omni.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  assert.notEqual(next.id, order.cartId);
});
