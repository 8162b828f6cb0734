// Twenty tabs of the storefront in one Chromium context, over HTTP/1.1 (six connections per
// host, shared by the pages, their scripts and the API): every tab loads and its badges become
// final, an admin change shows in every tab (a hidden one as soon as it is shown), and the
// server holds one event stream for the whole browser, none while every tab is hidden (issue 14).
//
// The browser talks to the server through a small counting proxy on 127.0.0.1, so the test
// reads how many `/v1/events` streams are open at any moment, as the server sees them.
import assert from 'node:assert/strict';
import { createServer, request, Agent } from 'node:http';
import { after, before, test } from 'node:test';
import { apiGet, launchBrowser, setStock, startApp, waitForWidgets, watchPage } from './helpers.mjs';

const TABS = 20;
const CATEGORY_TABS = 12; // the rest are product pages, one SKU each
const FLAGSHIP = 'se-stockholm-drottninggatan'; // the store a first visit shows (app.js)

/** A pass-through proxy that counts the event streams open through it. */
function startCountingProxy(target) {
  const up = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const streams = { open: 0, max: 0, opened: 0 };
  const server = createServer((req, res) => {
    const stream = req.url.startsWith('/v1/events') && req.method !== 'OPTIONS';
    const out = request({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers, agent }, (ur) => {
      res.writeHead(ur.statusCode, ur.headers);
      ur.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
    res.on('close', () => out.destroy());
    if (stream) {
      streams.opened++;
      streams.max = Math.max(streams.max, ++streams.open);
      res.on('close', () => streams.open--);
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        streams,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          agent.destroy();
          server.close(() => done());
        }),
      }),
    ),
  );
}

async function eventually(cond, what, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// A tab can be hidden and shown from the test: headless Chromium reports every page as visible,
// so the page's visibility is overridden (before any page script runs) and switched on demand.
function visibilityOverride() {
  let hidden = false;
  Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => hidden });
  window.__setHidden = (h) => {
    hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  };
}

const env = {};
before(async () => {
  env.app = await startApp();
  env.proxy = await startCountingProxy(env.app.url);
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.proxy?.close();
  await env.app?.close();
});

test('twenty tabs of the storefront share one event stream, stay usable, and all show a change', async () => {
  const { url } = env.proxy;
  const streams = env.proxy.streams;
  const context = await env.browser.newContext();
  await context.addInitScript(visibilityOverride);
  // SKUs of the category page's first page that are in stock at the flagship store: a change
  // to 2 units makes each one's badge move, in every tab that shows it.
  const products = (await apiGet(env.app.url, '/v1/products?page=1&pageSize=48')).items;
  const stock = (await apiGet(env.app.url, `/v1/availability?skus=${products.map((p) => p.sku).join(',')}&stores=${FLAGSHIP}`)).items;
  const skus = stock.filter((a) => a.available > 10).map((a) => a.sku).slice(0, TABS - CATEGORY_TABS);
  assert.equal(skus.length, TABS - CATEGORY_TABS, 'enough in-stock SKUs on the first page');

  const tabs = [];
  try {
    for (let i = 0; i < TABS; i++) {
      const page = await context.newPage();
      const problems = await watchPage(page);
      const sku = i < CATEGORY_TABS ? undefined : skus[i - CATEGORY_TABS];
      const started = Date.now();
      await page.goto(sku ? `${url}/product.html?sku=${sku}` : `${url}/`, { timeout: 20_000 });
      await waitForWidgets(page, { min: sku ? 4 : 96, timeout: 20_000 });
      tabs.push({ page, problems, sku, loadMs: Date.now() - started });
    }
    console.log(`# tabs final in ms: ${tabs.map((t) => t.loadMs).join(' ')}`);
    await eventually(() => streams.open === 1, 'one stream for the browser');
    console.log(`# streams open for ${TABS} tabs: ${streams.open} (most at once: ${streams.max}, opened in all: ${streams.opened})`);

    // Half the tabs go to the background; every SKU gets a change.
    const hidden = tabs.slice(TABS / 2);
    for (const t of hidden) await t.page.evaluate(() => window.__setHidden(true));
    const changedAt = Date.now();
    for (const sku of skus) await setStock(env.app.url, { sku, storeId: FLAGSHIP, quantity: 2 });
    const shows = (t, sku) =>
      t.page.evaluate(({ sku, store, at }) => window.__omni.events.some((e) => e.sku === sku && e.storeId === store && e.available === 2 && e.at >= at), { sku, store: FLAGSHIP, at: changedAt });
    const expected = (t) => (t.sku ? [t.sku] : skus);
    // Visible tabs: live, through the one stream.
    for (const t of tabs.slice(0, TABS / 2)) for (const sku of expected(t)) await eventually(() => shows(t, sku), `${sku} in a visible tab`, 5_000);
    assert.equal(streams.open, 1, 'still one stream');
    // Hidden tabs catch up as soon as they are shown.
    for (const t of hidden) {
      const shownAt = Date.now();
      await t.page.evaluate(() => window.__setHidden(false));
      for (const sku of expected(t)) await eventually(() => shows(t, sku), `${sku} in a tab just shown`, 3_000);
      t.catchUpMs = Date.now() - shownAt;
    }
    console.log(`# shown tabs caught up in ms: ${hidden.map((t) => t.catchUpMs).join(' ')}`);

    // Every tab hidden: no stream at all. One shown again: one stream.
    for (const t of tabs) await t.page.evaluate(() => window.__setHidden(true));
    await eventually(() => streams.open === 0, 'no stream while every tab is hidden');
    await tabs[5].page.evaluate(() => window.__setHidden(false));
    await eventually(() => streams.open === 1, 'one stream once a tab is shown');
    for (const t of tabs) await t.page.evaluate(() => window.__setHidden(false));

    // The tab holding the stream closes (the first one opened, or whichever holds it now): the
    // stream moves to another tab and changes still reach every tab.
    const first = tabs.shift();
    await first.page.close();
    await eventually(() => streams.open === 1, 'one stream after the first tab closed');
    const sku = skus[0];
    const again = Date.now();
    await setStock(env.app.url, { sku, storeId: FLAGSHIP, quantity: 7 });
    for (const t of tabs.filter((t) => !t.sku || t.sku === sku)) {
      await eventually(
        () => t.page.evaluate(({ sku, store, at }) => window.__omni.events.some((e) => e.sku === sku && e.storeId === store && e.available === 7 && e.at >= at), { sku, store: FLAGSHIP, at: again }),
        'the change after the hand-over',
        5_000,
      );
    }
    console.log(`# streams open after the hand-over: ${streams.open} (opened in all: ${streams.opened})`);

    for (const t of tabs) {
      const p = await t.problems.collect();
      assert.deepEqual(p.pageErrors, [], 'uncaught errors');
      assert.deepEqual(p.rejections, [], 'unhandled rejections');
      assert.deepEqual(p.consoleErrors, [], 'console errors');
    }
  } finally {
    await context.close();
  }
});
