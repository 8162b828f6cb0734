// storePickerStore against the real reference server (PGlite in memory, a fixed clock): search,
// distance order from the device or a typed place, open-state inputs in the store's zone, stock
// per store kind, the shared selected store, and refused input as an error state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { allTasks, cleanStores, keepMount } from 'nanostores';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, type RunningServer } from '@omnikit/server';
import { createClient, storePickerStore, type OmnikitClient, type StorePickerState } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';
import { memoryStorage, until } from './helpers.js';

const F = SEED_FIXTURES;
let server: RunningServer;
// Tuesday 07:00 in Stockholm and Oslo, 08:00 in Helsinki: every store is still closed.
const clock = new Date('2027-03-23T06:00:00Z');
const now = clock.getTime();

before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false, clock: () => clock, secretKey: DEMO_SECRET_KEY });
});
after(async () => {
  await server.close();
});

function client(): OmnikitClient {
  return createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage: memoryStorage(), realtime: { debounceMs: 5 } });
}

async function settle($s: ReturnType<typeof storePickerStore>, done: (s: StorePickerState) => boolean = (s) => s.kind !== 'loading') {
  keepMount($s);
  await until(() => done($s.get()), `picker state (now ${$s.get().kind})`, 5000);
  return $s.get();
}

test('no search: every store (no warehouse, no lockers) by name, no distances; open-state inputs in the store zone', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const $p = storePickerStore(omni, { now });
  t.after(() => cleanStores($p));
  const s = await settle($p);
  assert.equal(s.kind, 'ready');
  assert.equal(s.origin, 'none');
  assert.equal(s.rows.length, F.storeCount);
  assert.ok(s.rows.every((r) => r.store.type === 'store' && r.distanceKm === undefined && r.stock === undefined));
  const names = s.rows.map((r) => r.store.name);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  // 07:00 on a Tuesday: every store opens later today, each in its own zone.
  const sthlm = s.rows.find((r) => r.store.id === 'se-stockholm-drottninggatan')!;
  assert.equal(sthlm.open.kind, 'opens');
  assert.equal(sthlm.open.day, 0);
  assert.equal(sthlm.open.timeZone, 'Europe/Stockholm');
  assert.equal(sthlm.open.at, sthlm.store.openState!.opensAt);
  const hki = s.rows.find((r) => r.store.id === 'fi-helsinki-aleksanterinkatu')!;
  assert.equal(hki.open.timeZone, 'Europe/Helsinki');
  assert.ok(s.rows.every((r) => r.services.length > 0 && !r.selected));
});

test('search by city, postcode without its space, and name; nothing found is empty', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const oslo = await settle(storePickerStore(omni, { q: 'Oslo', now }));
  assert.deepEqual(oslo.rows.map((r) => r.store.id), ['no-oslo-karl-johans-gate', 'no-oslo-storo']);
  // A typed place: distances from its best match, nearest first.
  assert.equal(oslo.origin, 'place');
  assert.equal(oslo.rows[0]!.distanceKm, 0);
  assert.ok(oslo.rows[1]!.distanceKm! > 0);
  const postcode = await settle(storePickerStore(omni, { q: '11826', now }));
  assert.deepEqual(postcode.rows.map((r) => r.store.id), ['se-stockholm-gotgatan']);
  const name = await settle(storePickerStore(omni, { q: 'götgatan', now }));
  assert.deepEqual(name.rows.map((r) => r.store.id), ['se-stockholm-gotgatan']);
  const none = await settle(storePickerStore(omni, { q: 'Reykjavik', now }));
  assert.deepEqual([none.kind, none.rows.length], ['empty', 0]);
});

test('near the device: nearest first with distances; lockers with service=locker hold no stock', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const near = { lat: 59.3326, lng: 18.0649 }; // Stockholm city centre
  const s = await settle(storePickerStore(omni, { near, now, limit: 5 }));
  assert.equal(s.origin, 'device');
  assert.equal(s.rows.length, 5);
  assert.equal(s.rows[0]!.store.id, 'se-stockholm-drottninggatan');
  const d = s.rows.map((r) => r.distanceKm!);
  assert.deepEqual(d, [...d].sort((a, b) => a - b));
  const lockers = await settle(storePickerStore(omni, { near, service: 'locker', sku: F.inStock.sku, now }), (x) => x.kind === 'ready' && x.rows.every((r) => r.stock?.kind !== 'loading'));
  const locker = lockers.rows.find((r) => r.store.type === 'locker')!;
  assert.deepEqual(locker.stock, { kind: 'not-held' });
  assert.equal(locker.open.kind, 'always');
});

test('stock per store with a SKU, live; one availability request for all rows', async (t) => {
  let availabilityRequests = 0;
  const omni = createClient({
    baseUrl: server.url,
    publishableKey: DEMO_PUBLISHABLE_KEY,
    storage: memoryStorage(),
    realtime: { debounceMs: 5 },
    fetch: (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('/v1/availability')) availabilityRequests++;
      return fetch(input as string, init as RequestInit);
    },
  });
  t.after(() => omni.close());
  const $p = storePickerStore(omni, { sku: F.outOfStockAvailableNearby.sku, q: 'Stockholm', now });
  t.after(() => cleanStores($p));
  const s = await settle($p, (x) => x.kind === 'ready' && x.rows.every((r) => r.stock && r.stock.kind !== 'loading'));
  const here = s.rows.find((r) => r.store.id === F.outOfStockAvailableNearby.storeId)!;
  assert.equal(here.stock!.kind, 'out-of-stock');
  assert.equal(availabilityRequests, 1);
  const target = s.rows.find((r) => r.stock!.kind === 'in-stock' || r.stock!.kind === 'low-stock')!;
  assert.ok(target, 'some Stockholm store has it');
  // Stock sold out at that store: its row follows.
  const admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
  await admin.stock.correct({ sku: F.outOfStockAvailableNearby.sku, storeId: target.store.id, onHand: 0, reason: 'shrinkage' });
  await until(() => $p.get().rows.find((r) => r.store.id === target.store.id)!.stock!.kind === 'out-of-stock', 'the live change', 5000);
});

test('the selected store: marked in the rows, read on its own when not listed, follows selectStore', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  const $p = storePickerStore(omni, { q: 'Oslo', now });
  t.after(() => cleanStores($p));
  await settle($p);
  omni.selectStore('no-oslo-storo');
  let s = $p.get();
  assert.equal(s.selectedId, 'no-oslo-storo');
  assert.deepEqual(s.rows.map((r) => r.selected), [false, true]);
  assert.equal(s.selected?.id, 'no-oslo-storo');
  omni.selectStore('fi-turku-yliopistonkatu');
  await until(() => $p.get().selected?.id === 'fi-turku-yliopistonkatu', 'the unlisted store read on its own');
  s = $p.get();
  assert.ok(s.rows.every((r) => !r.selected));
  await allTasks();
});

test('list: false (a closed picker) follows only the chosen store: no list requested', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  omni.selectStore('dk-aarhus-sondergade');
  const s = await settle(storePickerStore(omni, { list: false, sku: F.inStock.sku }), (x) => !!x.selected);
  assert.deepEqual([s.kind, s.rows.length, s.selected?.id], ['idle', 0, 'dk-aarhus-sondergade']);
});

test('bad input is an error state with validation_failed, never a throw', async (t) => {
  const omni = client();
  t.after(() => omni.close());
  for (const query of [{ sku: 'bad sku!' }, { near: { lat: 123, lng: 0 } }, { q: 'x'.repeat(101) }]) {
    const s = await settle(storePickerStore(omni, query));
    assert.equal(s.kind, 'error');
    assert.equal(s.error?.code, 'validation_failed');
  }
});
