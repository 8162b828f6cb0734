// clickCollectStore, fulfillmentChoice and addToCart with the choice (@omnikit/sdk/cart, the
// widget path) against the real reference server (PGlite in memory, a fixed clock).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanStores, keepMount, type ReadableAtom } from 'nanostores';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, type RunningServer } from '@omnikit/server';
import { createBaseClient } from '@omnikit/sdk/base';
import { isOmnikitError, type FetchLike } from '@omnikit/sdk';
import {
  FULFILLMENT_CHOICE_KEY, addToCart, addToCartStore, cartOf, chooseClickCollectOption, chooseClickCollectSlot, clickCollectStore,
  fulfillmentChoice, type AddToCartState, type ClickCollectState,
} from '@omnikit/sdk/cart';
import { memoryStorage, until } from './helpers.js';

const F = SEED_FIXTURES;
const STORE = F.defaultStoreId;
/** The Stockholm store with curbside pickup. */
const MALL = 'se-solna-mall-of-scandinavia';
let server: RunningServer;
// Tuesday 07:00 in Stockholm, before the store opens at 10:00.
let clock = new Date('2027-03-23T06:00:00Z');

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, clock: () => clock });
});
after(async () => {
  await server.close();
});

function setup(t: { after(fn: () => void): void }, storage = memoryStorage()) {
  const requests: string[] = [];
  const fetch: FetchLike = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!url.pathname.endsWith('/events')) requests.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
    return globalThis.fetch(input, init);
  };
  const client = createBaseClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage, fetch });
  const stores: ReadableAtom<unknown>[] = [];
  t.after(() => {
    cleanStores(...stores);
    client.close();
  });
  const watch = <T>($s: ReadableAtom<T>) => {
    stores.push($s);
    keepMount($s);
    $s.listen(() => undefined);
    return $s;
  };
  return { client, requests, storage, watch };
}

const ready = async ($s: ReadableAtom<ClickCollectState>, what = 'options') => {
  await until(() => $s.get().status !== 'loading' && !['loading'].includes($s.get().slots.status), what, 5000);
  return $s.get();
};

test('the options of the selected store, the default selected, ready today in the store zone, the slots of that day', async (t) => {
  const { client, requests, watch } = setup(t);
  client.selectStore(STORE);
  const $cc = watch(clickCollectStore(client, { sku: F.inStock.sku, quantity: 2 }));
  const s = await ready($cc);
  assert.equal(s.status, 'ready');
  assert.equal(s.storeId, STORE);
  assert.equal(s.needsStore, false);
  assert.deepEqual(s.options.map((o) => o.kind), ['in_store', 'curbside', 'locker', 'locker', 'delivery']);
  const counter = s.options[0]!;
  assert.equal(s.selectedId, counter.id);
  assert.deepEqual([counter.possible, counter.readyAt, counter.timeZone, counter.readyDay, counter.hasSlots], [true, '2027-03-23T09:30:00.000Z', 'Europe/Stockholm', 'today', true]);
  assert.equal(s.options.at(-1)!.deliveryDate, '2027-03-25');
  assert.equal(s.options.at(-1)!.hasSlots, false);
  assert.deepEqual(s.choice, { kind: 'in_store', storeId: STORE });
  // The slots of the ready day, in the store's calendar; those over before 10:30 cannot be had.
  assert.equal(s.slots.status, 'ready');
  assert.deepEqual([s.slots.storeId, s.slots.date, s.slots.timeZone], [STORE, '2027-03-23', 'Europe/Stockholm']);
  assert.ok(s.slots.items.length > 0);
  for (const slot of s.slots.items) {
    if (Date.parse(slot.endsAt) <= Date.parse(counter.readyAt!)) assert.deepEqual([slot.available, slot.reason], [false, 'too_soon']);
  }
  assert.equal(s.slots.selectedId, undefined);
  assert.deepEqual(requests, [
    `GET /v1/fulfillment/options?sku=${F.inStock.sku}&quantity=2&storeId=${STORE}`,
    `GET /v1/stores/${STORE}/slots?date=2027-03-23`,
  ]);
});

test('the choice is kept (ids only) and followed: curbside with a slot, a locker, delivery; an impossible choice falls back', async (t) => {
  const { client, storage, watch } = setup(t);
  client.selectStore(MALL);
  const $cc = watch(clickCollectStore(client, { sku: F.inStock.sku }));
  let s = await ready($cc);
  const curb = s.options.find((o) => o.kind === 'curbside')!;
  assert.deepEqual(chooseClickCollectOption(client, s, curb.id), { kind: 'curbside', storeId: MALL });
  await until(() => $cc.get().selectedId === curb.id && $cc.get().slots.status === 'ready', 'curbside selected');
  s = $cc.get();
  const slot = s.slots.items.find((i) => i.available)!;
  assert.equal(chooseClickCollectSlot(client, s, s.slots.items.find((i) => !i.available)!.id), undefined, 'a slot that cannot be had is refused');
  assert.deepEqual(chooseClickCollectSlot(client, s, slot.id), { kind: 'curbside', storeId: MALL, slotId: slot.id });
  await until(() => $cc.get().slots.selectedId === slot.id, 'slot selected');
  assert.deepEqual($cc.get().choice, { kind: 'curbside', storeId: MALL, slotId: slot.id });
  assert.deepEqual(JSON.parse(storage.data.get(FULFILLMENT_CHOICE_KEY)!), { kind: 'curbside', storeId: MALL, slotId: slot.id });

  // Another client on the same device's storage starts with it.
  const again = createBaseClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage });
  t.after(() => again.close());
  assert.deepEqual(fulfillmentChoice(again).$choice.get(), { kind: 'curbside', storeId: MALL, slotId: slot.id });

  const locker = s.options.find((o) => o.kind === 'locker')!;
  assert.deepEqual(chooseClickCollectOption(client, s, locker.id), { kind: 'locker', storeId: F.lockerId, nearStoreId: MALL });
  await until(() => $cc.get().selectedId === locker.id, 'locker selected');
  assert.equal($cc.get().slots.status, 'none');

  // Another store: the locker of the first does not hold there; its default is selected.
  client.selectStore(STORE);
  await until(() => $cc.get().storeId === STORE && $cc.get().status === 'ready', 'the other store');
  assert.ok($cc.get().options.some((o) => o.id === locker.id), 'the same locker is near it');
  assert.equal($cc.get().selected!.kind, 'in_store');
  assert.equal(($cc.get().selected!.fulfillment as { storeId: string }).storeId, STORE);
  client.selectStore(MALL);
  await until(() => $cc.get().selectedId === locker.id, 'back to the locker');

  // A delivery choice holds everywhere.
  chooseClickCollectOption(client, $cc.get(), 'delivery');
  await until(() => $cc.get().selected?.kind === 'delivery' && $cc.get().slots.status === 'none', 'delivery');

  // Bad choices are refused with validation_failed.
  const { choose } = fulfillmentChoice(client);
  for (const bad of [{ kind: 'drone' }, { kind: 'in_store' }, { kind: 'locker', storeId: F.lockerId, slotId: `${F.lockerId}@2027-03-23T12:00` }, { kind: 'in_store', storeId: STORE, slotId: `se-other@2027-03-23T12:00` }, { kind: 'delivery', storeId: STORE }]) {
    assert.throws(() => choose(bad as never), (e: unknown) => isOmnikitError(e, 'validation_failed'), JSON.stringify(bad));
  }
});

test('an impossible option says why and what to have instead; a choice of it is not selected', async (t) => {
  const { client, watch } = setup(t);
  client.selectStore(STORE);
  fulfillmentChoice(client).choose({ kind: 'in_store', storeId: STORE });
  const $cc = watch(clickCollectStore(client, { sku: F.onlineOnly.sku }));
  const s = await ready($cc);
  const counter = s.options.find((o) => o.kind === 'in_store')!;
  assert.equal(counter.possible, false);
  assert.equal(counter.problem, 'online_only');
  assert.equal(s.selected!.kind, 'locker', 'the server default: a locker filled from online');
  assert.equal(counter.insteadId, s.selectedId);
  assert.equal(chooseClickCollectOption(client, s, counter.id), undefined);

  // Too many: the units there are said.
  const $many = watch(clickCollectStore(client, { sku: F.lowStock.sku, quantity: 3 }));
  const m = await ready($many);
  const short = m.options.find((o) => o.kind === 'in_store')!;
  if (!short.possible) assert.equal(short.available, 2);
});

test('no store: delivery only, needsStore; bad input is the error state, nothing thrown', async (t) => {
  const { client, watch, requests } = setup(t);
  const $cc = watch(clickCollectStore(client, { sku: F.inStock.sku }));
  const s = await ready($cc);
  assert.equal(s.needsStore, true);
  assert.deepEqual(s.options.map((o) => o.kind), ['delivery']);
  const $bad = watch(clickCollectStore(client, { sku: F.inStock.sku, quantity: 0 }));
  const b = await ready($bad);
  assert.equal(b.status, 'error');
  assert.equal(b.error!.code, 'validation_failed');
  const $noSku = watch(clickCollectStore(client, { sku: '' }));
  assert.equal((await ready($noSku)).error!.code, 'validation_failed');
  assert.equal(requests.length, 1, 'bad input sends nothing');
});

test('add to cart follows the choice: curbside with its slot, a locker, delivery', async (t) => {
  clock = new Date('2027-03-23T06:00:00Z');
  const { client, watch } = setup(t);
  client.selectStore(MALL);
  const $cc = watch(clickCollectStore(client, { sku: F.inStock.sku }));
  let s = await ready($cc);
  chooseClickCollectOption(client, s, s.options.find((o) => o.kind === 'curbside')!.id);
  await until(() => $cc.get().selected?.kind === 'curbside' && $cc.get().slots.status === 'ready', 'curbside');
  s = $cc.get();
  const slot = s.slots.items.find((i) => i.available)!;
  chooseClickCollectSlot(client, s, slot.id);

  const $add = watch(addToCartStore(client, { sku: F.inStock.sku, storeId: MALL }));
  await until(() => $add.get().kind === 'available' && $add.get().slotId === slot.id, 'add follows the choice');
  const a: AddToCartState = $add.get();
  assert.deepEqual(a.fulfillment, { type: 'pickup', storeId: MALL, method: 'curbside' });
  const { cart, line, slotError } = await addToCart(client, a);
  assert.equal(slotError, undefined);
  assert.deepEqual(line.fulfillment, { type: 'pickup', storeId: MALL, method: 'curbside' });
  const group = cart.groups.find((g) => g.fulfillment.type === 'pickup' && g.fulfillment.method === 'curbside')!;
  assert.equal(group.slot?.id, slot.id);

  chooseClickCollectOption(client, $cc.get(), $cc.get().options.find((o) => o.kind === 'locker')!.id);
  await until(() => ($add.get().fulfillment as { method?: string } | undefined)?.method === 'locker', 'locker');
  assert.deepEqual($add.get().fulfillment, { type: 'pickup', storeId: F.lockerId, method: 'locker' });
  assert.equal($add.get().slotId, undefined);
  // (Not added: the cart takes a locker pickup only at a store with the locker service, while the
  // options offer locker locations; the server refuses this line, a gap between the two on main.)

  fulfillmentChoice(client).choose({ kind: 'delivery' });
  await until(() => $add.get().fulfillment?.type === 'delivery', 'delivery');
  assert.equal($add.get().fallback, undefined);
  const d = await addToCart(client, $add.get());
  assert.deepEqual(d.line.fulfillment, { type: 'delivery' });
  assert.equal((await cartOf(client).get())!.lines.length, 2);
});
