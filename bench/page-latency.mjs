// `npm run bench:page`: how long a category page of stock badges takes to be final on a slow
// phone network. The reference server (PGlite in memory) serves the CDN build and the e2e widget
// page; Chromium loads it with network emulation (150 ms latency on every request, through CDP
// `Network.emulateNetworkConditions`) and the page records when every badge showed its first
// final state (its first `omni-stock-change`). For 48 and 200 badges at the default store it
// prints, as medians of the runs: time to every badge final from navigation start and from the
// loader script's arrival, the data requests (API calls, the event stream not counted), their
// sequential waves (bench/waves.mjs) and the event streams.
//
// Then the storefront's product page (examples/storefront/product.html: provider, price, stock
// badge, add-to-cart, cart count, click-collect, a badge per store) at the same latency: every
// request from CDP's network events (JS files, API calls, the event stream, the rest), their
// sequential waves, the time to `<omni-click-collect>`'s options and to its final state (the
// pickup times too), the list per wave, and the API waves against the badges page's (the anchor).
// The wave rule is in bench/README.md ("The product page's requests and waves").
//
//   node --conditions=source --import tsx bench/page-latency.mjs [--runs 5] [--latency 150]
//     [--pages badges,product] [--sku OK-10001]
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
const opt = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
/** `badges`, `product`, or both (default). */
const pages = opt('pages', 'badges,product').split(',');
const productSku = opt('sku', SEED_FIXTURES.inStock.sku);
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
    { prefix: '/', dir: join(root, 'examples/storefront') },
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

/** What a request of the product page is, for the counts and for which requests it may wait for. */
function kindOf(url, type) {
  if (type === 'Document') return 'document';
  if (url.pathname === '/v1/events') return 'stream';
  if (url.pathname.startsWith('/v1/')) return 'api';
  if (type === 'Script' || url.pathname.endsWith('.js')) return 'js';
  return 'other'; // style sheet, images, favicon: listed, never in a wave
}

/** The script that asked for a script (a static or dynamic import), from the CDP initiator; undefined: the HTML parser. */
function importerOf(initiator) {
  if (initiator?.type !== 'script') return undefined;
  for (let st = initiator.stack; st; st = st.parent) {
    const frame = st.callFrames?.find((f) => f.url);
    if (frame) return frame.url;
  }
  return initiator.url;
}

/**
 * Which earlier request `r` can have waited for (the "needed for it" of the wave rule): a script
 * for the script that imports it (or the document, for a `<script>` tag); an API call for the
 * document, any script or any API call; nothing else (style sheets, images) counts.
 */
function mayNeed(r, q) {
  if (r.kind === 'js') return r.importer ? q.url === r.importer : q.kind === 'document';
  if (r.kind === 'api') return q.kind === 'document' || q.kind === 'js' || q.kind === 'api';
  return false;
}

/**
 * One load of the storefront's product page: every request (CDP network events, one monotonic
 * clock, ms from the document request), its waves, and when `<omni-click-collect>` showed its
 * options and then its final state (the pickup times of the selected option, or none to load).
 */
async function loadProduct(sku) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const byId = new Map();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.redirectResponse || byId.has(e.requestId)) return;
      const url = new URL(e.request.url);
      const kind = kindOf(url, e.type);
      byId.set(e.requestId, {
        url: e.request.url,
        path: url.origin === app.url ? `${url.pathname}${url.search}` : e.request.url,
        kind,
        importer: kind === 'js' ? importerOf(e.initiator) : undefined,
        start: e.timestamp * 1000,
      });
    });
    const ended = (e) => {
      const r = byId.get(e.requestId);
      if (r) r.end = e.timestamp * 1000;
    };
    cdp.on('Network.loadingFinished', ended);
    cdp.on('Network.loadingFailed', ended);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
    // Polled every animation frame: the first frame with the options rendered, then the first
    // with nothing left loading (the slots of a pickup option, when it has them).
    await page.addInitScript(() => {
      window.__collect = new Promise((resolve) => {
        let options;
        const check = () => {
          const el = document.getElementById('collect');
          const root = el?.shadowRoot;
          if (el && root && el.status === 'ready' && root.querySelector('[part~=option]')) {
            options ??= performance.now();
            const slots = el.state.slots.status;
            if (slots !== 'loading' && (slots === 'none' || root.querySelector('[part~=slot], [part~=slots] [part~=message]'))) {
              return resolve({ options, final: performance.now(), slots, option: el.state.selected?.kind });
            }
          }
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    });
    await page.goto(`${app.url}/product.html?sku=${encodeURIComponent(sku)}`);
    const collect = await page.evaluate(() => window.__collect);
    // Requests that a final page still makes show up here too.
    await page.waitForTimeout(500);
    const all = [...byId.values()];
    const t0 = all.find((r) => r.kind === 'document').start;
    for (const r of all) {
      r.start -= t0;
      if (r.end !== undefined) r.end -= t0;
    }
    const counted = all.filter((r) => r.kind === 'document' || r.kind === 'js' || r.kind === 'api');
    const pageWaves = waves(counted, mayNeed);
    const api = counted.filter((r) => r.kind === 'api');
    // The API calls among themselves, as the badges page counts its data requests.
    const apiOnly = api.map((r) => ({ start: r.start, end: r.end }));
    return {
      collect,
      js: counted.filter((r) => r.kind === 'js').length,
      api: api.length,
      streams: all.filter((r) => r.kind === 'stream').length,
      other: all.filter((r) => r.kind === 'other').length,
      pageWaves,
      apiWaves: waves(apiOnly),
      apiWaveRange: api.length ? `${Math.min(...api.map((r) => r.wave))}-${Math.max(...api.map((r) => r.wave))}` : '-',
      requests: all.sort((a, b) => a.start - b.start),
    };
  } finally {
    await context.close();
  }
}

/** The per-wave list of one product page load. */
function printWaves(result) {
  const short = (r) => {
    const p = r.path.replace(/^\/cdn\//, 'cdn/');
    return p.length > 110 ? `${p.slice(0, 107)}...` : p;
  };
  const byWave = new Map();
  for (const r of result.requests) {
    const w = r.kind === 'document' || r.kind === 'js' || r.kind === 'api' ? r.wave : r.kind === 'stream' ? 'stream' : 'not counted';
    if (!byWave.has(w)) byWave.set(w, []);
    byWave.get(w).push(r);
  }
  const order = [...byWave.keys()].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'number' ? -1 : typeof b === 'number' ? 1 : 0));
  for (const w of order) {
    console.log(`  wave ${w}:`);
    for (const r of byWave.get(w)) {
      const end = r.end === undefined ? '   open' : `${r.end.toFixed(0).padStart(5)} ms`;
      const from = r.importer ? `  (imported by ${r.importer.replace(/^.*\/cdn\//, 'cdn/').replace(app.url, '')})` : '';
      console.log(`    ${r.kind.padEnd(8)} ${r.start.toFixed(0).padStart(5)} -> ${end}  ${short(r)}${from}`);
    }
  }
}

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
try {
  // The badges page's API waves at 48 badges: the anchor the product page is compared with.
  let anchor;
  if (pages.includes('badges')) {
    console.log(`\nTime to every badge final, ${latency} ms latency per request (Chromium ${browser.version()}, median of ${runs} runs, ${process.env.CDN_DIR ? `CDN ${cdnDir}` : 'this build'})\n`);
    console.log(`${'badges'.padEnd(8)}${'from navigation'.padStart(17)}${'from loader'.padStart(13)}${'data requests'.padStart(15)}${'waves'.padStart(7)}${'streams'.padStart(9)}`);
    for (const n of [48, 200]) {
      const skus = await apiSkus(n);
      await loadOnce(skus); // warm-up: server caches, Chromium
      const results = [];
      for (let i = 0; i < runs; i++) results.push(await loadOnce(skus));
      const m = (k) => median(results.map((r) => r[k]));
      anchor ??= { badges: n, waves: m('waves'), data: m('data') };
      console.log(
        `${String(n).padEnd(8)}${`${m('fromNavigation').toFixed(0)} ms`.padStart(17)}${`${m('fromLoader').toFixed(0)} ms`.padStart(13)}` +
          `${String(m('data')).padStart(15)}${String(m('waves')).padStart(7)}${String(m('streams')).padStart(9)}`,
      );
      console.log(`        requests of the last run: ${results.at(-1).paths.join(', ')}`);
    }
  }
  if (pages.includes('product')) {
    await loadProduct(productSku); // warm-up
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await loadProduct(productSku));
    const m = (f) => median(results.map(f));
    console.log(`\nThe storefront's product page (product.html?sku=${productSku}, first visit: the flagship store), ${latency} ms latency per request, median of ${runs} runs\n`);
    console.log(`  requests: ${m((r) => r.js)} JS files, ${m((r) => r.api)} API calls, ${m((r) => r.streams)} event stream, ${m((r) => r.other)} other (HTML document not counted; style sheet, images)`);
    console.log(`  waves: ${m((r) => r.pageWaves)} in all (document, scripts, API calls); the API calls among themselves ${m((r) => r.apiWaves)} (API calls in page waves ${results.at(-1).apiWaveRange})`);
    const last = results.at(-1).collect;
    console.log(`  click-collect options shown: ${m((r) => r.collect.options).toFixed(0)} ms from navigation; final (slots ${last.slots}, ${last.option} selected): ${m((r) => r.collect.final).toFixed(0)} ms`);
    console.log(`  per run (options / final, ms): ${results.map((r) => `${r.collect.options.toFixed(0)}/${r.collect.final.toFixed(0)}`).join(', ')}`);
    if (anchor) {
      const w = m((r) => r.apiWaves);
      console.log(`  anchor: the badges page (${anchor.badges} badges) makes ${anchor.data} API calls in ${anchor.waves} waves; the product page ${m((r) => r.api)} in ${w} (${w - anchor.waves >= 0 ? '+' : ''}${w - anchor.waves})`);
    }
    console.log('  the last run, wave by wave (start -> end, ms from the document request):');
    printWaves(results.at(-1));
  }
  console.log('');
} finally {
  await browser.close();
  await app.close();
}
