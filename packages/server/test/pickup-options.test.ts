// Ready times (pickup/ready-time.ts, pure, `now` injected) and fulfilment options
// (GET /v1/fulfillment/options, GET /v1/carts/:id/fulfillment-options) on the seeded server
// with an injected clock: Stockholm and Helsinki, before opening, after closing, a Saturday, a
// public holiday, midsummer eve, with and without stock on hand, across daylight-saving changes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CartAccess, FulfillmentOptions, ONLINE_LOCATION } from '@omnikit/contract';
import { DEFAULT_FULFILLMENT_TIMES as T, deliveryDate, readyAt, type ReadySite } from '../src/pickup/ready-time.js';
import { SEED_FIXTURES as F } from '../src/seed/index.js';
import { seedStores } from '../src/seed/stores.js';
import { assertError, parseWith, startTestServer, type TestServer } from './helpers.js';

const seed = seedStores();
const site = (id: string): ReadySite => {
  const s = seed.find((x) => x.id === id)!;
  return {
    type: s.type, country: s.address.country, timeZone: s.timeZone, openingHours: s.openingHours, overrides: s.openingExceptions,
    preparationMinutes: s.preparationMinutes!,
  };
};
const STHLM_ID = 'se-stockholm-drottninggatan';
const HKI_ID = 'fi-helsinki-aleksanterinkatu';
const STHLM = site(STHLM_ID);
const HKI = site(HKI_ID);
const at = (iso: string) => new Date(iso);
const ready = (s: ReadySite, now: string, lead = 0) => readyAt(s, at(now), lead)?.toISOString();

describe('ready time from the shelf (30 minutes of preparation)', () => {
  test('Stockholm: before opening, during, just before closing, after closing', () => {
    assert.equal(ready(STHLM, '2027-03-23T06:00:00Z'), '2027-03-23T09:30:00.000Z', '07:00 -> 10:30 (opening + preparation)');
    assert.equal(ready(STHLM, '2027-03-23T12:00:00Z'), '2027-03-23T12:30:00.000Z', '13:00 -> 13:30');
    assert.equal(ready(STHLM, '2027-03-23T17:40:00Z'), '2027-03-24T09:30:00.000Z', '18:40 does not fit before 19:00');
    assert.equal(ready(STHLM, '2027-03-23T18:30:00Z'), '2027-03-24T09:30:00.000Z', '19:30 -> next opening + preparation');
  });

  test('Stockholm on a Saturday afternoon: Sunday 11:30, in winter time after the October change', () => {
    // Saturday 2027-10-30 16:45 CEST; closes 17:00; Sunday 2027-10-31 (clocks back at 03:00) opens 11:00 CET = 10:00Z.
    assert.equal(ready(STHLM, '2027-10-30T14:45:00Z'), '2027-10-31T10:30:00.000Z');
    assert.equal(ready(STHLM, '2027-10-30T08:00:00Z'), '2027-10-30T08:30:00.000Z', 'Saturday 10:00 CEST opening');
  });

  test('a public holiday (Ascension Day) is skipped', () => {
    // Wednesday 2027-05-05 18:50 CEST; Thursday 2027-05-06 Kristi himmelsfärdsdag, closed.
    assert.equal(ready(STHLM, '2027-05-05T16:50:00Z'), '2027-05-07T08:30:00.000Z');
  });

  test("midsummer eve: the store's short hours (10-14), then midsummer day closed", () => {
    assert.equal(ready(STHLM, '2027-06-25T07:00:00Z'), '2027-06-25T08:30:00.000Z', '09:00 -> 10:30 CEST');
    assert.equal(ready(STHLM, '2027-06-25T11:45:00Z'), '2027-06-27T09:30:00.000Z', '13:45 -> Sunday 11:30');
    assert.equal(ready(HKI, '2027-06-25T05:00:00Z'), '2027-06-25T06:30:00.000Z', 'Helsinki juhannusaatto opens 09:00 EEST');
    assert.equal(ready(HKI, '2027-06-25T11:50:00Z'), '2027-06-27T08:30:00.000Z', 'Helsinki 14:50 -> Sunday 11:30 EEST');
  });

  test('Helsinki before opening, and a Saturday before Easter across the March change', () => {
    assert.equal(ready(HKI, '2027-03-23T06:00:00Z'), '2027-03-23T08:30:00.000Z', '08:00 EET -> 10:30 EET');
    // Saturday 2027-03-27 16:50 EET; Easter Sunday and Monday closed; clocks forward on the 28th.
    assert.equal(ready(HKI, '2027-03-27T14:50:00Z'), '2027-03-30T07:30:00.000Z', 'Tuesday 10:30 EEST');
  });

  test('units moving first: the lead time, then the same rule', () => {
    // From the online stock (24 h): Monday 12:00 -> Tuesday 12:00 -> ready 12:30.
    assert.equal(ready(STHLM, '2027-03-22T11:00:00Z', T.onlineTransferMinutes), '2027-03-23T11:30:00.000Z');
    // Arriving after closing: Tuesday 19:30 + 24 h is Wednesday 19:30 -> Thursday 10:30.
    assert.equal(ready(STHLM, '2027-03-23T18:30:00Z', T.onlineTransferMinutes), '2027-03-25T09:30:00.000Z');
    // From another store (4 h): Tuesday 16:00 -> 20:00, closed -> Wednesday 10:30.
    assert.equal(ready(STHLM, '2027-03-23T15:00:00Z', T.storeTransferMinutes), '2027-03-24T09:30:00.000Z');
  });
});

describe('delivery date', () => {
  const wh = { country: 'SE' as const, timeZone: 'Europe/Stockholm' };
  test('ships the same business day before the cut-off, then two business days', () => {
    assert.equal(deliveryDate(at('2027-03-22T09:00:00Z'), wh, 'SE', T), '2027-03-24');
    assert.equal(deliveryDate(at('2027-03-22T15:00:00Z'), wh, 'SE', T), '2027-03-25', '16:00 is after the cut-off');
    assert.equal(deliveryDate(at('2027-03-19T15:00:00Z'), wh, 'SE', T), '2027-03-24', 'Friday evening ships Monday');
    // Thursday before Easter after the cut-off: Good Friday to Easter Monday are no business days.
    assert.equal(deliveryDate(at('2027-03-25T15:00:00Z'), wh, 'FI', T), '2027-04-01');
  });
});

describe('GET /v1/fulfillment/options', () => {
  let s: TestServer;
  let clock = at('2027-03-23T06:00:00Z');
  const sku = F.outOfStockAvailableNearby.sku; // none at Drottninggatan, 25 at Götgatan
  const onShelf = F.inStock.sku; // 40 at Drottninggatan
  let hkiSku: string;
  before(async () => {
    s = await startTestServer('options', { clock: () => clock });
    const [row] = await s.db.query<{ sku: string }>(
      `SELECT s.sku FROM stock s JOIN products p USING (sku) WHERE s.store_id = $1 AND s.on_hand - s.reserved >= 3 AND p.active ORDER BY s.sku LIMIT 1`, [HKI_ID]);
    hkiSku = row!.sku;
  });
  after(async () => { await s?.close(); });
  const options = async (query: string) => {
    const r = await s.call(`/v1/fulfillment/options?${query}`);
    assert.equal(r.status, 200, r.text);
    return parseWith(FulfillmentOptions, r.json);
  };

  test('stock on hand in Stockholm before opening: counter at 10:30, no curbside there, lockers nearby, delivery', async () => {
    clock = at('2027-03-23T06:00:00Z');
    const a = await options(`sku=${onShelf}&quantity=2&storeId=${STHLM_ID}`);
    assert.equal(a.computedAt, '2027-03-23T06:00:00.000Z');
    assert.deepEqual(a.options.map((o) => o.id), [
      `pickup:${STHLM_ID}:in_store`, `pickup:${STHLM_ID}:curbside`,
      'pickup:se-stockholm-t-centralen-locker:locker', 'pickup:se-stockholm-medborgarplatsen-locker:locker', 'delivery',
    ]);
    const [counter, curb, locker] = a.options;
    assert.deepEqual({ possible: counter!.possible, readyAt: counter!.readyAt, source: counter!.source },
      { possible: true, readyAt: '2027-03-23T09:30:00.000Z', source: 'on_hand' });
    assert.deepEqual(counter!.fulfillment, { type: 'pickup', storeId: STHLM_ID, method: 'in_store' });
    assert.equal(counter!.lines[0]!.available, 40);
    assert.deepEqual({ possible: curb!.possible, problem: curb!.problem }, { possible: false, problem: 'service_unavailable' });
    // The locker is filled from the store: ready 10:30, then a 2 h run.
    assert.deepEqual({ readyAt: locker!.readyAt, source: locker!.source, transferFrom: locker!.transferFrom },
      { readyAt: '2027-03-23T11:30:00.000Z', source: 'transfer', transferFrom: STHLM_ID });
    assert.ok(locker!.distanceKm! < 1);
    const delivery = a.options.at(-1)!;
    assert.equal(delivery.kind, 'delivery');
    assert.equal(delivery.deliveryDate, '2027-03-25');
    assert.equal(a.defaultOptionId, `pickup:${STHLM_ID}:in_store`);
  });

  test('no stock on hand: a transfer from the nearest store with it (4 h), not the online stock (24 h)', async () => {
    clock = at('2027-03-23T09:00:00Z'); // 10:00 Tuesday
    const counter = (await options(`sku=${sku}&storeId=${STHLM_ID}`)).options[0]!;
    assert.deepEqual(
      { possible: counter.possible, source: counter.source, transferFrom: counter.transferFrom, readyAt: counter.readyAt, available: counter.lines[0]!.available },
      { possible: true, source: 'transfer', transferFrom: F.outOfStockAvailableNearby.nearbyStoreId, readyAt: '2027-03-23T13:30:00.000Z', available: 0 },
    );
    // More than Götgatan has: from the online stock, a day later (no other store has it here).
    await s.db.query(`UPDATE stock SET on_hand = 0, reserved = 0 WHERE sku = $1 AND store_id NOT IN ($2, 'online')`, [sku, F.outOfStockAvailableNearby.nearbyStoreId]);
    await s.db.query(`UPDATE stock SET on_hand = 100, reserved = 0 WHERE sku = $1 AND store_id = 'online'`, [sku]);
    const many = (await options(`sku=${sku}&quantity=30&storeId=${STHLM_ID}`)).options[0]!;
    assert.deepEqual({ transferFrom: many.transferFrom, readyAt: many.readyAt }, { transferFrom: ONLINE_LOCATION, readyAt: '2027-03-24T09:30:00.000Z' });
    const none = (await options(`sku=${sku}&quantity=101&storeId=${STHLM_ID}`)).options[0]!;
    assert.deepEqual({ possible: none.possible, problem: none.problem }, { possible: false, problem: 'out_of_stock' });
  });

  test('after closing on a Saturday, and on midsummer eve, in Helsinki', async () => {
    clock = at('2027-10-30T15:30:00Z'); // Saturday 18:30 EEST, closed since 17:00
    assert.equal((await options(`sku=${hkiSku}&storeId=${HKI_ID}`)).options[0]!.readyAt, '2027-10-31T09:30:00.000Z', 'Sunday 11:30 EET');
    clock = at('2027-06-25T11:50:00Z');
    assert.equal((await options(`sku=${hkiSku}&storeId=${HKI_ID}`)).options[0]!.readyAt, '2027-06-27T08:30:00.000Z');
  });

  test('a locker asked for directly: that locker and delivery; no store stock in Oslo center for it means the online stock', async () => {
    clock = at('2027-03-23T06:00:00Z');
    const a = await options(`sku=${F.onlineOnly.sku}&storeId=no-oslo-jernbanetorget-locker&country=NO`);
    assert.deepEqual(a.options.map((o) => o.kind), ['locker', 'delivery']);
    assert.deepEqual({ possible: a.options[0]!.possible, transferFrom: a.options[0]!.transferFrom, readyAt: a.options[0]!.readyAt },
      { possible: true, transferFrom: ONLINE_LOCATION, readyAt: '2027-03-24T06:00:00.000Z' });
    // Online-only goods never come from a store's shelves, and cannot be picked up at one.
    const store = await options(`sku=${F.onlineOnly.sku}&storeId=${STHLM_ID}`);
    assert.equal(store.options[0]!.problem, 'online_only');
  });

  test('an inactive product, and none anywhere, say why', async () => {
    const a = await options(`sku=${F.inactive.sku}&storeId=${STHLM_ID}`);
    assert.ok(a.options.every((o) => !o.possible && o.problem === 'inactive'));
    assert.equal(a.defaultOptionId, undefined);
  });

  test('bad input is a 4xx with a stable code', async () => {
    assertError(await s.call(`/v1/fulfillment/options?sku=${onShelf}&quantity=0&storeId=${STHLM_ID}`), 400, 'validation_failed');
    assertError(await s.call(`/v1/fulfillment/options?sku=${onShelf}&quantity=1.5`), 400, 'validation_failed');
    assertError(await s.call(`/v1/fulfillment/options?sku=${onShelf}&quantity=1000`), 400, 'validation_failed');
    assertError(await s.call('/v1/fulfillment/options'), 400, 'validation_failed');
    assertError(await s.call(`/v1/fulfillment/options?sku=${F.unknownSku}`), 404, 'unknown_sku');
    assertError(await s.call(`/v1/fulfillment/options?sku=${onShelf}&storeId=${F.unknownStoreId}`), 404, 'unknown_store');
    assertError(await s.call(`/v1/fulfillment/options?sku=${onShelf}&storeId=online`), 400, 'validation_failed');
  });

  test('a cart: the worst line decides, each line has its detail', async () => {
    clock = at('2027-03-23T09:00:00Z');
    const r = await s.call('/v1/carts', { body: {} });
    const { cart, secret } = parseWith(CartAccess, r.json);
    const headers = { 'Omnikit-Cart-Secret': secret! };
    for (const [k, qty] of [[onShelf, 1], [sku, 2]] as const) {
      const add = await s.call(`/v1/carts/${cart.id}/lines`, { headers, body: { sku: k, quantity: qty, fulfillment: { type: 'pickup', storeId: STHLM_ID } } });
      assert.equal(add.status, 200, add.text);
    }
    const reply = await s.call(`/v1/carts/${cart.id}/fulfillment-options`, { headers });
    assert.equal(reply.status, 200, reply.text);
    const a = parseWith(FulfillmentOptions, reply.json);
    assert.equal(a.storeId, STHLM_ID, "the store of the cart's pickup lines by default");
    const counter = a.options[0]!;
    assert.deepEqual(counter.lines.map((l) => [l.sku, l.source, l.readyAt]), [
      [onShelf, 'on_hand', '2027-03-23T09:30:00.000Z'],
      [sku, 'transfer', '2027-03-23T13:30:00.000Z'],
    ]);
    assert.deepEqual({ readyAt: counter.readyAt, source: counter.source, transferFrom: counter.transferFrom },
      { readyAt: '2027-03-23T13:30:00.000Z', source: 'transfer', transferFrom: F.outOfStockAvailableNearby.nearbyStoreId });
    assert.ok(counter.lines.every((l) => l.lineId));
    assertError(await s.call(`/v1/carts/${cart.id}/fulfillment-options`), 404, 'cart_not_found');
    const helsinki = parseWith(FulfillmentOptions, (await s.call(`/v1/carts/${cart.id}/fulfillment-options?storeId=${HKI_ID}`, { headers })).json);
    assert.equal(helsinki.storeId, HKI_ID);
  });
});
