// PostgreSQL only: races that PGlite (one connection) cannot produce, and several server
// processes sharing one database.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AvailabilityList, StockChange, stockTopic } from '@omnikit/contract';
import { seedStores } from '../src/seed/stores.js';
import {
  PG_URL, PK, SK, SseClient, call, dropSchema, freshSchema, onPostgres, parseWith, sleep, startTestServer, type TestServer,
} from './helpers.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const skip = onPostgres ? false : 'needs PostgreSQL (DATABASE_URL)';

interface Child {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `src/main.ts` as its own OS process on the given schema; resolves with its URL. */
function spawnServer(schema: string): Promise<Child> {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'src/main.ts'], {
    cwd: pkgDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: PG_URL, OMNIKIT_DB_SCHEMA: schema, OMNIKIT_LOG: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server process did not start: ${out} ${err}`));
    }, 60_000);
    proc.stderr!.on('data', (d) => (err += d));
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1]!, stop });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited (${code}): ${out} ${err}`));
    });
  });
}

const adjust = (base: string, sku: string, storeId: string, delta: number) =>
  call(base, '/v1/admin/stock/adjustments', { key: SK, body: { sku, storeId, delta, reason: delta < 0 ? 'sale_in_store' : 'delivery' } });
const setStock = (base: string, sku: string, storeId: string, quantity: number) =>
  call(base, `/v1/admin/stock/${storeId}/${sku}`, { method: 'PUT', key: SK, body: { quantity } });
const onHand = async (base: string, sku: string, storeId: string) =>
  parseWith(AvailabilityList, (await call(base, `/v1/availability?skus=${sku}&stores=${storeId}`)).json).items[0]!.onHand;

describe('PostgreSQL: concurrency', () => {
  let s: TestServer;
  before(async () => {
    if (!onPostgres) return;
    s = await startTestServer('pgrace');
  });
  after(() => s?.close());

  test('50 concurrent adjustments sum exactly', { skip }, async () => {
    const sku = 'OK-10200';
    const store = 'online';
    await setStock(s.url, sku, store, 1000);
    const deltas = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 7 : -(1 + (i % 5))));
    const replies = await Promise.all(deltas.map((d) => adjust(s.url, sku, store, d)));
    assert.deepEqual(replies.map((r) => r.status), deltas.map(() => 201));
    const expected = 1000 + deltas.reduce((a, b) => a + b, 0);
    assert.equal(await onHand(s.url, sku, store), expected);
    const [m] = await s.db.query<{ n: number; sum: number }>(
      `SELECT count(*)::int AS n, sum(delta)::int AS sum FROM stock_movements WHERE sku = $1 AND store_id = $2 AND reason <> 'correction'`, [sku, store]);
    assert.deepEqual(m, { n: 50, sum: expected - 1000 });
    // In movement order each on-hand follows from the one before: the updates were serialized, none lost.
    const chain = await s.db.query<{ delta: number; on_hand_after: number }>(
      'SELECT delta, on_hand_after FROM stock_movements WHERE sku = $1 AND store_id = $2 ORDER BY id', [sku, store]);
    for (let i = 1; i < chain.length; i++) assert.equal(chain[i]!.on_hand_after, chain[i - 1]!.on_hand_after + chain[i]!.delta);
    assert.equal(chain.at(-1)!.on_hand_after, expected);
  });

  test('sales bigger than the stock: exactly the possible ones succeed, never below zero', { skip }, async () => {
    const sku = 'OK-10201';
    const store = 'se-stockholm-drottninggatan';
    await setStock(s.url, sku, store, 10);
    const ones = await Promise.all(Array.from({ length: 25 }, () => adjust(s.url, sku, store, -1)));
    assert.equal(ones.filter((r) => r.status === 201).length, 10);
    assert.equal(ones.filter((r) => r.status === 409 && r.json.error.code === 'insufficient_stock').length, 15);
    assert.equal(await onHand(s.url, sku, store), 0);

    await setStock(s.url, sku, store, 10);
    const threes = await Promise.all(Array.from({ length: 10 }, () => adjust(s.url, sku, store, -3)));
    assert.equal(threes.filter((r) => r.status === 201).length, 3);
    assert.equal(await onHand(s.url, sku, store), 1);
    const [neg] = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stock WHERE on_hand < reserved OR on_hand < 0');
    assert.equal(neg!.n, 0);
  });

  test('reserved units are never sold under concurrency', { skip }, async () => {
    const sku = 'OK-10202';
    await setStock(s.url, sku, 'online', 20);
    await s.db.query(`UPDATE stock SET reserved = 8 WHERE sku = $1 AND store_id = 'online'`, [sku]);
    const replies = await Promise.all(Array.from({ length: 20 }, () => adjust(s.url, sku, 'online', -1)));
    assert.equal(replies.filter((r) => r.status === 201).length, 12);
    const [row] = await s.db.query<{ on_hand: number; reserved: number }>(`SELECT on_hand, reserved FROM stock WHERE sku = $1 AND store_id = 'online'`, [sku]);
    assert.deepEqual(row, { on_hand: 8, reserved: 8 });
  });
});

describe('PostgreSQL: several server processes on one database', () => {
  let a: TestServer;
  let b: Child;
  before(async () => {
    if (!onPostgres) return;
    a = await startTestServer('pgfanout');
    b = await spawnServer(a.schema!);
  });
  after(async () => {
    await b?.stop();
    await a?.close();
  });

  test('a stock change made on one instance reaches an SSE subscriber on another process within 1 s', { skip }, async () => {
    const topic = stockTopic('OK-10210', 'online');
    const sub = await SseClient.open(`${b.url}/v1/events?topics=${topic}`, { headers: { Authorization: `Bearer ${PK}` } });
    try {
      await sub.next('stream.ready');
      const started = Date.now();
      const change = parseWith(StockChange, (await adjust(a.url, 'OK-10210', 'online', -1)).json);
      const e = await sub.next('stock.changed', 5000);
      const ms = Date.now() - started;
      assert.deepEqual(e.data.data, change.availability);
      assert.ok(ms < 1000, `delivered in ${ms} ms`);
    } finally {
      sub.close();
    }
  });

  test('and the other way round', { skip }, async () => {
    const topic = stockTopic('OK-10211', 'online');
    const sub = await SseClient.open(`${a.url}/v1/events?topics=${topic}`, { headers: { Authorization: `Bearer ${PK}` } });
    try {
      await sub.next('stream.ready');
      const change = parseWith(StockChange, (await adjust(b.url, 'OK-10211', 'online', 3)).json);
      assert.deepEqual((await sub.next('stock.changed')).data.data, change.availability);
    } finally {
      sub.close();
    }
  });

  test('a subscriber that drops and resumes on the other instance loses nothing', { skip }, async () => {
    const topic = stockTopic('OK-10212', 'online');
    const first = await SseClient.open(`${b.url}/v1/events?topics=${topic}`, { headers: { Authorization: `Bearer ${PK}` } });
    await first.next('stream.ready');
    await adjust(a.url, 'OK-10212', 'online', 1);
    const last = await first.next('stock.changed');
    first.close();
    // Writes on both instances while disconnected.
    const expected = [];
    for (let i = 0; i < 6; i++) expected.push((await adjust(i % 2 ? a.url : b.url, 'OK-10212', 'online', 1)).json.availability.onHand);
    const resumed = await SseClient.open(`${a.url}/v1/events?topics=${topic}`, { headers: { Authorization: `Bearer ${PK}`, 'Last-Event-ID': last.id! } });
    try {
      await resumed.until(() => resumed.stockEvents().length === 6 || undefined);
      assert.deepEqual(resumed.stockEvents().map((e) => e.data.data.onHand), expected);
    } finally {
      resumed.close();
    }
  });

  test('fan-out survives the LISTEN connections being cut', { skip }, async () => {
    const topic = stockTopic('OK-10214', 'online');
    const sub = await SseClient.open(`${b.url}/v1/events?topics=${topic}`, { headers: { Authorization: `Bearer ${PK}` } });
    try {
      await sub.next('stream.ready');
      const killed = await a.db.query<{ n: number }>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE $1`, [`LISTEN "omnikit_events_${a.schema}"%`]);
      assert.equal(killed[0]!.n, 2, 'one LISTEN connection per process');
      const change = parseWith(StockChange, (await adjust(a.url, 'OK-10214', 'online', 2)).json);
      assert.deepEqual((await sub.next('stock.changed', 8000)).data.data, change.availability);
    } finally {
      sub.close();
    }
  });

  test('concurrent adjustments through both processes sum exactly', { skip }, async () => {
    await setStock(a.url, 'OK-10213', 'online', 500);
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => adjust(i % 2 ? a.url : b.url, 'OK-10213', 'online', i % 4 === 0 ? 5 : -2)));
    assert.ok(replies.every((r) => r.status === 201));
    assert.equal(await onHand(b.url, 'OK-10213', 'online'), 500 + 10 * 5 - 30 * 2);
  });
});

describe('PostgreSQL: start-up', () => {
  test('two processes starting at once on an empty schema migrate and seed once', { skip }, async () => {
    const schema = freshSchema('pgstart');
    const [x, y] = await Promise.all([spawnServer(schema), spawnServer(schema)]);
    try {
      const s = await startTestServer('unused', { databaseUrl: PG_URL, databaseSchema: schema });
      try {
        const [m] = await s.db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT version)::int AS d FROM schema_migrations');
        assert.equal(m!.n, m!.d);
        const [st] = await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM stores');
        // Every seeded location once (stores, the warehouse, lockers), however many processes seeded.
        assert.equal(st!.n, seedStores().length);
        assert.equal((await call(x.url, '/v1/health')).json.database, 'postgres');
        assert.equal((await call(y.url, '/v1/health')).json.database, 'postgres');
      } finally {
        await s.close();
      }
    } finally {
      await Promise.all([x.stop(), y.stop()]);
      await dropSchema(schema);
    }
  });
});

/**
 * An SSE reader that behaves like the SDK: when its stream ends or cannot open, it reconnects
 * (after `delayMs`) to a live instance with `Last-Event-ID`, and keeps every event it got.
 */
class ResumingReader {
  readonly events: { id: string; onHand: number }[] = [];
  reconnects = 0;
  private current: SseClient | undefined;
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(private readonly topic: string, private readonly pick: () => string, private readonly delayMs = 200) {
    this.done = this.run();
  }

  private async run() {
    while (!this.stopped) {
      const last = this.events.at(-1)?.id;
      try {
        const c = await SseClient.open(`${this.pick()}/v1/events?topics=${this.topic}`, {
          headers: { Authorization: `Bearer ${PK}`, ...(last ? { 'Last-Event-ID': last } : {}) },
        });
        this.current = c;
        let seen = 0;
        // Collect as frames come, until the stream ends (a shutdown ends it; a 503 never opens).
        await c.until(() => {
          for (const e of c.stockEvents().slice(seen)) this.events.push({ id: e.id!, onHand: e.data.data.onHand });
          seen = c.stockEvents().length;
          return this.stopped || undefined;
        }, 600_000, 'stop').catch(() => {});
        for (const e of c.stockEvents().slice(seen)) this.events.push({ id: e.id!, onHand: e.data.data.onHand });
      } catch {
        // Refused: nothing listens there any more.
      }
      if (this.stopped) break;
      this.reconnects++;
      await sleep(this.delayMs);
    }
  }

  /** Waits until `n` events arrived (or fails after `ms`). */
  async until(n: number, ms = 15_000) {
    const deadline = Date.now() + ms;
    while (this.events.length < n) {
      if (Date.now() > deadline) throw new Error(`reader got ${this.events.length} of ${n} events`);
      await sleep(50);
    }
  }

  async stop() {
    this.stopped = true;
    this.current?.close();
    await this.done;
  }
}

describe('PostgreSQL: rolling restart', () => {
  test('two instances, one restarted while readers are connected to both: every reader gets every change once, in order', { skip, timeout: 180_000 }, async () => {
    const schema = freshSchema('pgrolling');
    const a = await spawnServer(schema);
    let b = await spawnServer(schema);
    const live = new Set([a.url, b.url]);
    let turn = 0;
    // A load balancer's view: any live instance, in turn.
    const pick = () => {
      const urls = [...live];
      return urls[turn++ % urls.length]!;
    };
    const sku = 'OK-10220';
    const topic = stockTopic(sku, 'online');
    const readers = [a.url, a.url, b.url, b.url].map((first) => {
      let firstPick = true;
      return new ResumingReader(topic, () => (firstPick ? ((firstPick = false), first) : pick()));
    });
    const written: number[] = [];
    const write = async () => {
      // The balancer retries a request an instance refused while stopping on another one.
      for (let attempt = 0; ; attempt++) {
        const r = await adjust(pick(), sku, 'online', 1).catch(() => undefined);
        if (r?.status === 201) return void written.push(r.json.availability.onHand);
        if (attempt > 20) throw new Error(`write failed: ${r?.status} ${r?.text}`);
        await sleep(100);
      }
    };
    try {
      await sleep(500);
      for (let i = 0; i < 10; i++) await write();
      for (const r of readers) await r.until(10);
      // Restart b: out of the balancer, SIGTERM, the same command again, back in.
      live.delete(b.url);
      const stopping = b.stop();
      for (let i = 0; i < 10; i++) await write();
      await stopping;
      b = await spawnServer(schema);
      live.add(b.url);
      for (let i = 0; i < 10; i++) await write();
      for (const r of readers) await r.until(30);
      await sleep(300);
      for (const [i, r] of readers.entries()) {
        assert.deepEqual(r.events.map((e) => e.onHand), written, `reader ${i}: every change, once, in order`);
        const ids = r.events.map((e) => Number(e.id));
        assert.deepEqual(ids, [...ids].sort((x, y) => x - y), `reader ${i}: ids in order`);
      }
      assert.ok(readers.slice(2).every((r) => r.reconnects >= 1), 'the readers of the restarted instance reconnected');
    } finally {
      for (const r of readers) await r.stop();
      await Promise.all([a.stop(), b.stop()]);
      await dropSchema(schema);
    }
  });
});
