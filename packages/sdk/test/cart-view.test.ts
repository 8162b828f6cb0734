// cartViewOf: the cart page's decisions (groups, steppers, removal with undo, one-click fixes,
// payment methods, conflict, checkout), against the real reference server over loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, type RunningServer } from '@omnikit/server';
import { paymentMethodsFor } from '@omnikit/contract/cart';
import { createBaseClient, type FetchLike, type StorageLike } from '@omnikit/sdk';
import { cartOf, cartViewOf, emailProblemOf, MAX_LINE_QUANTITY, type CartView, type Fulfillment, type CartViewLine, type CartViewRemoved } from '@omnikit/sdk/cart';
import { memoryStorage, sleep, until } from './helpers.js';

const F = SEED_FIXTURES;
let server: RunningServer;

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, heartbeatSeconds: 1 });
});
after(async () => {
  await server.close();
});

/** A fetch whose event stream never opens: this client sees other devices' changes only when it asks. */
const noStream: FetchLike = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname === '/v1/events') {
    return new Promise((_, reject) => (init?.signal ?? (input as Request).signal)?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  }
  return fetch(input, init);
};

function client(opts: { fetch?: FetchLike; storage?: StorageLike } = {}) {
  const c = createBaseClient({
    baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, currency: 'SEK', storage: opts.storage ?? memoryStorage(), retry: 0,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    realtime: { debounceMs: 5, backoffBaseMs: 50, backoffMaxMs: 200 },
  });
  return c;
}

/** Subscribes to the view (which starts it) and returns a reader of its latest value. */
function watch(view: ReturnType<typeof cartViewOf>) {
  let v: CartView = view.$view.get();
  const stop = view.$view.subscribe((x) => (v = x));
  return { get: () => v, stop };
}

const lines = (v: CartView) => v.groups.flatMap((g) => g.rows).filter((r): r is CartViewLine => r.kind === 'line');
const removed = (v: CartView) => v.groups.flatMap((g) => g.rows).filter((r): r is CartViewRemoved => r.kind === 'removed');
const delivery = { type: 'delivery' } as const;
const storeOf = (f: Fulfillment) => ('storeId' in f ? f.storeId : undefined);
const pickup = (storeId: string) => ({ type: 'pickup', storeId }) as const;

test('paymentMethodsFor: in_store is refused for a cart of delivery lines only, allowed with any store line', () => {
  const of = (...types: string[]) => paymentMethodsFor({ lines: types.map((type) => ({ fulfillment: { type } })) });
  assert.deepEqual(of('delivery', 'delivery'), [{ method: 'online' }, { method: 'in_store', refused: 'no_store_visit' }, { method: 'invoice' }]);
  assert.deepEqual(of('delivery', 'pickup'), [{ method: 'online' }, { method: 'in_store' }, { method: 'invoice' }]);
  assert.deepEqual(of('take_now'), [{ method: 'online' }, { method: 'in_store' }, { method: 'invoice' }]);
});

test('emailProblemOf: missing, invalid, fine', () => {
  assert.equal(emailProblemOf('  '), 'missing');
  assert.equal(emailProblemOf('shopper'), 'invalid');
  assert.equal(emailProblemOf('a b@example.com'), 'invalid');
  assert.equal(emailProblemOf(`${'a'.repeat(250)}@example.com`), 'invalid');
  assert.equal(emailProblemOf(' shopper@example.com '), undefined);
});

test('no cart on this device: loading, then empty', async (t) => {
  const c = client();
  t.after(() => c.close());
  const view = watch(cartViewOf(c));
  t.after(view.stop);
  assert.equal(view.get().status, 'loading');
  await until(() => view.get().status === 'empty', 'empty');
  assert.equal(view.get().cart, null);
  assert.equal(view.get().canCheckout, false);
});

test('lines by group as the server gives them; payment methods follow the lines; quantities clamp and step', async (t) => {
  const c = client();
  t.after(() => c.close());
  await cartOf(c).addLine({ sku: F.reducedVat.sku, quantity: 2, fulfillment: delivery });
  const api = cartViewOf(c);
  const view = watch(api);
  t.after(view.stop);
  await until(() => view.get().status === 'ready', 'ready');
  assert.deepEqual(view.get().payment.find((p) => p.method === 'in_store'), { method: 'in_store', refused: 'no_store_visit' });
  assert.equal(view.get().paymentMethod, 'online');
  api.choosePayment('in_store');
  assert.equal(view.get().paymentMethod, 'online', 'a refused method cannot be chosen');

  await cartOf(c).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: pickup(F.defaultStoreId) });
  await until(() => view.get().groups.length === 2, 'two groups');
  const v = view.get();
  assert.deepEqual(v.groups.map((g) => g.id), v.cart!.groups.map((g) => g.id));
  assert.deepEqual(v.groups.map((g) => g.rows.map((r) => (r as CartViewLine).line.sku)), v.cart!.groups.map((g) => g.lineIds.map((id) => v.cart!.lines.find((l) => l.id === id)!.sku)));
  const pickupGroup = v.groups.find((g) => g.fulfillment.type === 'pickup')!;
  assert.ok(pickupGroup.storeName, 'the pickup group names its store');
  assert.equal(v.payment.find((p) => p.method === 'in_store')!.refused, undefined);
  api.choosePayment('in_store');
  assert.equal(view.get().paymentMethod, 'in_store');
  assert.equal(view.get().canCheckout, true);

  const coffee = lines(view.get()).find((l) => l.line.sku === F.reducedVat.sku)!;
  assert.equal(coffee.canDecrease, true);
  const stepping = api.step(coffee.line.id, +1);
  assert.equal(lines(view.get()).find((l) => l.line.id === coffee.line.id)!.quantity, 3, 'the new quantity shows at once');
  assert.equal(lines(view.get()).find((l) => l.line.id === coffee.line.id)!.pending, true);
  assert.equal(view.get().canCheckout, false, 'no checkout while a change is on its way');
  await stepping;
  const after = lines(view.get()).find((l) => l.line.id === coffee.line.id)!;
  assert.deepEqual([after.quantity, after.line.quantity, after.pending], [3, 3, false]);
  assert.deepEqual(view.get().change && { kind: view.get().change!.kind, quantity: (view.get().change as { quantity: number }).quantity }, { kind: 'quantity', quantity: 3 });

  await api.setQuantity(coffee.line.id, 0);
  assert.equal(lines(view.get()).find((l) => l.line.id === coffee.line.id)!.line.quantity, 1, '0 clamps to 1');
  assert.equal(lines(view.get()).find((l) => l.line.id === coffee.line.id)!.canDecrease, false);
  await api.setQuantity(coffee.line.id, 5000);
  const top = lines(view.get()).find((l) => l.line.id === coffee.line.id)!;
  assert.deepEqual([top.line.quantity, top.canIncrease], [MAX_LINE_QUANTITY, false]);
  const version = view.get().cart!.version;
  await api.setQuantity(coffee.line.id, Number.NaN);
  assert.equal(view.get().cart!.version, version, 'not a number: no request');
});

test('remove shows an undo in the line\'s place; undo adds the same SKU, quantity and fulfilment back', async (t) => {
  const c = client();
  t.after(() => c.close());
  await cartOf(c).addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: pickup(F.defaultStoreId) });
  const first = await cartOf(c).addLine({ sku: F.lowVat.sku, quantity: 3, fulfillment: pickup(F.defaultStoreId) });
  const api = cartViewOf(c, { undoMs: 60_000 });
  const view = watch(api);
  t.after(view.stop);
  await until(() => view.get().status === 'ready', 'ready');
  const target = first.lines.find((l) => l.sku === F.inStock.sku)!;
  const removing = api.remove(target.id);
  const rows = view.get().groups[0]!.rows;
  assert.deepEqual(rows.map((r) => r.kind), ['removed', 'line'], 'the undo sits where the line was');
  await removing;
  assert.equal(view.get().cart!.lines.some((l) => l.id === target.id), false, 'removed on the server at once');
  assert.equal(removed(view.get())[0]!.name, target.name);
  assert.equal(view.get().change?.kind, 'removed');
  await api.undo(target.id);
  const back = view.get().cart!.lines.find((l) => l.sku === target.sku)!;
  assert.deepEqual([back.quantity, back.fulfillment.type, storeOf(back.fulfillment)], [2, 'pickup', F.defaultStoreId]);
  assert.deepEqual(removed(view.get()), []);
  assert.deepEqual(view.get().change && { kind: view.get().change!.kind, lineId: (view.get().change as { lineId: string }).lineId }, { kind: 'restored', lineId: back.id });
});

test('the undo goes away after undoMs; removing the last line ends empty', async (t) => {
  const c = client();
  t.after(() => c.close());
  const cart = await cartOf(c).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  const api = cartViewOf(c, { undoMs: 150 });
  const view = watch(api);
  t.after(view.stop);
  await until(() => view.get().status === 'ready', 'ready');
  await api.remove(cart.lines[0]!.id);
  assert.equal(view.get().status, 'ready', 'the undo is still shown');
  assert.equal(view.get().canCheckout, false);
  assert.equal(removed(view.get()).length, 1);
  await until(() => view.get().status === 'empty', 'empty after the undo expired', 2000);
  assert.deepEqual(view.get().groups.flatMap((g) => g.rows), []);
});

test('a line that cannot be had: its problem and fixes; the fix makes it ready; checkout names a blocked line', async (t) => {
  const c = client();
  t.after(() => c.close());
  // Out of stock at the store and no transfer can bring it (out of the courier's reach, none online).
  const o = F.outOfReach;
  await cartOf(c).addLine({ sku: o.sku, quantity: 1, fulfillment: pickup(o.storeId) });
  const api = cartViewOf(c);
  const view = watch(api);
  t.after(view.stop);
  await until(() => view.get().status === 'ready', 'ready');
  const line = lines(view.get())[0]!;
  assert.equal(line.problem, 'out_of_stock');
  assert.equal(storeOf(line.fixes[0]!.fulfillment), o.farStoreId);
  assert.deepEqual(line.fixes, line.line.availability.alternatives, "the fixes are the server's alternatives");
  assert.equal(view.get().canCheckout, false);

  // Checkout anyway: refused, nothing placed, and the line named.
  assert.equal(await api.checkout({ email: 'shopper@example.com' }), undefined);
  assert.equal(view.get().status, 'ready');
  assert.deepEqual(view.get().blockedLineIds, [line.line.id]);
  assert.equal(lines(view.get())[0]!.blocked, true);
  assert.deepEqual(view.get().change && view.get().change!.kind, 'refused');

  await api.fix(line.line.id, line.fixes[0]!.fulfillment);
  const fixed = lines(view.get())[0]!;
  assert.equal(fixed.problem, undefined);
  assert.equal(storeOf(fixed.line.fulfillment), o.farStoreId);
  assert.deepEqual(view.get().blockedLineIds, []);
  assert.equal(view.get().change?.kind, 'fulfillment');
  assert.ok((view.get().change as { storeName?: string }).storeName, 'the change names the new store');
  assert.equal(view.get().canCheckout, true);
});

test('checkout: the e-mail is checked first; then checking-out, ordered with the order; the next change leaves ordered', async (t) => {
  const c = client();
  t.after(() => c.close());
  await cartOf(c).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: pickup(F.defaultStoreId) });
  const api = cartViewOf(c);
  const view = watch(api);
  t.after(view.stop);
  await until(() => view.get().status === 'ready', 'ready');
  const version = view.get().cart!.version;
  assert.equal(await api.checkout({ email: '' }), undefined);
  assert.equal(view.get().emailProblem, 'missing');
  assert.equal(await api.checkout({ email: 'nope' }), undefined);
  assert.equal(view.get().emailProblem, 'invalid');
  assert.equal(view.get().cart!.version, version);
  api.choosePayment('in_store');
  const placing = api.checkout({ email: 'shopper@example.com' });
  assert.equal(view.get().status, 'checking-out');
  assert.equal(view.get().emailProblem, undefined);
  const order = await placing;
  assert.ok(order);
  assert.equal(order.payment.method, 'in_store');
  assert.equal(view.get().status, 'ordered');
  assert.equal(view.get().order?.id, order.id);
  assert.equal(view.get().change?.kind, 'ordered');
  await cartOf(c).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  await until(() => view.get().status === 'ready', 'ready with the new cart');
  assert.equal(view.get().order, undefined);
});

test('a change the SDK cannot re-apply (the line went on another device): conflict, with the current cart', async (t) => {
  const storage = memoryStorage();
  const kiosk = client({ storage, fetch: noStream });
  t.after(() => kiosk.close());
  const cart = await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  await cartOf(kiosk).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: delivery });
  const { code } = await cartOf(kiosk).handoff();
  const phone = client();
  t.after(() => phone.close());
  await cartOf(phone).resume(code);
  const api = cartViewOf(kiosk);
  const view = watch(api);
  t.after(view.stop);
  await until(() => view.get().status === 'ready' && lines(view.get()).length === 2, 'ready');
  const lineId = cart.lines[0]!.id;
  await cartOf(phone).removeLine({ lineId });
  await api.step(lineId, +1);
  assert.equal(view.get().status, 'conflict');
  assert.equal(view.get().change?.kind, 'conflict');
  assert.equal(view.get().cart!.lines.some((l) => l.id === lineId), false, 'the current cart is shown');
  // The next change that works leaves the conflict.
  await api.step(lines(view.get())[0]!.line.id, +1);
  assert.equal(view.get().status, 'ready');
});

test('a failed first read is error; retry reads again', async (t) => {
  let down = true;
  const flaky: FetchLike = (input, init) => (down ? Promise.reject(new TypeError('fetch failed')) : noStream(input, init));
  const storage = memoryStorage();
  const seed = client({ storage });
  t.after(() => seed.close());
  await cartOf(seed).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
  const c = client({ storage, fetch: flaky });
  t.after(() => c.close());
  const api = cartViewOf(c);
  const view = watch(api);
  t.after(view.stop);
  await until(() => view.get().status === 'error', 'error');
  assert.equal(view.get().error?.code, 'network_error');
  down = false;
  await api.retry();
  assert.equal(view.get().status, 'ready');
  assert.equal(view.get().error, undefined);
  await sleep(10);
});
