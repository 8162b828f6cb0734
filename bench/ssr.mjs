// `npm run bench:ssr`: time to the first stock badge on a product page with server-side
// rendering and without, on a slow phone network. The reference server (PGlite in memory) is the
// API; the SSR example (examples/ssr-node) serves the product page two ways: rendered on the
// server (declarative shadow DOM, data in the page, ssr-client.js hydrates) and rendered in the
// browser only (`?ssr=0`: the same widgets, their scripts, the data asked by the browser).
// Chromium loads each with 150 ms latency on every request (CDP network emulation; the SSR
// server's own reads of the API are local, as beside a real API). Per variant, medians of the
// runs after a warm-up: the first badge's final text on screen (from navigation start), first
// contentful paint, the badge's hydration (its custom state set: scripts ran), and the API
// requests the browser made (the event stream not counted).
//
//   node --conditions=source --import tsx bench/ssr.mjs [--runs 5] [--latency 150]
import { chromium } from 'playwright-core';
import { SEED_FIXTURES, startServer } from '@omnikit/server';
import { CHROME_ARGS, CHROME_PATH } from '../scripts/chromium.mjs';
import { createSsrServer } from '../examples/ssr-node/server.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg('runs', 5);
const latency = arg('latency', 150);

const app = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory', log: false, corsOrigins: '*' });
const ssr = await createSsrServer({ api: app.url, store: SEED_FIXTURES.defaultStoreId });
await new Promise((resolve) => ssr.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${ssr.address().port}`;
const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });

/** One load of `path`: page-clock timings and the API requests. */
async function loadOnce(path) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    await page.addInitScript(() => {
      // Checked every frame from the first: the first frame in which the badge shows its text.
      window.__t = {};
      const tick = () => {
        const badge = document.getElementById('badge');
        const label = badge?.shadowRoot?.querySelector('[part~=label]');
        if (label?.textContent.trim() && window.__t.badge === undefined) window.__t.badge = performance.now();
        if (badge?.matches(':state(in-stock), :state(low-stock), :state(out-of-stock), :state(nearby)')) window.__t.hydrated ??= performance.now();
        if (window.__t.hydrated === undefined || window.__t.badge === undefined) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const api = [];
    page.on('request', (r) => r.url().startsWith(app.url) && !r.url().includes('/v1/events') && api.push(r.url()));
    await page.goto(`${base}${path}`);
    await page.waitForFunction(() => window.__t.badge !== undefined && window.__t.hydrated !== undefined, null, { timeout: 20_000, polling: 50 });
    const t = await page.evaluate(() => ({ ...window.__t, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime }));
    return { ...t, requests: api.length };
  } finally {
    await context.close();
  }
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const { sku } = SEED_FIXTURES.inStock;
const variants = [
  ['server-rendered (SSR + hydration)', `/product/${sku}`],
  ['browser-rendered (no SSR)', `/product/${sku}?ssr=0`],
];
try {
  const results = new Map(variants.map(([name]) => [name, []]));
  for (const [, path] of variants) await loadOnce(path); // warm-up: server caches, bundles
  for (let i = 0; i < runs; i++) for (const [name, path] of variants) results.get(name).push(await loadOnce(path));
  console.log(`\nProduct page, first stock badge, ${latency} ms latency per request (Chromium ${browser.version()}, median of ${runs})\n`);
  console.log(`${'page'.padEnd(36)}${'badge text'.padStart(12)}${'FCP'.padStart(10)}${'hydrated'.padStart(10)}${'API reads'.padStart(11)}`);
  for (const [name, rs] of results) {
    const ms = (k) => `${median(rs.map((r) => r[k] ?? NaN)).toFixed(0)} ms`;
    console.log(`${name.padEnd(36)}${ms('badge').padStart(12)}${ms('fcp').padStart(10)}${ms('hydrated').padStart(10)}${String(median(rs.map((r) => r.requests))).padStart(11)}`);
  }
  console.log('');
} finally {
  await browser.close();
  await new Promise((resolve) => ssr.close(resolve));
  await app.close();
}
