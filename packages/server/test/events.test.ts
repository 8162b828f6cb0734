import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_TOPICS, OmnikitEvent, StockChangedEvent, stockTopic } from '@omnikit/contract';
import { EventBus } from '../src/events/bus.js';
import { PK, SK, SseClient, assertError, call, parseWith, sleep, startTestServer, type TestServer } from './helpers.js';

let s: TestServer;
before(async () => {
  s = await startTestServer('events');
});
after(() => s.close());

const auth = { Authorization: `Bearer ${PK}` };
const open = (topics: string[], headers: Record<string, string> = {}, base = s.url) =>
  SseClient.open(`${base}/v1/events?topics=${encodeURIComponent(topics.join(','))}`, { headers: { ...auth, ...headers } });
const adjust = (sku: string, storeId: string, delta: number, base = s.url) =>
  call(base, '/v1/admin/stock/adjustments', { key: SK, body: { sku, storeId, delta, reason: delta < 0 ? 'sale_in_store' : 'delivery' } });

describe('GET /v1/events', () => {
  test('stream.ready first, then stock.changed for the subscribed topic with the sequence as id', async () => {
    const topic = stockTopic('OK-10101', 'online');
    const c = await open([topic]);
    try {
      assert.equal(c.status, 200);
      const ready = await c.next('stream.ready');
      assert.equal(c.events[0], ready, 'stream.ready comes first');
      const r = parseWith(OmnikitEvent, ready.data);
      assert.deepEqual(r.type === 'stream.ready' && r.topics, [topic]);
      const change = await adjust('OK-10101', 'online', 5);
      assert.equal(change.status, 201);
      const e = await c.next('stock.changed');
      const ev = parseWith(StockChangedEvent, e.data);
      assert.equal(ev.topic, topic);
      assert.deepEqual(ev.data, change.json.availability);
      const [row] = await s.db.query<{ seq: string }>('SELECT seq FROM events ORDER BY seq DESC LIMIT 1');
      assert.equal(e.id, String(row!.seq));
    } finally {
      c.close();
    }
  });

  test('only the topics asked for are delivered', async () => {
    const mine = stockTopic('OK-10102', 'online');
    const c = await open([mine]);
    try {
      await c.next('stream.ready');
      await adjust('OK-10103', 'online', 1);
      await adjust('OK-10102', 'online', 2);
      await c.next('stock.changed');
      await sleep(100);
      assert.deepEqual(c.stockEvents().map((e) => e.data.topic), [mine]);
    } finally {
      c.close();
    }
  });

  test('one stream carries many topics; `?key=` works for EventSource', async () => {
    const topics = [stockTopic('OK-10104', 'online'), stockTopic('OK-10105', 'online')];
    const c = await SseClient.open(`${s.url}/v1/events?topics=${topics.join(',')}&key=${PK}`);
    try {
      await c.next('stream.ready');
      await adjust('OK-10104', 'online', 1);
      await adjust('OK-10105', 'online', 1);
      await c.until(() => c.stockEvents().length === 2 || undefined);
      assert.deepEqual(c.stockEvents().map((e) => e.data.topic), topics);
      assert.ok(Number(c.stockEvents()[0]!.id) < Number(c.stockEvents()[1]!.id));
    } finally {
      c.close();
    }
  });

  test('POST /v1/events takes the topics in the body', async () => {
    const topic = stockTopic('OK-10106', 'online');
    const c = await SseClient.open(`${s.url}/v1/events`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ topics: [topic] }),
    });
    try {
      assert.equal(c.status, 200);
      await c.next('stream.ready');
      await adjust('OK-10106', 'online', 1);
      assert.equal((await c.next('stock.changed')).data.topic, topic);
    } finally {
      c.close();
    }
  });

  test('stock:{sku} carries the SKU at every location; with its store topic too, each event comes once', async () => {
    const sku = 'OK-10108';
    const all = stockTopic(sku);
    const here = stockTopic(sku, 'se-stockholm-drottninggatan');
    const c = await open([all, here]);
    try {
      const ready = parseWith(OmnikitEvent, (await c.next('stream.ready')).data);
      assert.deepEqual(ready.type === 'stream.ready' && ready.topics, [all, here]);
      await adjust(sku, 'online', 1);
      await adjust(sku, 'se-stockholm-drottninggatan', 1);
      await adjust('OK-10109', 'online', 1);
      await adjust(sku, 'se-stockholm-gotgatan', 1);
      await c.until(() => c.stockEvents().length >= 3 || undefined);
      await sleep(100);
      // Each event names its own location's topic, and arrives once although two topics match it.
      assert.deepEqual(c.stockEvents().map((e) => e.data.topic), [
        stockTopic(sku, 'online'), here, stockTopic(sku, 'se-stockholm-gotgatan'),
      ]);
    } finally {
      c.close();
    }
  });

  test('errors: no key 401, wrong key 401, bad or too many topics 400', async () => {
    assertError(await s.call('/v1/events?topics=stock:OK-1@online', { key: null }), 401, 'unauthorized');
    assertError(await s.call('/v1/events?topics=stock:OK-1@online&key=pk_nope', { key: null }), 401, 'unauthorized');
    assertError(await s.call(`/v1/events?topics=stock:OK-1@online&key=${SK}`, { key: null }), 401, 'unauthorized');
    assertError(await s.call(`/v1/events?topics=stock:OK-1@online&key=${SK}`, { key: null, headers: { Authorization: 'Basic eDp5' } }), 401, 'unauthorized');
    assertError(await s.call('/v1/events'), 400, 'validation_failed');
    const e = assertError(await s.call('/v1/events?topics=stock:OK-1@online,stock:OK-1,basket:42'), 400, 'validation_failed');
    assert.equal(e.details?.issues?.[0]?.path, 'query.topics.2');
    assertError(await s.call('/v1/events?topics=,,,'), 400, 'validation_failed');
    assertError(await s.call('/v1/events', { body: { topics: Array.from({ length: MAX_TOPICS + 1 }, (_, i) => `stock:A${i}@online`) } }), 400, 'validation_failed');
    assertError(await s.call('/v1/events', { raw: '{topics' }), 400, 'invalid_json');
  });

  test('a subscriber is removed when its client disconnects', async () => {
    const c = await open([stockTopic('OK-10107', 'online')]);
    await c.next('stream.ready');
    assert.ok(s.bus.topicCount >= 1);
    const before = s.bus.topicCount;
    c.close();
    const deadline = Date.now() + 3000;
    while (s.bus.topicCount >= before && Date.now() < deadline) await sleep(20);
    assert.equal(s.bus.topicCount, before - 1);
  });
});

describe('Last-Event-ID', () => {
  test('a dropped connection resumes with no event lost or doubled', async () => {
    const topic = stockTopic('OK-10110', 'online');
    const other = stockTopic('OK-10111', 'online');
    const c1 = await open([topic, other]);
    await c1.next('stream.ready');
    await adjust('OK-10110', 'online', 1);
    const first = await c1.next('stock.changed');
    c1.close();

    // While disconnected: changes on the topic and on one the client did not ask for.
    const missed = [];
    for (let i = 0; i < 3; i++) missed.push((await adjust('OK-10110', 'online', 1)).json.availability.onHand);
    await adjust('OK-10112', 'online', 1);

    const c2 = await open([topic, other], { 'Last-Event-ID': first.id! });
    try {
      await c2.next('stream.ready');
      await c2.until(() => c2.stockEvents().length === 3 || undefined);
      assert.deepEqual(c2.stockEvents().map((e) => e.data.data.onHand), missed);
      // Live events continue after the replay.
      const live = (await adjust('OK-10111', 'online', 1)).json.availability;
      await c2.until(() => c2.stockEvents().length === 4 || undefined);
      assert.deepEqual(c2.stockEvents()[3]!.data.data, live);
      const ids = c2.stockEvents().map((e) => Number(e.id));
      assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'ids increase');
      assert.ok(ids[0]! > Number(first.id));
    } finally {
      c2.close();
    }
  });

  test('resuming while changes keep coming: every event exactly once, in order', async () => {
    const topic = stockTopic('OK-10113', 'online');
    const c1 = await open([topic]);
    await c1.next('stream.ready');
    await adjust('OK-10113', 'online', 1);
    const first = await c1.next('stock.changed');
    c1.close();
    const writes = (async () => {
      for (let i = 0; i < 20; i++) await adjust('OK-10113', 'online', 1);
    })();
    await sleep(5);
    const c2 = await open([topic], { 'Last-Event-ID': first.id! });
    try {
      await writes;
      const [row] = await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE topic = $1 AND seq > $2`, [topic, first.id]);
      await c2.until(() => c2.stockEvents().length >= row!.n || undefined);
      await sleep(100);
      const onHand = c2.stockEvents().map((e) => e.data.data.onHand as number);
      assert.equal(onHand.length, 20);
      assert.deepEqual(onHand, [...onHand].sort((a, b) => a - b));
      assert.equal(new Set(onHand).size, 20);
    } finally {
      c2.close();
    }
  });

  test('a stock:{sku} subscription resumes with the changes at every location', async () => {
    const sku = 'OK-10117';
    const c1 = await open([stockTopic(sku)]);
    await c1.next('stream.ready');
    await adjust(sku, 'online', 1);
    const first = await c1.next('stock.changed');
    c1.close();
    const missed = [];
    for (const store of ['se-stockholm-drottninggatan', 'online', 'se-stockholm-gotgatan']) {
      missed.push(stockTopic(sku, store));
      assert.equal((await adjust(sku, store, 1)).status, 201);
    }
    await adjust('OK-10118', 'online', 1);
    const c2 = await open([stockTopic(sku)], { 'Last-Event-ID': first.id! });
    try {
      await c2.next('stream.ready');
      await c2.until(() => c2.stockEvents().length === 3 || undefined);
      await sleep(100);
      assert.deepEqual(c2.stockEvents().map((e) => e.data.topic), missed);
    } finally {
      c2.close();
    }
  });

  test('a resume point ahead of the stream (database reset) gets stream.reset', async () => {
    const c = await open([stockTopic('OK-10114', 'online')], { 'Last-Event-ID': '999999999' });
    try {
      const reset = await c.next('stream.reset');
      assert.equal(parseWith(OmnikitEvent, reset.data).type, 'stream.reset');
      assert.ok(Number(reset.id) < 999999999);
    } finally {
      c.close();
    }
  });
});

describe('retention, heartbeats and shutdown', () => {
  let short: TestServer;
  before(async () => {
    short = await startTestServer('events_short', { eventRetentionSeconds: 1, heartbeatSeconds: 0.2 });
  });
  after(() => short.close());

  test('stream.ready and stream.heartbeat name this instance and its event position; heartbeats carry no id', async () => {
    const topic = stockTopic('OK-10120', 'online');
    // Something on the bus first, so the position is not trivially 0.
    await adjust('OK-10123', 'online', 1, short.url);
    const [row] = await short.db.query<{ seq: string }>('SELECT max(seq) AS seq FROM events');
    // The bus learns of a commit a moment later (NOTIFY on PostgreSQL): the position a stream
    // reports is what this instance has seen, so wait until it has seen the change.
    for (let i = 0; i < 200 && short.bus.seenThrough < Number(row!.seq); i++) await new Promise((r) => setTimeout(r, 10));
    const c = await open([topic], {}, short.url);
    try {
      const ready = parseWith(OmnikitEvent, (await c.next('stream.ready')).data);
      assert.ok(ready.type === 'stream.ready');
      assert.equal(ready.instance, short.bus.instance);
      assert.match(ready.instance ?? '', /^[0-9a-f]{16}$/);
      assert.equal(ready.position, Number(row!.seq));
      const beats = await c.until(() => {
        const b = c.events.filter((e) => e.event === 'stream.heartbeat');
        return b.length >= 2 && b;
      }, 3000, 'two heartbeats');
      for (const b of beats) {
        assert.equal(b.id, undefined, 'a heartbeat does not move Last-Event-ID');
        const hb = parseWith(OmnikitEvent, b.data);
        assert.ok(hb.type === 'stream.heartbeat');
        assert.equal(hb.instance, ready.instance);
      }
      assert.equal(c.comments.length, 0, 'no comment pings any more');
      // A change moves the position the next heartbeat reports.
      const change = await adjust('OK-10120', 'online', 1, short.url);
      assert.equal(change.status, 201);
      const e = await c.next('stock.changed');
      const after = c.events.indexOf(e);
      const hb = await c.next('stream.heartbeat', 3000, after);
      assert.equal(hb.data.position, Number(e.id));
    } finally {
      c.close();
    }
  });

  test('every bus (one per server start) is another instance', () => {
    const other = new EventBus(short.db, short.bus.options);
    assert.notEqual(other.instance, short.bus.instance);
    assert.match(other.instance, /^[0-9a-f]{16}$/);
  });

  test('a resume point older than the retention window gets stream.reset, then live events', async () => {
    const topic = stockTopic('OK-10121', 'online');
    const c1 = await open([topic], {}, short.url);
    await c1.next('stream.ready');
    await adjust('OK-10121', 'online', 1, short.url);
    const first = await c1.next('stock.changed');
    c1.close();
    await adjust('OK-10121', 'online', 1, short.url);
    // Wait until the pruner (every 0.5 s with a 1 s window) has dropped both events.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const [row] = await short.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events');
      if (row!.n === 0) break;
      await sleep(100);
    }
    const c2 = await open([topic], { 'Last-Event-ID': first.id! }, short.url);
    try {
      await c2.next('stream.ready');
      const reset = await c2.next('stream.reset');
      assert.equal(reset.data.reason, 'retention_exceeded');
      assert.equal(c2.stockEvents().length, 0, 'no partial replay after a reset');
      await adjust('OK-10121', 'online', 1, short.url);
      await c2.next('stock.changed');
    } finally {
      c2.close();
    }
  });

  test('closing the server ends open streams', async () => {
    const c = await open([stockTopic('OK-10122', 'online')], {}, short.url);
    await c.next('stream.ready');
    await short.close();
    await c.until(() => c.ended || undefined, 3000, 'stream end');
  });
});
