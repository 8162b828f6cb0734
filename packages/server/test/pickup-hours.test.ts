// The hours engine (pickup/hours.ts): open states in the store's zone from weekly hours, the
// holiday library and the store's own exceptions, with `now` injected; and the store answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Store, StoreList } from '@omnikit/contract';
import { comingExceptions, doneWithinOpening, hoursOn, instantAt, localDate, openState, type HoursSource } from '../src/pickup/hours.js';
import { SEED_FIXTURES } from '../src/seed/index.js';
import { seedStores } from '../src/seed/stores.js';
import { parseWith, startTestServer, type TestServer } from './helpers.js';

const seed = seedStores();
const source = (id: string): HoursSource => {
  const s = seed.find((x) => x.id === id)!;
  return { type: s.type, country: s.address.country, timeZone: s.timeZone, openingHours: s.openingHours, overrides: s.openingExceptions };
};
const STHLM = source('se-stockholm-drottninggatan');
const HKI = source('fi-helsinki-aleksanterinkatu');
const LOCKER = source(SEED_FIXTURES.lockerId);
const at = (iso: string) => new Date(iso);

describe('hours engine', () => {
  test('wall clock to instant goes through the zone database, across both daylight-saving changes', () => {
    assert.equal(instantAt('2027-03-27', '10:00', 'Europe/Stockholm').toISOString(), '2027-03-27T09:00:00.000Z');
    assert.equal(instantAt('2027-03-28', '10:00', 'Europe/Stockholm').toISOString(), '2027-03-28T08:00:00.000Z');
    assert.equal(instantAt('2027-10-31', '10:00', 'Europe/Helsinki').toISOString(), '2027-10-31T08:00:00.000Z');
    assert.equal(instantAt('2027-10-30', '10:00', 'Europe/Helsinki').toISOString(), '2027-10-30T07:00:00.000Z');
    assert.equal(localDate(at('2027-03-27T23:30:00Z'), 'Europe/Helsinki'), '2027-03-28');
  });

  test('Stockholm on a weekday: closed before opening, open until closing, closed after', () => {
    assert.deepEqual(openState(STHLM, at('2027-03-23T07:00:00Z')), { open: false, opensAt: '2027-03-23T09:00:00.000Z' });
    assert.deepEqual(openState(STHLM, at('2027-03-23T11:00:00Z')), { open: true, closesAt: '2027-03-23T18:00:00.000Z' });
    assert.deepEqual(openState(STHLM, at('2027-03-23T18:00:00Z')), { open: false, opensAt: '2027-03-24T09:00:00.000Z' });
  });

  test('after closing on a Saturday the next opening is Sunday at 11, across the daylight-saving change', () => {
    // 2027-10-31 is the last Sunday of October: 11:00 in Stockholm is 10:00Z (winter time), not 09:00Z.
    assert.deepEqual(openState(STHLM, at('2027-10-30T15:30:00Z')), { open: false, opensAt: '2027-10-31T10:00:00.000Z' });
    // 2027-03-28 (last Sunday of March) is Easter Sunday and the Monday after is a holiday too:
    // closed until Tuesday 10:00 summer time (08:00Z).
    assert.deepEqual(openState(STHLM, at('2027-03-27T17:30:00Z')), { open: false, opensAt: '2027-03-30T08:00:00.000Z' });
  });

  test('a public holiday of the library closes the store (Good Friday), the next day opens as usual', () => {
    assert.equal(hoursOn(STHLM, '2027-03-26'), null);
    assert.deepEqual(openState(STHLM, at('2027-03-25T19:00:00Z')), { open: false, opensAt: '2027-03-27T09:00:00.000Z' });
  });

  test("midsummer eve: the store's own short hours win over the week; midsummer day is closed", () => {
    assert.deepEqual(hoursOn(STHLM, '2027-06-25'), { opens: '10:00', closes: '14:00' });
    assert.deepEqual(openState(STHLM, at('2027-06-25T11:00:00Z')), { open: true, closesAt: '2027-06-25T12:00:00.000Z' });
    // Helsinki: juhannusaatto 9-15, juhannuspäivä (Saturday) closed, Sunday 11:00 EEST.
    assert.deepEqual(openState(HKI, at('2027-06-25T11:00:00Z')), { open: true, closesAt: '2027-06-25T12:00:00.000Z' });
    assert.deepEqual(openState(HKI, at('2027-06-25T12:30:00Z')), { open: false, opensAt: '2027-06-27T08:00:00.000Z' });
  });

  test('work that does not fit before closing starts at the next opening', () => {
    // 18:40 in Stockholm, 30 minutes of work: the store closes at 19:00, so 10:30 the next day.
    assert.equal(doneWithinOpening(STHLM, at('2027-03-23T17:40:00Z'), 30)?.toISOString(), '2027-03-24T09:30:00.000Z');
    assert.equal(doneWithinOpening(STHLM, at('2027-03-23T17:00:00Z'), 30)?.toISOString(), '2027-03-23T17:30:00.000Z');
    assert.equal(doneWithinOpening(LOCKER, at('2027-03-23T23:00:00Z'), 30)?.toISOString(), '2027-03-23T23:30:00.000Z');
  });

  test('coming exceptions merge the library and the store, the store winning', () => {
    const list = comingExceptions(STHLM, at('2027-06-01T10:00:00Z'), 60);
    assert.ok(list.some((e) => e.date === '2027-06-06' && e.closed), 'nationaldagen from the library');
    assert.deepEqual(list.find((e) => e.date === '2027-06-25'), { date: '2027-06-25', closed: false, opens: '10:00', closes: '14:00', note: 'Midsommarafton' });
    assert.ok(list.every((e) => e.date >= '2027-06-01' && e.date < '2027-07-31'));
    assert.deepEqual(openState(LOCKER, at('2027-06-26T02:00:00Z')), { open: true });
  });
});

describe('store answers with open state and lockers', () => {
  let s: TestServer;
  let clock = at('2027-03-27T17:30:00Z');
  before(async () => { s = await startTestServer('hours', { clock: () => clock }); });
  after(async () => { await s?.close(); });

  test('a store carries preparationMinutes and openState at the injected time', async () => {
    clock = at('2027-03-27T17:30:00Z');
    const store = parseWith(Store, (await s.call(`/v1/stores/${SEED_FIXTURES.defaultStoreId}`)).json);
    assert.deepEqual(store.openState, { open: false, opensAt: '2027-03-30T08:00:00.000Z' });
    assert.equal(store.preparationMinutes, 30);
    assert.ok(store.openingExceptions.some((e) => e.date === '2027-03-29' && e.closed), 'annandag påsk');
    clock = at('2027-03-29T10:00:00Z');
    const later = parseWith(Store, (await s.call(`/v1/stores/${SEED_FIXTURES.defaultStoreId}`)).json);
    assert.deepEqual(later.openState, { open: false, opensAt: '2027-03-30T08:00:00.000Z' });
  });

  test('lockers are listed only when asked for', async () => {
    const plain = parseWith(StoreList, (await s.call('/v1/stores')).json).items;
    assert.ok(plain.every((x) => x.type === 'store'));
    const lockers = parseWith(StoreList, (await s.call('/v1/stores?type=locker')).json).items;
    assert.equal(lockers.length, SEED_FIXTURES.lockerCount);
    assert.ok(lockers.every((l) => l.type === 'locker' && (l.compartments ?? 0) > 0 && l.openState?.open === true));
    const withService = parseWith(StoreList, (await s.call('/v1/stores?service=locker&q=stockholm')).json).items;
    assert.ok(withService.some((x) => x.type === 'locker') && withService.some((x) => x.type === 'store'));
    assert.ok(withService.every((x) => x.services.includes('locker')));
  });

  test('q finds a postcode with or without its space, a city, a name; near sorts by distance', async () => {
    for (const q of ['11121', '111 21', '111%2021']) {
      const items = parseWith(StoreList, (await s.call(`/v1/stores?q=${q}`)).json).items;
      assert.deepEqual(items.map((i) => i.id), ['se-stockholm-drottninggatan'], q);
    }
    assert.ok(parseWith(StoreList, (await s.call('/v1/stores?q=helsinki')).json).items.some((i) => i.id === 'fi-helsinki-aleksanterinkatu'));
    assert.deepEqual(parseWith(StoreList, (await s.call('/v1/stores?q=g%C3%B6tgatan')).json).items.map((i) => i.id), ['se-stockholm-gotgatan']);
    const near = parseWith(StoreList, (await s.call('/v1/stores?near=60.17,24.94&limit=3&type=locker')).json).items;
    assert.equal(near[0]!.id, 'fi-helsinki-kamppi-locker');
    assert.ok(near.every((x, i) => i === 0 || x.distanceKm! >= near[i - 1]!.distanceKm!));
  });
});
