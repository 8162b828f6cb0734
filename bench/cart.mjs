// `npm run bench:cart`: the cart's hot paths on loopback, each beside a trivial Hono route as the
// ceiling, as bench/server.mjs does: adding a line to a cart, and checking a cart out (one
// delivery line, reserved at the online stock). Then the time from a change on one device to the
// other device's `$cart` (two SDK clients on one cart, the second told by the event stream).
//
// Latencies are measured per request (median and p95) by BENCH_CONNECTIONS workers, each sending
// one request after the other for BENCH_SECONDS per target, so every target sees the same client.
// Options (env): BENCH_SECONDS (5), BENCH_CONNECTIONS (10), BENCH_SAMPLES (20, device-to-device),
// DATABASE_URL (PostgreSQL instead of PGlite in memory; uses the schema `omnikit_bench_cart`).
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SEED_FIXTURES, startServer } from '@omnikit/server';
import { createClient } from '@omnikit/sdk';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const samples = Number(process.env.BENCH_SAMPLES ?? 20);
const PK = 'pk_test_omnikit_demo';
const SK = 'sk_test_omnikit_demo';
const F = SEED_FIXTURES;

const server = await startServer({
  port: 0,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, databaseSchema: 'omnikit_bench_cart' } : { dataDir: 'memory' }),
});
const ping = new Hono().get('/bench/ping', (c) => c.json({ ok: true, at: Date.now() }));
const pingServer = await new Promise((resolve) => {
  const s = serve({ fetch: ping.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const pingUrl = `http://127.0.0.1:${pingServer.address().port}/bench/ping`;

async function api(path, { method = 'POST', body, headers = {}, key = PK } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.error)}`);
  return json;
}
const newCart = async () => {
  const { cart, secret } = await api('/v1/carts', { body: {} });
  return { id: cart.id, headers: { 'Omnikit-Cart-Secret': secret } };
};

/** Runs `request(i)` from `connections` workers for `seconds` (a worker stops when it answers `false`); latencies in ms. */
async function load(request) {
  const latencies = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const i = n++;
      const t0 = performance.now();
      try {
        if ((await request(i)) === false) return;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  }));
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { count: latencies.length, errors, p50: at(0.5), p95: at(0.95), perSecond: latencies.length / seconds };
}

const pingOnce = async () => {
  const r = await fetch(pingUrl);
  await r.arrayBuffer();
};

// Add-line: 50 carts taking turns; SKUs rotate so lines stay within a cart's 100 lines.
const carts = await Promise.all(Array.from({ length: 50 }, newCart));
const skus = Array.from({ length: 90 }, (_, i) => `OK-${10101 + i}`);
const addLine = async (i) => {
  const c = carts[i % carts.length];
  await api(`/v1/carts/${c.id}/lines`, { headers: c.headers, body: { sku: skus[Math.floor(i / carts.length) % skus.length], quantity: 1, fulfillment: { type: 'delivery' } } });
};

// Checkout: carts made ahead with one delivery line each, from plenty of online stock.
await api(`/v1/admin/stock/online/${F.inStock.sku}`, { method: 'PUT', key: SK, body: { quantity: 1_000_000 } });
const ready = [];
const prepare = async (count) => {
  const made = await Promise.all(Array.from({ length: count }, async () => {
    const c = await newCart();
    await api(`/v1/carts/${c.id}/lines`, { headers: c.headers, body: { sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'delivery' } } });
    return c;
  }));
  ready.push(...made);
};
await prepare(Math.max(50, Math.ceil(seconds * 150)));
const checkout = async () => {
  const c = ready.pop();
  if (!c) return false;
  await api(`/v1/carts/${c.id}/checkout`, { headers: c.headers, body: { payment: { method: 'online' }, contact: { email: 'bench@example.com' } } });
};

const results = [];
try {
  await load(pingOnce); // warm-up
  for (const [title, fn] of [['trivial Hono route (GET /bench/ping)', pingOnce], ['add a line (POST /v1/carts/{id}/lines)', addLine], ['trivial Hono route (GET /bench/ping)', pingOnce], ['checkout, 1 delivery line (POST /v1/carts/{id}/checkout)', checkout]]) {
    results.push({ target: title, ...(await load(fn)) });
  }

  // Device to device: the kiosk adds, the phone's $cart shows it (event stream, then a re-read).
  const options = { baseUrl: server.url, publishableKey: PK, storage: null, realtime: { debounceMs: 5 } };
  const kiosk = createClient({ ...options, channel: 'kiosk' });
  const phone = createClient({ ...options, channel: 'app' });
  await kiosk.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'delivery' } });
  await phone.cart.resume((await kiosk.cart.handoff()).code);
  await new Promise((resolve) => {
    const stop = phone.$connection.subscribe((c) => c.status === 'open' && (queueMicrotask(() => stop()), resolve()));
  });
  const gaps = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const changed = await kiosk.cart.addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: { type: 'delivery' } });
    await new Promise((resolve) => {
      const stop = phone.$cart.subscribe((c) => (c?.version ?? 0) >= changed.version && (queueMicrotask(() => stop()), resolve()));
    });
    gaps.push(performance.now() - t0);
  }
  kiosk.close();
  phone.close();
  gaps.sort((a, b) => a - b);
  const db = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`\ncart on ${db}, ${connections} connections, ${seconds} s per target (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  console.table(results.map((r) => ({ target: r.target, requests: r.count, errors: r.errors, 'median ms': r.p50.toFixed(1), 'p95 ms': r.p95.toFixed(1), 'req/s': r.perSecond.toFixed(0) })));
  console.log(`change on one device -> the other device's $cart (${samples} changes, the add's own request included): median ${gaps[Math.floor(gaps.length / 2)].toFixed(1)} ms, p95 ${gaps[Math.floor(gaps.length * 0.95)].toFixed(1)} ms`);
} finally {
  await server.close();
  await new Promise((r) => pingServer.close(r));
}
