// `npm run bench:page`: how long a category page of stock badges takes to be final on a slow
// phone network. The reference server (PGlite in memory) serves the CDN build and the e2e widget
// page; Chromium loads it with network emulation (150 ms latency on every request, through CDP
// `Network.emulateNetworkConditions`) and the page records when every badge showed its first
// final state (its first `omni-stock-change`). For 48 and 200 badges at the default store it
// prints, as medians of the runs: time to every badge final from navigation start and from the
// loader script's arrival, the data requests (API calls, the event stream not counted), their
// sequential waves (bench/waves.mjs) and the event streams.
//
//   node --conditions=source --import tsx bench/page-latency.mjs [--runs 5] [--latency 150]
//   CDN_DIR=/path/to/another/cdn/build ...   # measure another build (e.g. before a change)
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { SEED_FIXTURES, startServer } from '@omnikit/server';
import { CHROME_ARGS, CHROME_PATH } from '../scripts/chromium.mjs';
import { newest } from '../scripts/newest.mjs';
import { waves } from './waves.mjs';

const root = new URL('..', import.meta.url).pathname;
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg('runs', 5);
const latency = arg('latency', 150);
const cdnDir = process.env.CDN_DIR || join(root, 'packages/elements/dist/cdn');

if (!process.env.CDN_DIR) {
  const loader = join(cdnDir, 'omnikit.js');
  const sources = Math.max(...['elements', 'sdk', 'contract'].map((p) => newest(join(root, `packages/${p}/src`))));
  if (!existsSync(loader) || statSync(loader).mtimeMs < sources) {
    console.log('Building the CDN bundle (packages/elements)...');
    const r = spawnSync('npx', ['rollup', '-c', 'packages/elements/rollup.config.mjs', '--silent'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

const app = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir: 'memory',
  log: false,
  corsOrigins: '*',
  static: [
    { prefix: '/cdn/', dir: cdnDir },
    { prefix: '/e2e/', dir: join(root, 'e2e/fixtures') },
  ],
});
const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });

async function apiSkus(n) {
  const headers = { Authorization: 'Bearer pk_test_omnikit_demo' };
  const skus = [];
  for (let page = 1; skus.length < n; page++) {
    const res = await fetch(`${app.url}/v1/products?page=${page}&pageSize=100`, { headers });
    skus.push(...(await res.json()).items.map((p) => p.sku));
  }
  return skus.slice(0, n);
}

/** One page load: timings in ms and the page's API requests. */
async function loadOnce(skus) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    // Every badge's first final state, in the page's clock.
    await page.addInitScript((n) => {
      const seen = new Set();
      window.__final = new Promise((resolve) => {
        document.addEventListener('omni-stock-change', (e) => {
          if (e.previousState !== undefined) return;
          seen.add(e.composedPath()[0]);
          if (seen.size === n) resolve(performance.now());
        });
      });
    }, skus.length);
    const requests = [];
    const byRequest = new Map();
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!url.pathname.startsWith('/v1/')) return;
      const entry = { path: url.pathname, start: Date.now() };
      byRequest.set(r, entry);
      requests.push(entry);
    });
    const ended = (r) => {
      const e = byRequest.get(r);
      if (e) e.end = Date.now();
    };
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);
    await page.goto(`${app.url}/e2e/widgets.html?store=${SEED_FIXTURES.defaultStoreId}&skus=${skus.join(',')}`);
    const final = await page.evaluate(() => window.__final);
    const loaderAt = await page.evaluate(() => performance.getEntriesByType('resource').find((r) => r.name.endsWith('/cdn/omnikit.js'))?.responseEnd ?? 0);
    // Requests that a final page still makes (second looks) show up here too.
    await page.waitForTimeout(300);
    const data = requests.filter((r) => r.path !== '/v1/events');
    return {
      fromNavigation: final,
      fromLoader: final - loaderAt,
      data: data.length,
      waves: waves(data),
      streams: requests.length - data.length,
      paths: data.map((r) => r.path).sort(),
    };
  } finally {
    await context.close();
  }
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
try {
  console.log(`\nTime to every badge final, ${latency} ms latency per request (Chromium ${browser.version()}, median of ${runs} runs, ${process.env.CDN_DIR ? `CDN ${cdnDir}` : 'this build'})\n`);
  console.log(`${'badges'.padEnd(8)}${'from navigation'.padStart(17)}${'from loader'.padStart(13)}${'data requests'.padStart(15)}${'waves'.padStart(7)}${'streams'.padStart(9)}`);
  for (const n of [48, 200]) {
    const skus = await apiSkus(n);
    await loadOnce(skus); // warm-up: server caches, Chromium
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await loadOnce(skus));
    const m = (k) => median(results.map((r) => r[k]));
    console.log(
      `${String(n).padEnd(8)}${`${m('fromNavigation').toFixed(0)} ms`.padStart(17)}${`${m('fromLoader').toFixed(0)} ms`.padStart(13)}` +
        `${String(m('data')).padStart(15)}${String(m('waves')).padStart(7)}${String(m('streams')).padStart(9)}`,
    );
    console.log(`        requests of the last run: ${results.at(-1).paths.join(', ')}`);
  }
  console.log('');
} finally {
  await browser.close();
  await app.close();
}
