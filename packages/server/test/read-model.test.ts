// The availability read model: right after every admin change (on PGlite and PostgreSQL), events
// applied in sequence order against snapshots, own writes read back at once, and on PostgreSQL
// two instances that stay consistent through LISTEN/NOTIFY.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AvailabilityAnswer, StockChange, stockTopic, type Availability, type OmnikitEvent } from '@omnikit/contract';
import { SEED_FIXTURES as F, startServer, type RunningServer } from '../src/index.js';
import type { Queryable } from '../src/db/types.js';
import type { EventBus, StoredEvent, Subscriber } from '../src/events/bus.js';
import { AvailabilityReadModel } from '../src/read-model.js';
import { PG_URL, PK, SK, SseClient, call, onPostgres, parseWith, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer('readmodel');
});
after(() => s.close());

const adjust = (base: string, sku: string, storeId: string, delta: number) =>
  call(base, '/v1/admin/stock/adjustments', { key: SK, body: { sku, storeId, delta, reason: delta < 0 ? 'sale_in_store' : 'delivery' } });
const setStock = (base: string, sku: string, storeId: string, quantity: number) =>
  call(base, `/v1/admin/stock/${storeId}/${sku}`, { method: 'PUT', key: SK, body: { quantity } });
async function read(base: string, query: string): Promise<AvailabilityAnswer> {
  const r = await call(base, `/v1/availability?${query}`);
  assert.equal(r.status, 200, r.text);
  return parseWith(AvailabilityAnswer, r.json);
}
const one = async (base: string, sku: string, storeId: string) => (await read(base, `skus=${sku}&stores=${storeId}`)).items[0]!;

describe('read model over HTTP: every admin change is in the next read', () => {
  test('adjustments and stock takes, each read right after its write on the same instance', async () => {
    const sku = 'OK-10060';
    const storeId = F.defaultStoreId;
    await one(s.url, sku, storeId); // held from here on
    for (const delta of [5, -2, 7, -1, 3, -4, 1, 2, -3, 6]) {
      const change = parseWith(StockChange, (await adjust(s.url, sku, storeId, delta)).json);
      assert.deepEqual(await one(s.url, sku, storeId), change.availability, `after ${delta}`);
    }
    for (const quantity of [0, 3, 40]) {
      const change = parseWith(StockChange, (await setStock(s.url, sku, storeId, quantity)).json);
      assert.deepEqual(await one(s.url, sku, storeId), change.availability, `set ${quantity}`);
    }
  });

  test('a pair not carried before: the first delivery makes it carried', async () => {
    const { sku, storeId } = F.notStocked;
    assert.equal((await one(s.url, sku, storeId)).status, 'not_stocked');
    const change = parseWith(StockChange, (await adjust(s.url, sku, storeId, 9)).json);
    assert.deepEqual(await one(s.url, sku, storeId), change.availability);
    assert.equal(change.availability.status, 'in_stock');
  });

  test('nearby follows the other stores: one sells out and drops off the list, a delivery brings it back', async () => {
    const { sku, storeId, nearbyStoreId } = F.outOfStockAvailableNearby;
    const query = `skus=${sku}&stores=${storeId}&nearby=3`;
    const firstId = async () => (await read(s.url, query)).nearby![0]!.stores[0]?.storeId;
    assert.equal(await firstId(), nearbyStoreId);
    await setStock(s.url, sku, nearbyStoreId, 0);
    const without = (await read(s.url, query)).nearby![0]!.stores;
    assert.ok(without.every((n) => n.storeId !== nearbyStoreId), JSON.stringify(without));
    await setStock(s.url, sku, nearbyStoreId, 4);
    const back = (await read(s.url, query)).nearby![0]!.stores;
    assert.deepEqual(back[0] && { id: back[0].storeId, available: back[0].available }, { id: nearbyStoreId, available: 4 });
    // In stock here now: no entry at all.
    await setStock(s.url, sku, storeId, 2);
    assert.deepEqual((await read(s.url, query)).nearby, []);
  });

  test('a refused change changes nothing in what is read', async () => {
    const { sku, storeId } = F.lowStock;
    const before = await one(s.url, sku, storeId);
    assert.equal((await adjust(s.url, sku, storeId, -(before.available + 1))).status, 409);
    assert.deepEqual(await one(s.url, sku, storeId), before);
  });
});

/** A bus that delivers only what the test hands it, when it says so. */
class HandBus {
  readonly subs: Subscriber[] = [];
  subscribe(sub: Subscriber): () => void {
    this.subs.push(sub);
    return () => this.subs.splice(this.subs.indexOf(sub), 1);
  }
  deliver(seq: number, a: Availability): void {
    const topic = stockTopic(a.sku, a.storeId);
    const event: OmnikitEvent = { type: 'stock.changed', topic, data: a, at: new Date().toISOString() };
    const e: StoredEvent = { seq, topic, event };
    for (const sub of [...this.subs]) if (sub.topics.has(stockTopic(a.sku))) sub.deliver(e);
  }
}

/** Counts the statements sent, and can run a hook before one that matches. */
function countingDb(db: Queryable) {
  const w = {
    count: 0,
    before: undefined as undefined | { match: RegExp; run: () => void },
    query: async <T,>(sql: string, params?: unknown[]) => {
      w.count++;
      if (w.before?.match.test(sql)) {
        const hook = w.before;
        w.before = undefined;
        hook.run();
      }
      return db.query<T>(sql, params);
    },
  };
  return w;
}

describe('read model ordering (events handed in by the test)', () => {
  const maxSeq = async () => Number((await s.db.query<{ n: string }>('SELECT COALESCE(max(seq), 0) AS n FROM events'))[0]!.n);
  const record = (sku: string, storeId: string, onHand: number, reserved = 0): Availability => ({
    sku, storeId, onHand, reserved, available: onHand - reserved, status: 'in_stock', lowStockThreshold: 5, updatedAt: new Date().toISOString(),
  });
  const model = (db: Queryable, bus: HandBus, options = {}) => new AvailabilityReadModel(db, bus as unknown as EventBus, options);
  const onHandOf = async (m: AvailabilityReadModel, sku: string, storeId: string) => (await m.availability([sku], [storeId])).items[0]!.onHand;

  test('an event older than the snapshot never overwrites it; a newer one does; a repeat is ignored', async () => {
    await adjust(s.url, 'OK-10070', 'online', 1); // at least one event, so the snapshot has a position
    const bus = new HandBus();
    const db = countingDb(s.db);
    const m = model(db, bus);
    const sku = 'OK-10071';
    const dbOnHand = await onHandOf(m, sku, 'online');
    const at = await maxSeq();
    bus.deliver(at, record(sku, 'online', 999)); // the snapshot already has everything up to `at`
    assert.equal(await onHandOf(m, sku, 'online'), dbOnHand);
    bus.deliver(at + 1, record(sku, 'online', 7));
    assert.equal(await onHandOf(m, sku, 'online'), 7);
    bus.deliver(at + 1, record(sku, 'online', 8));
    bus.deliver(at, record(sku, 'online', 9));
    assert.equal(await onHandOf(m, sku, 'online'), 7);
    bus.deliver(at + 2, record(sku, F.defaultStoreId, 3)); // a location the snapshot had no row for
    assert.equal(await onHandOf(m, sku, F.defaultStoreId), 3);
  });

  test('an event that arrives while the snapshot is read: kept when newer, dropped when the snapshot has it', async () => {
    await adjust(s.url, 'OK-10072', 'online', 1);
    const at = await maxSeq();
    const bus = new HandBus();
    const db = countingDb(s.db);
    const m = model(db, bus);
    const [newer, older] = ['OK-10073', 'OK-10074'];
    const [olderRow] = await s.db.query<{ on_hand: number }>(`SELECT on_hand FROM stock WHERE sku = $1 AND store_id = 'online'`, [older]);
    db.before = {
      match: /at_seq/,
      run: () => {
        bus.deliver(at + 50, record(newer, 'online', 11));
        bus.deliver(at, record(older, 'online', 12));
      },
    };
    const answer = await m.availability([newer, older], ['online']);
    assert.equal(db.before, undefined, 'the hook ran during the load');
    assert.deepEqual(answer.items.map((a) => a.onHand), [11, olderRow!.on_hand]);
  });

  test('a warm read sends no SQL; an own write is read from the tables until its event is back', async () => {
    const bus = new HandBus();
    const db = countingDb(s.db);
    const m = model(db, bus);
    const sku = 'OK-10075';
    const skus = [sku, 'OK-10076', 'OK-10077'];
    const text = async () => Buffer.from(await m.availabilityBody(skus, ['online', F.defaultStoreId])).toString();
    const first = await text();
    const loaded = db.count;
    assert.equal(await text(), first);
    for (let i = 0; i < 5; i++) await m.availability(skus, ['online', F.defaultStoreId], { limit: 3, radiusKm: 100 });
    assert.equal(db.count, loaded, 'no statement for warm reads');
    assert.equal(await text(), first);

    // A write of this process: its event (seq at + 1) has not come back yet.
    const at = await maxSeq();
    m.noteWrite(sku, at + 1);
    await s.db.query(`UPDATE stock SET on_hand = 123 WHERE sku = $1 AND store_id = 'online'`, [sku]);
    assert.equal(await onHandOf(m, sku, 'online'), 123);
    assert.notEqual(await text(), first);
    assert.equal(JSON.parse(await text()).items[0].onHand, 123);
    // Its event arrives: memory again (a later change by hand, with no event, is not seen).
    bus.deliver(at + 1, record(sku, 'online', 123));
    const counted = db.count;
    await s.db.query(`UPDATE stock SET on_hand = 124 WHERE sku = $1 AND store_id = 'online'`, [sku]);
    assert.equal(await onHandOf(m, sku, 'online'), 123);
    assert.equal(db.count, counted);
  });

  test('a kept answer is given again until one of its SKUs changes, then rebuilt; dropped SKUs are loaded again', async () => {
    await adjust(s.url, 'OK-10090', 'online', 1);
    const at = await maxSeq();
    const bus = new HandBus();
    const m = model(s.db, bus, { maxSkus: 3 });
    const skus = ['OK-10091', 'OK-10092'];
    const body = async (list = skus) => JSON.parse(Buffer.from(await m.availabilityBody(list, ['online'])).toString()) as AvailabilityAnswer;
    const first = await body();
    assert.deepEqual(await body(), first);
    bus.deliver(at + 1, record('OK-10093', 'online', 5)); // another SKU: no effect on this answer
    assert.deepEqual(await body(), first);
    bus.deliver(at + 2, record('OK-10092', 'online', 61));
    assert.deepEqual((await body()).items.map((a) => a.onHand), [first.items[0]!.onHand, 61]);
    // Two more SKUs push the first two out (at most 3 held); asking again loads them afresh.
    await body(['OK-10094', 'OK-10095']);
    assert.ok(m.size <= 3);
    await s.db.query(`UPDATE stock SET on_hand = 62 WHERE sku = 'OK-10091' AND store_id = 'online'`);
    assert.equal((await body()).items[0]!.onHand, 62);
  });

  test('rows held too long are read again (the safety net for changes made without events)', async () => {
    const bus = new HandBus();
    const m = model(s.db, bus, { maxAgeMs: -1 });
    const sku = 'OK-10078';
    await onHandOf(m, sku, 'online');
    await s.db.query(`UPDATE stock SET on_hand = 77 WHERE sku = $1 AND store_id = 'online'`, [sku]);
    assert.equal(await onHandOf(m, sku, 'online'), 77);
  });

  test('unknown SKUs and stores are 404 and never remembered as missing', async () => {
    const m = model(s.db, new HandBus());
    await assert.rejects(m.availability([F.unknownSku, 'OK-10001'], ['online']), (e: { code?: string; message: string }) => e.code === 'unknown_sku' && e.message.includes(F.unknownSku));
    await assert.rejects(m.availability(['OK-10001'], [F.unknownStoreId]), (e: { code?: string }) => e.code === 'unknown_store');
    assert.equal(m.size, 1);
  });
});

describe('PostgreSQL: two instances, one database', () => {
  const skip = onPostgres ? false : 'needs PostgreSQL (OMNIKIT_TEST_DATABASE_URL)';
  let b: RunningServer;
  before(async () => {
    if (!onPostgres) return;
    b = await startServer({ port: 0, databaseUrl: PG_URL, databaseSchema: s.schema });
  });
  after(() => b?.close());

  test('a change on one instance is in the next read on the other as soon as its event arrived there', { skip }, async () => {
    const sku = 'OK-10082'; // none at Drottninggatan, 29 at Götgatan in the seed
    const storeId = F.defaultStoreId;
    const query = `skus=${sku}&stores=${storeId},${F.nearbyStoreId}&nearby=3`;
    await read(s.url, query);
    await read(b.url, query); // both hold the SKU now
    const sub = await SseClient.open(`${b.url}/v1/events?topics=${stockTopic(sku)}`, { headers: { Authorization: `Bearer ${PK}` } });
    try {
      await sub.next('stream.ready');
      for (const [i, quantity] of [0, 6, 2, 0, 30].entries()) {
        const at = F.nearbyStoreId;
        const change = parseWith(StockChange, (await setStock(s.url, sku, at, quantity)).json);
        await sub.until(() => sub.events.filter((e) => e.event === 'stock.changed').length > i, 5000, `change ${i}`);
        const onB = await read(b.url, query);
        assert.deepEqual(onB.items[1], change.availability, `instance b after ${quantity}`);
        const listed = onB.nearby?.find((n) => n.storeId === storeId)?.stores.find((n) => n.storeId === at);
        assert.equal(listed?.available, quantity > 0 ? quantity : undefined);
      }
    } finally {
      sub.close();
    }
  });

  test('concurrent changes on both instances: both end on the rows the database holds', { skip }, async () => {
    const sku = 'OK-10081';
    const storeId = 'online';
    await setStock(s.url, sku, storeId, 500);
    await one(s.url, sku, storeId);
    await one(b.url, sku, storeId);
    const sub = await SseClient.open(`${b.url}/v1/events?topics=${stockTopic(sku)}`, { headers: { Authorization: `Bearer ${PK}` } });
    const subA = await SseClient.open(`${s.url}/v1/events?topics=${stockTopic(sku)}`, { headers: { Authorization: `Bearer ${PK}` } });
    try {
      await sub.next('stream.ready');
      await subA.next('stream.ready');
      const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => adjust(i % 2 ? b.url : s.url, sku, storeId, i % 3 === 0 ? 4 : -3)));
      assert.ok(replies.every((r) => r.status === 201));
      for (const c of [sub, subA]) await c.until(() => c.events.filter((e) => e.event === 'stock.changed').length >= 30, 5000, '30 changes');
      const [row] = await s.db.query<{ on_hand: number }>('SELECT on_hand FROM stock WHERE sku = $1 AND store_id = $2', [sku, storeId]);
      assert.equal((await one(s.url, sku, storeId)).onHand, row!.on_hand);
      assert.equal((await one(b.url, sku, storeId)).onHand, row!.on_hand);
    } finally {
      sub.close();
      subA.close();
    }
  });
});
