// `npm run bench:server`: the reference server's availability batch (100 SKUs x 1 store) under
// autocannon on loopback, side by side in the same run with a trivial Hono route on
// @hono/node-server as the ceiling. What counts is the ratio: how much of the framework's
// throughput the real route keeps. Bounded: ~10 s per target (override with BENCH_SECONDS).
//
// Options (env): BENCH_SECONDS (10), BENCH_CONNECTIONS (10), DATABASE_URL (bench PostgreSQL
// instead of PGlite in memory; uses the schema `omnikit_bench`), BENCH_NEARBY (ask for nearby stores too).
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
// BENCH_NEARBY=3: the same request with the nearby stores of what is out of stock (`&nearby=3`).
const nearby = process.env.BENCH_NEARBY ? `&nearby=${Number(process.env.BENCH_NEARBY)}` : '';
const availabilityUrl = `${server.url}/v1/availability?skus=${skus}&stores=${SEED_FIXTURES.defaultStoreId}${nearby}`;

// Sanity: the route answers 100 records before we time it.
const check = await fetch(availabilityUrl, { headers: { Authorization: `Bearer ${pk}` } });
const body = await check.json();
if (check.status !== 200 || body.items?.length !== 100) throw new Error(`availability answered ${check.status}`);

function run(url, headers, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

// The two targets take turns in short rounds, so a change in machine load during the run
// (shared CI machines) hits both alike; each target gets `seconds` in all. The ratio is the
// median of the rounds' own ratios (each round's pair ran back to back, under the same load).
const rounds = Math.max(1, Math.min(10, Math.floor(seconds)));
const perRound = seconds / rounds;
const defs = [
  { title: 'trivial Hono route (GET /bench/ping)', url: pingUrl, headers: {} },
  { title: `availability 100 skus x 1 store${nearby}`, url: availabilityUrl, headers: { Authorization: `Bearer ${pk}` } },
];
const results = defs.map(() => []);
try {
  for (const d of defs) await run(d.url, d.headers, 1); // warm-up: JIT, pools, caches
  for (let r = 0; r < rounds; r++) {
    for (const [i, d] of defs.entries()) results[i].push(await run(d.url, d.headers, perRound));
  }
} finally {
  await server.close();
  await new Promise((r) => pingServer.close(r));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const targets = defs.map((d, i) => ({
  title: d.title,
  result: {
    latency: { p50: median(results[i].map((x) => x.latency.p50)), p99: median(results[i].map((x) => x.latency.p99)) },
    requests: { average: median(results[i].map((x) => x.requests.average)) },
    errors: results[i].reduce((n, x) => n + x.errors, 0),
    non2xx: results[i].reduce((n, x) => n + x.non2xx, 0),
  },
}));
const rows = targets.map(({ title, result }) => ({
  target: title,
  'median ms': result.latency.p50,
  'p99 ms': result.latency.p99,
  'req/s (mean)': Math.round(result.requests.average),
  errors: result.errors + result.non2xx,
}));
console.log(`\nautocannon, ${connections} connections, ${seconds} s per target in ${rounds} alternating rounds (medians of rounds), loopback, ${server.db.kind}, Node ${process.version}`);
console.table(rows);
const [ceiling, real] = rows;
const paired = median(results[1].map((x, i) => x.requests.average / results[0][i].requests.average));
console.log(`ratio availability / ping: ${paired.toFixed(3)} of the req/s (median of ${rounds} paired rounds; ` +
  `${(real['req/s (mean)'] / ceiling['req/s (mean)']).toFixed(3)} from the medians above), ` +
  `${(real['median ms'] / Math.max(ceiling['median ms'], 0.001)).toFixed(1)}x the median latency`);
if (rows.some((r) => r.errors > 0)) process.exitCode = 1;
