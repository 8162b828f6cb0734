// `node --conditions=source --import tsx bench/fulfillment.mjs`: latency of fulfilment options
// for a 10-line cart at each of the 18 seed stores (GET /v1/carts/:id/fulfillment-options?storeId=),
// and of one SKU (GET /v1/fulfillment/options), on loopback against the reference server.
// BENCH_CONNECTIONS workers (10) send one request after another for BENCH_SECONDS (5) per target,
// cycling through the stores; median and p95 per request. DATABASE_URL: PostgreSQL (schema
// omnikit_bench_fulfillment) instead of PGlite in memory.
import { SEED_FIXTURES, startServer } from '@omnikit/server';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PK = 'pk_test_omnikit_demo';
const server = await startServer({
  port: 0, log: false,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, databaseSchema: 'omnikit_bench_fulfillment' } : { dataDir: 'memory' }),
});

async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method, headers: { Authorization: `Bearer ${PK}`, 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.error)}`);
  return json;
}

const stores = (await api('/v1/stores')).items.map((s) => s.id);
const skus = (await api('/v1/products?pageSize=40')).items.filter((p) => p.active !== false).map((p) => p.sku).slice(0, 10);
const { cart, secret } = await api('/v1/carts', { method: 'POST', body: {} });
const headers = { 'Omnikit-Cart-Secret': secret };
for (const [i, sku] of skus.entries()) {
  await api(`/v1/carts/${cart.id}/lines`, { method: 'POST', headers, body: { sku, quantity: 1 + (i % 3), fulfillment: { type: 'pickup', storeId: SEED_FIXTURES.defaultStoreId } } });
}

async function load(path) {
  const latencies = [];
  let n = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const storeId = stores[n++ % stores.length];
      const t = performance.now();
      await api(path(storeId), { headers });
      latencies.push(performance.now() - t);
    }
  }));
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  return { requests: latencies.length, median: at(0.5), p95: at(0.95) };
}

console.log(`${stores.length} stores, a cart of ${skus.length} lines, ${connections} connections, ${seconds} s per target, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (memory)'}`);
const cartResult = await load((s) => `/v1/carts/${cart.id}/fulfillment-options?storeId=${s}`);
console.log(`cart of 10 lines: ${cartResult.requests} requests, median ${cartResult.median} ms, p95 ${cartResult.p95} ms`);
const skuResult = await load((s) => `/v1/fulfillment/options?sku=${skus[0]}&quantity=2&storeId=${s}`);
console.log(`one SKU:          ${skuResult.requests} requests, median ${skuResult.median} ms, p95 ${skuResult.p95} ms`);
await server.close();
