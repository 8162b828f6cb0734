import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Cart, CartAccess, CartHandoff, DELIVERY_PRICING, HANDOFF_ALPHABET, MAX_LINE_QUANTITY, allocate, vatOfGross,
} from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/index.js';
import { SK, SseClient, assertError, parseWith, startTestServer, type TestServer, PK } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer('carts');
});
after(() => s.close());

interface Handle { id: string; secret: string }
type Headers = Record<string, string>;

const secretHeader = (h: Handle) => ({ 'Omnikit-Cart-Secret': h.secret });

async function newCart(headers: Headers = {}, body: unknown = {}): Promise<Handle & { cart: Cart }> {
  const r = await s.call('/v1/carts', { body, headers });
  assert.equal(r.status, 201, r.text);
  const access = parseWith(CartAccess, r.json);
  assert.ok(access.secret);
  return { id: access.cart.id, secret: access.secret, cart: access.cart };
}

const read = async (h: Handle, headers: Headers = {}) => s.call(`/v1/carts/${h.id}`, { headers: { ...secretHeader(h), ...headers } });
const cartOf = async (h: Handle) => {
  const r = await read(h);
  assert.equal(r.status, 200, r.text);
  return parseWith(Cart, r.json);
};
const add = (h: Handle, body: unknown, headers: Headers = {}) =>
  s.call(`/v1/carts/${h.id}/lines`, { body, headers: { ...secretHeader(h), ...headers } });
const update = (h: Handle, lineId: string, body: unknown, headers: Headers = {}) =>
  s.call(`/v1/carts/${h.id}/lines/${lineId}`, { method: 'PATCH', body, headers: { ...secretHeader(h), ...headers } });
const remove = (h: Handle, lineId: string, headers: Headers = {}) =>
  s.call(`/v1/carts/${h.id}/lines/${lineId}`, { method: 'DELETE', headers: { ...secretHeader(h), ...headers } });

const delivery = { type: 'delivery' } as const;
const pickupAt = (storeId: string) => ({ type: 'pickup', storeId }) as const;

async function okCart(reply: Awaited<ReturnType<typeof add>>): Promise<Cart> {
  assert.equal(reply.status, 200, reply.text);
  return parseWith(Cart, reply.json);
}

/** A Swedish store farther from Stockholm than a courier run between stores goes. */
const FAR = 'se-malmo-sodra-forstadsgatan';

/** `n` SKUs (sold in stores) with none available anywhere but 10 at {@link FAR}; a row left at every location it had. */
async function onlyFarAway(n: number): Promise<string[]> {
  const skus = (await s.db.query<{ sku: string }>(
    `SELECT sku FROM products WHERE active AND NOT online_only AND sku > 'OK-10250' ORDER BY sku LIMIT $1`, [n],
  )).map((r) => r.sku);
  for (const sku of skus) {
    await s.db.query('UPDATE stock SET on_hand = reserved WHERE sku = $1', [sku]);
    await s.db.query(
      `INSERT INTO stock (sku, store_id, on_hand) VALUES ($1, $2, 10), ($1, $3, 0)
       ON CONFLICT (sku, store_id) DO UPDATE SET on_hand = stock.reserved + EXCLUDED.on_hand`,
      [sku, FAR, F.defaultStoreId],
    );
  }
  return skus;
}

async function customerToken(customerId: string): Promise<string> {
  const r = await s.call('/v1/admin/customer-tokens', { key: SK, body: { customerId } });
  assert.equal(r.status, 201, r.text);
  return r.json.token;
}

describe('carts', () => {
  test('a new cart is empty, priced in SEK with Swedish VAT, and remembers its channel', async () => {
    const { cart } = await newCart({ 'Omnikit-Channel': 'kiosk' });
    assert.equal(cart.status, 'open');
    assert.equal(cart.version, 1);
    assert.deepEqual([cart.currency, cart.country, cart.channel, cart.channels], ['SEK', 'SE', 'kiosk', ['kiosk']]);
    assert.deepEqual(cart.lines, []);
    assert.equal(cart.totals.total, 0);
    assert.equal(cart.ready, false);
    const nok = await newCart({}, { currency: 'NOK' });
    assert.deepEqual([nok.cart.currency, nok.cart.country, nok.cart.channel], ['NOK', 'NO', 'web']);
  });

  test('adding the same SKU and fulfilment raises the line; another fulfilment is another line', async () => {
    const h = await newCart();
    let cart = await okCart(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }));
    assert.equal(cart.version, 2);
    cart = await okCart(await add(h, { sku: F.inStock.sku, quantity: 2, fulfillment: delivery }));
    assert.equal(cart.lines.length, 1);
    assert.equal(cart.lines[0]!.quantity, 3);
    cart = await okCart(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: pickupAt(F.inStock.storeId) }));
    assert.equal(cart.lines.length, 2);
    // `pickup` without a method is the counter: the same line as `in_store`.
    cart = await okCart(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: { ...pickupAt(F.inStock.storeId), method: 'in_store' } }));
    assert.equal(cart.lines.length, 2);
    assert.deepEqual(cart.lines[1]!.fulfillment, { type: 'pickup', storeId: F.inStock.storeId, method: 'in_store' });
    assert.equal(cart.itemCount, 5);
    assert.deepEqual(cart.groups.map((g) => [g.id, g.lineIds.length]), [['delivery', 1], [`pickup:${F.inStock.storeId}:in_store`, 1]]);
    assert.equal(cart.groups[1]!.storeName, 'Drottninggatan');
  });

  test('prices on the server: line totals, VAT per rate, the delivery fee below the threshold', async () => {
    const h = await newCart();
    await add(h, { sku: F.inStock.sku, quantity: 2, fulfillment: delivery });
    await add(h, { sku: F.reducedVat.sku, quantity: 3, fulfillment: delivery });
    const cart = await okCart(await add(h, { sku: F.lowVat.sku, quantity: 1, fulfillment: pickupAt(F.defaultStoreId) }));
    const product = async (sku: string) => (await s.call(`/v1/products/${sku}`)).json.prices.SEK.amount as number;
    const [p1, p2, p3] = [await product(F.inStock.sku), await product(F.reducedVat.sku), await product(F.lowVat.sku)];
    const byS = new Map(cart.lines.map((l) => [l.sku, l]));
    assert.deepEqual([byS.get(F.inStock.sku)!.unitPrice, byS.get(F.inStock.sku)!.lineTotal, byS.get(F.inStock.sku)!.vatRate], [p1, 2 * p1, 2500]);
    assert.deepEqual([byS.get(F.reducedVat.sku)!.lineTotal, byS.get(F.reducedVat.sku)!.vatRate], [3 * p2, 1200]);
    assert.deepEqual([byS.get(F.lowVat.sku)!.lineTotal, byS.get(F.lowVat.sku)!.vatRate], [p3, 600]);
    const goods = 2 * p1 + 3 * p2;
    const fee = goods >= DELIVERY_PRICING.SEK.freeFrom ? 0 : DELIVERY_PRICING.SEK.fee;
    const t = cart.totals;
    assert.equal(t.subtotal, 2 * p1 + 3 * p2 + p3);
    assert.equal(t.delivery, fee);
    assert.equal(t.total, t.subtotal + fee);
    const [fee25, fee12] = allocate(fee, [2 * p1, 3 * p2]);
    const expected = [[2500, 2 * p1 + fee25!], [1200, 3 * p2 + fee12!], [600, p3]].map(([rate, gross]) => ({ rate, gross, vat: vatOfGross(gross!, rate!), net: gross! - vatOfGross(gross!, rate!) }));
    assert.deepEqual(t.vat, expected);
    assert.equal(t.vatTotal, expected.reduce((a, v) => a + v.vat, 0));
    const d = cart.groups.find((g) => g.id === 'delivery')!;
    assert.equal(d.fee, fee);
    assert.equal(d.missingForFreeDelivery, Math.max(0, DELIVERY_PRICING.SEK.freeFrom - goods));
    for (const n of [t.subtotal, t.total, t.vatTotal, ...t.vat.flatMap((v) => [v.gross, v.net, v.vat])]) assert.ok(Number.isInteger(n));
  });

  test('the same SKU costs the same in the web, kiosk, app and pos channels', async () => {
    const carts = [];
    for (const channel of ['web', 'kiosk', 'app', 'pos']) {
      const h = await newCart({ 'Omnikit-Channel': channel }, {}, );
      await add(h, { sku: F.reducedVat.sku, quantity: 2, fulfillment: delivery }, { 'Omnikit-Channel': channel });
      carts.push(await okCart(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: pickupAt(F.defaultStoreId) }, { 'Omnikit-Channel': channel })));
    }
    const money = (c: Cart) => ({ lines: c.lines.map((l) => [l.sku, l.unitPrice, l.lineTotal, l.vatRate]), totals: c.totals });
    for (const c of carts.slice(1)) assert.deepEqual(money(c), money(carts[0]!));
    assert.deepEqual(carts.map((c) => c.channel), ['web', 'kiosk', 'app', 'pos']);
  });

  test('says per line whether it can be had, and what can instead; a line is never dropped', async () => {
    const h = await newCart();
    const o = F.outOfStockAvailableNearby;
    // None at the store, but a transfer can bring it: the line is fine, and says so.
    let cart = await okCart(await add(h, { sku: o.sku, quantity: 1, fulfillment: pickupAt(o.storeId) }));
    const moved = cart.lines[0]!.availability;
    assert.deepEqual([moved.ok, moved.problem, moved.source, moved.available], [true, undefined, 'transfer', 0]);
    assert.ok(moved.transferFrom && moved.readyAt);
    await remove(h, cart.lines[0]!.id);
    // SKUs no transfer can bring to Stockholm (none online, none within a courier run), 10 each in Malmö.
    const [far1, far2, far3] = await onlyFarAway(3);
    cart = await okCart(await add(h, { sku: far1!, quantity: 1, fulfillment: pickupAt(F.defaultStoreId) }));
    const line = cart.lines[0]!;
    assert.equal(line.availability.ok, false);
    assert.equal(line.availability.problem, 'out_of_stock');
    assert.deepEqual(line.availability.alternatives[0]!.fulfillment, { type: 'pickup', storeId: FAR, method: 'in_store' });
    assert.equal(line.availability.alternatives[0]!.available, 10);
    assert.equal(cart.ready, false);
    // Not carried; online only at a store; more than there is.
    await s.db.query('DELETE FROM stock WHERE sku = $1 AND store_id = $2', [far2, F.defaultStoreId]);
    cart = await okCart(await add(h, { sku: far2!, quantity: 1, fulfillment: pickupAt(F.defaultStoreId) }));
    assert.equal(cart.lines[1]!.availability.problem, 'not_stocked');
    cart = await okCart(await add(h, { sku: F.onlineOnly.sku, quantity: 1, fulfillment: pickupAt(F.defaultStoreId) }));
    assert.equal(cart.lines[2]!.availability.problem, 'online_only');
    await s.db.query('UPDATE stock SET on_hand = reserved + 2 WHERE sku = $1 AND store_id = $2', [far3, F.defaultStoreId]);
    cart = await okCart(await add(h, { sku: far3!, quantity: 3, fulfillment: pickupAt(F.defaultStoreId) }));
    assert.deepEqual([cart.lines[3]!.availability.problem, cart.lines[3]!.availability.available], ['insufficient_stock', 2]);
    // Curbside where the store does not offer it.
    cart = await okCart(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: F.inStock.storeId, method: 'curbside' } }));
    assert.equal(cart.lines[4]!.availability.problem, 'service_unavailable');
    assert.equal(cart.lines.length, 5);
    // The one-click fix: move the line to the alternative.
    const fixed = await okCart(await update(h, line.id, { fulfillment: line.availability.alternatives[0]!.fulfillment }));
    assert.equal(fixed.lines.find((l) => l.id === line.id)!.availability.ok, true);
  });

  test('set quantity, change fulfilment (merging with the twin line), remove', async () => {
    const h = await newCart();
    await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    let cart = await okCart(await add(h, { sku: F.inStock.sku, quantity: 2, fulfillment: pickupAt(F.inStock.storeId) }));
    const [d, p] = cart.lines;
    cart = await okCart(await update(h, d!.id, { quantity: 4 }));
    assert.equal(cart.lines.find((l) => l.id === d!.id)!.quantity, 4);
    cart = await okCart(await update(h, p!.id, { fulfillment: delivery }));
    assert.deepEqual(cart.lines.map((l) => [l.id, l.quantity]), [[d!.id, 6]]);
    cart = await okCart(await remove(h, d!.id));
    assert.deepEqual(cart.lines, []);
    assertError(await remove(h, d!.id), 404, 'cart_line_not_found');
    assertError(await update(h, 'line_nope', { quantity: 1 }), 404, 'cart_line_not_found');
  });

  test('bad input is refused with a code and changes nothing', async () => {
    const h = await newCart();
    await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    const before = await cartOf(h);
    for (const quantity of [0, -1, 1.5, 2 ** 53, MAX_LINE_QUANTITY + 1, '1', null]) {
      assertError(await add(h, { sku: F.inStock.sku, quantity, fulfillment: delivery }), 400, 'validation_failed');
      assertError(await update(h, before.lines[0]!.id, { quantity }), 400, 'validation_failed');
    }
    assertError(await add(h, { sku: F.unknownSku, quantity: 1, fulfillment: delivery }), 404, 'unknown_sku');
    assertError(await add(h, { sku: F.inactive.sku, quantity: 1, fulfillment: delivery }), 409, 'product_inactive');
    assertError(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: pickupAt(F.unknownStoreId) }), 404, 'unknown_store');
    assertError(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'take_now', storeId: 'online' } }), 400, 'validation_failed');
    assertError(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'teleport' } }), 400, 'validation_failed');
    assertError(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }, { 'Omnikit-Channel': 'fax' }), 400, 'validation_failed');
    assertError(await add(h, { sku: F.inStock.sku, quantity: MAX_LINE_QUANTITY, fulfillment: delivery }), 409, 'cart_limit_reached');
    assert.deepEqual(await cartOf(h), before);
  });

  test('a wrong or missing secret reveals nothing, not even that the cart exists', async () => {
    const mine = await newCart();
    const theirs = await newCart();
    const none = { id: 'cart_doesnotexist000000000', secret: 'cs_nope' };
    const answers = [
      await s.call(`/v1/carts/${mine.id}`),
      await read({ id: mine.id, secret: theirs.secret }),
      await read({ id: mine.id, secret: `${mine.secret}x` }),
      await read(none),
      await add({ id: mine.id, secret: theirs.secret }, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }),
      await s.call(`/v1/carts/${mine.id}/handoff`, { body: {}, headers: secretHeader(theirs) }),
    ];
    for (const r of answers) {
      const e = assertError(r, 404, 'cart_not_found');
      assert.equal(e.message, 'No such cart, or not yours to open.');
    }
    assert.equal((await cartOf(mine)).version, 1);
    // The secret key (the till, customer service) reaches any cart.
    assert.equal((await s.call(`/v1/carts/${mine.id}`, { key: SK })).status, 200);
  });

  test('a stale version is 409 cart_version_conflict with the current cart', async () => {
    const h = await newCart();
    const v1 = (await cartOf(h)).version;
    await okCart(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }, { 'If-Match': `"${v1}"` }));
    const stale = await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }, { 'If-Match': `"${v1}"` });
    assertError(stale, 409, 'cart_version_conflict');
    const current = parseWith(Cart, stale.json.error.details.cart);
    assert.equal(current.version, v1 + 1);
    assert.equal(current.lines[0]!.quantity, 1);
    assertError(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }, { 'If-Match': 'yesterday' }), 400, 'validation_failed');
  });

  test('an Idempotency-Key replays the first answer; another body with it is 422', async () => {
    const h = await newCart();
    const key = { 'Idempotency-Key': `add-${h.id}` };
    const body = { sku: F.inStock.sku, quantity: 2, fulfillment: delivery };
    const first = await okCart(await add(h, body, key));
    const again = await add(h, body, key);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(parseWith(Cart, again.json), first);
    assert.equal((await cartOf(h)).lines[0]!.quantity, 2);
    assertError(await add(h, { ...body, quantity: 3 }, key), 422, 'idempotency_key_reused');
  });

  test('sign-in merges the guest cart into the member\'s open cart; sign-out forgets it on this device', async () => {
    const token = await customerToken(`member-${Date.now()}`);
    const member = { 'Omnikit-Customer-Token': token };
    // The member's cart from their phone.
    const phone = await newCart({ ...member, 'Omnikit-Channel': 'app' });
    await add(phone, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }, { 'Omnikit-Channel': 'app' });
    // A guest cart on the kiosk, with the same line and another.
    const kiosk = await newCart({ 'Omnikit-Channel': 'kiosk' });
    await add(kiosk, { sku: F.inStock.sku, quantity: 2, fulfillment: delivery }, { 'Omnikit-Channel': 'kiosk' });
    await add(kiosk, { sku: F.reducedVat.sku, quantity: 1, fulfillment: pickupAt(F.defaultStoreId) }, { 'Omnikit-Channel': 'kiosk' });
    const r = await s.call(`/v1/carts/${kiosk.id}/customer`, { method: 'PUT', headers: { ...secretHeader(kiosk), ...member, 'Omnikit-Channel': 'kiosk' } });
    assert.equal(r.status, 200, r.text);
    const access = parseWith(CartAccess, r.json);
    assert.equal(access.cart.id, phone.id);
    assert.ok(access.secret, 'a secret for the member cart on this device');
    assert.deepEqual(access.cart.lines.map((l) => [l.sku, l.quantity]), [[F.inStock.sku, 3], [F.reducedVat.sku, 1]]);
    assert.equal(access.cart.signedIn, true);
    assert.deepEqual(access.cart.channels, ['app', 'kiosk']);
    const guest = await cartOf(kiosk);
    assert.deepEqual([guest.status, guest.mergedInto], ['merged', phone.id]);
    assertError(await add(kiosk, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }), 409, 'cart_closed');
    // The member's token alone reads it; sign-out on the kiosk drops the kiosk's secret.
    const onKiosk = { id: phone.id, secret: access.secret! };
    assert.equal((await s.call(`/v1/carts/${phone.id}`, { headers: member })).status, 200);
    assert.equal((await s.call(`/v1/carts/${phone.id}`, { method: 'DELETE', headers: secretHeader(onKiosk) })).status, 405);
    const out = await s.call(`/v1/carts/${phone.id}/customer`, { method: 'DELETE', headers: secretHeader(onKiosk) });
    assert.equal(out.status, 200, out.text);
    assertError(await read(onKiosk), 404, 'cart_not_found');
    assert.equal((await read(phone)).status, 200, 'the phone keeps its cart');
    // Attaching needs a customer token.
    assertError(await s.call(`/v1/carts/${phone.id}/customer`, { method: 'PUT', headers: secretHeader(phone) }), 401, 'unauthorized');
  });

  test('a new cart with a customer token is the member\'s open cart', async () => {
    const member = { 'Omnikit-Customer-Token': await customerToken(`member-b-${Date.now()}`) };
    const a = await newCart(member);
    const b = await newCart({ ...member, 'Omnikit-Channel': 'kiosk' });
    assert.equal(b.id, a.id);
    assert.deepEqual(b.cart.channels, ['web', 'kiosk']);
  });

  test('handoff: a short code and a URL open the cart on another device, once, and record the channel', async () => {
    const kiosk = await newCart({ 'Omnikit-Channel': 'kiosk' });
    await add(kiosk, { sku: F.inStock.sku, quantity: 1, fulfillment: pickupAt(F.defaultStoreId) }, { 'Omnikit-Channel': 'kiosk' });
    const r = await s.call(`/v1/carts/${kiosk.id}/handoff`, { body: {}, headers: { ...secretHeader(kiosk), Origin: 'https://shop.example' } });
    assert.equal(r.status, 201, r.text);
    const handoff = parseWith(CartHandoff, r.json);
    assert.match(handoff.code, new RegExp(`^[${HANDOFF_ALPHABET}]{4}-[${HANDOFF_ALPHABET}]{4}$`));
    assert.equal(handoff.url, `https://shop.example/?omnikit-handoff=${handoff.code.replace('-', '')}`);
    const minutes = (Date.parse(handoff.expiresAt) - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15.1, `expires in ${minutes} min`);
    const typed = ` ${handoff.code.toLowerCase().replace('-', ' ')} `;
    const resumed = await s.call('/v1/carts/resume', { body: { code: typed }, headers: { 'Omnikit-Channel': 'app' } });
    assert.equal(resumed.status, 200, resumed.text);
    const access = parseWith(CartAccess, resumed.json);
    assert.equal(access.cart.id, kiosk.id);
    assert.deepEqual(access.cart.channels, ['kiosk', 'app']);
    const phone = { id: kiosk.id, secret: access.secret! };
    await okCart(await add(phone, { sku: F.reducedVat.sku, quantity: 1, fulfillment: delivery }));
    assert.equal((await cartOf(kiosk)).lines.length, 2);
    assertError(await s.call('/v1/carts/resume', { body: { code: handoff.code } }), 404, 'handoff_code_invalid');
    // A URL of the caller's own.
    const custom = await s.call(`/v1/carts/${kiosk.id}/handoff`, { body: { url: 'https://shop.example/cart?h={code}' }, headers: secretHeader(kiosk) });
    assert.match(parseWith(CartHandoff, custom.json).url, /^https:\/\/shop\.example\/cart\?h=[A-Z0-9]{8}$/);
    assertError(await s.call(`/v1/carts/${kiosk.id}/handoff`, { body: { url: 'javascript:alert(1)//{code}' }, headers: secretHeader(kiosk) }), 400, 'validation_failed');
  });

  test('wrong handoff codes are limited per address', async () => {
    let limited = false;
    for (let i = 0; i < 12 && !limited; i++) {
      const r = await s.call('/v1/carts/resume', { body: { code: 'AAAA-AAAA' } });
      if (r.status === 429) {
        assertError(r, 429, 'rate_limited');
        assert.ok(Number(r.headers.get('retry-after')) > 0);
        limited = true;
      } else assertError(r, 404, 'handoff_code_invalid');
    }
    assert.ok(limited, 'the 11th wrong code in a minute is refused');
  });

  test('every change is a cart.changed notice on the cart topic, without contents', async () => {
    const h = await newCart();
    const stream = await SseClient.open(`${s.url}/v1/events?topics=cart:${h.id}`, { headers: { Authorization: `Bearer ${PK}` } });
    try {
      await stream.next('stream.ready');
      const cart = await okCart(await add(h, { sku: F.inStock.sku, quantity: 1, fulfillment: delivery }));
      const e = await stream.next('cart.changed');
      assert.deepEqual(e.data.data, { cartId: h.id, version: cart.version, status: 'open' });
      assert.equal(JSON.stringify(e.data).includes(F.inStock.sku), false);
    } finally {
      stream.close();
    }
    assertError(await s.call('/v1/events?topics=cart:not%20an%20id'), 400, 'validation_failed');
  });
});
