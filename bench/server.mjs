// `npm run bench:server`: the reference server's availability batch (100 SKUs x 1 store) under
// autocannon on loopback, side by side in the same run with a trivial Hono route on
// @hono/node-server as the ceiling. What counts is the ratio: how much of the framework's
// throughput the real route keeps. Bounded: ~10 s per target (override with BENCH_SECONDS).
//
// Options (env): BENCH_SECONDS (10), BENCH_CONNECTIONS (10), DATABASE_URL (bench PostgreSQL
// instead of PGlite in memory; uses the schema `omnikit_bench`).
import autocannon from 'autocannon';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SEED_FIXTURES, startServer } from '@omnikit/server';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const pk = 'pk_test_omnikit_demo';

const server = await startServer({
  port: 0,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, databaseSchema: 'omnikit_bench' } : { dataDir: 'memory' }),
});
const ping = new Hono().get('/bench/ping', (c) => c.json({ ok: true, at: Date.now() }));
const pingServer = await new Promise((resolve) => {
  const s = serve({ fetch: ping.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const pingUrl = `http://127.0.0.1:${pingServer.address().port}/bench/ping`;

const skus = Array.from({ length: 100 }, (_, i) => `OK-${10001 + i}`).join(',');
const availabilityUrl = `${server.url}/v1/availability?skus=${skus}&stores=${SEED_FIXTURES.defaultStoreId}`;

// Sanity: the route answers 100 records before we time it.
const check = await fetch(availabilityUrl, { headers: { Authorization: `Bearer ${pk}` } });
const body = await check.json();
if (check.status !== 200 || body.items?.length !== 100) throw new Error(`availability answered ${check.status}`);

function run(title, url, headers = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, headers }, (err, result) => (err ? reject(err) : resolve({ title, result })));
  });
}

async function measure(title, url, headers) {
  await run('warm-up', url, headers).catch(() => {}); // JIT, pools and caches warm before measuring
  return run(title, url, headers);
}

const savedSeconds = seconds;
const targets = [];
try {
  targets.push(await measure('trivial Hono route (GET /bench/ping)', pingUrl));
  targets.push(await measure('availability 100 skus x 1 store', availabilityUrl, { Authorization: `Bearer ${pk}` }));
} finally {
  await server.close();
  await new Promise((r) => pingServer.close(r));
}

const rows = targets.map(({ title, result }) => ({
  target: title,
  'median ms': result.latency.p50,
  'p99 ms': result.latency.p99,
  'req/s (mean)': Math.round(result.requests.average),
  errors: result.errors + result.non2xx,
}));
console.log(`\nautocannon, ${connections} connections, ${savedSeconds} s per target, loopback, ${server.db.kind}, Node ${process.version}`);
console.table(rows);
const [ceiling, real] = rows;
console.log(`ratio availability / ping: ${(real['req/s (mean)'] / ceiling['req/s (mean)']).toFixed(3)} of the req/s, ` +
  `${(real['median ms'] / Math.max(ceiling['median ms'], 0.001)).toFixed(1)}x the median latency`);
if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
