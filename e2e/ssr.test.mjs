// Server-side rendering (examples/ssr-node): the product page's widgets render on the server as
// declarative shadow DOM from the reference server's data, and hydrate in Chromium without a
// layout shift, a console error or a second read; live updates still arrive afterwards.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { SEED_FIXTURES } from '@omnikit/server';
import { createSsrServer } from '../examples/ssr-node/server.mjs';
import { launchBrowser, setStock, startApp, watchPage } from './helpers.mjs';

const env = { app: undefined, browser: undefined };
let ssr;
let base;
before(async () => {
  env.app = await startApp();
  env.browser = await launchBrowser();
  ssr = await createSsrServer({ api: env.app.url, store: SEED_FIXTURES.defaultStoreId });
  await new Promise((resolve) => ssr.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${ssr.address().port}`;
});
after(async () => {
  await new Promise((resolve) => (ssr ? ssr.close(resolve) : resolve()));
  await env.browser?.close();
  await env.app?.close();
});

const shadowText = (page, selector) => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.querySelector('[part~=base]')?.textContent.replace(/\s+/g, ' ').trim() ?? null, selector);

test('badge and price text are in the page before any script runs', async () => {
  const { sku } = SEED_FIXTURES.lowStock;
  const html = await (await fetch(`${base}/product/${sku}`)).text();
  assert.match(html, /<omni-stock-badge[^>]*id="badge"[^>]*><template shadowroot="open" shadowrootmode="open">/);
  assert.match(html, /<script type="application\/json" id="omnikit-reads">/);
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    // No script at all: what the parser made of the HTML is what a shopper sees first.
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(`${base}/product/${sku}`);
    assert.equal(await page.evaluate(() => customElements.get('omni-stock-badge')), undefined, 'no widget code ran');
    assert.equal(await shadowText(page, '#badge'), 'Only 2 left');
    assert.match(await shadowText(page, '#price'), /kr/);
    // The stock table's rows are rendered too, each at its store.
    const rows = await page.evaluate(() => [...document.querySelectorAll('td omni-stock-badge')].map((b) => b.shadowRoot?.querySelector('[part~=base]')?.textContent.trim()));
    assert.equal(rows.length, SEED_FIXTURES.storeCount);
    assert.ok(rows.every((t) => t && !/Checking/.test(t)), `rows: ${rows}`);
  } finally {
    await context.close();
  }
});

test('hydrates without layout shift, console error or a second read; live updates still arrive', async () => {
  const { sku, storeId } = SEED_FIXTURES.inStock;
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const api = [];
    page.on('request', (r) => {
      if (r.url().startsWith(env.app.url)) api.push(new URL(r.url()).pathname);
    });
    await page.goto(`${base}/product/${sku}`);
    assert.match(await shadowText(page, '#badge'), /^In stock: \d+$/);
    // Hydrated: the badge's custom state is set after its first client update.
    await page.waitForFunction(() => document.querySelector('#badge')?.matches(':state(in-stock)') && document.querySelector('#price')?.matches(':state(ready)'), null, { timeout: 10_000 });
    assert.match(await shadowText(page, '#badge'), /^In stock: \d+$/);
    // Every row badge hydrated in the state the server rendered.
    const rows = await page.evaluate(() => [...document.querySelectorAll('td omni-stock-badge')].map((b) => b.status));
    assert.ok(rows.length && !rows.includes('loading') && !rows.includes('error'), `rows: ${rows}`);
    // Hydration moved nothing (measured before the live change below, which may resize a badge).
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.equal(await page.evaluate(() => window.__shift), 0, 'layout shift');
    // Live: the event stream opens (the one request the page makes), then an admin change arrives.
    await page.waitForFunction(() => document.querySelector('omni-provider').client.$connection.get().status === 'open', null, { timeout: 10_000 });
    await setStock(env.app.url, { sku, storeId, quantity: 3 });
    await page.waitForFunction(() => document.querySelector('#badge').status === 'low-stock', null, { timeout: 5_000 });
    assert.equal(await shadowText(page, '#badge'), 'Only 3 left');
    assert.deepEqual(api.filter((p) => p !== '/v1/events'), [], 'no read after hydration: the page came with its data');
    assert.equal(api.filter((p) => p === '/v1/events').length, 1, 'one event stream');
    const p = await problems.collect();
    assert.deepEqual(p.pageErrors, [], 'uncaught errors');
    assert.deepEqual(p.rejections, [], 'unhandled rejections');
    assert.deepEqual(p.consoleErrors, [], 'console errors');
    await setStock(env.app.url, { sku, storeId, quantity: SEED_FIXTURES.inStock.onHand });
  } finally {
    await context.close();
  }
});

test('a widget whose state changed before hydration shows the new state once, without an error', async () => {
  const { sku, storeId } = SEED_FIXTURES.inStock;
  // The page as the server rendered it (in stock), without its snapshot, then the store sells
  // out before the browser reads: the client's first state differs from the server's.
  const html = (await (await fetch(`${base}/product/${sku}`)).text())
    .replace(/<script type="application\/json" id="omnikit-reads">.*?<\/script>/s, '');
  const script = await (await fetch(`${base}/ssr-client.js`)).text();
  await setStock(env.app.url, { sku, storeId, quantity: 0 });
  const stale = createServer((req, res) =>
    req.url === '/ssr-client.js' ? res.writeHead(200, { 'content-type': 'text/javascript' }).end(script) : res.writeHead(200, { 'content-type': 'text/html' }).end(html),
  );
  await new Promise((resolve) => stale.listen(0, '127.0.0.1', resolve));
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    const problems = await watchPage(page);
    await page.goto(`http://127.0.0.1:${stale.address().port}/`);
    await page.waitForFunction(() => ['nearby', 'out-of-stock'].includes(document.querySelector('#badge')?.status), null, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('#badge').shadowRoot.querySelector('[part~=base]')?.textContent.includes('Out'), null, { timeout: 5_000 });
    const parts = await page.evaluate(() => document.querySelector('#badge').shadowRoot.querySelectorAll('[part~=base]').length);
    assert.equal(parts, 1, 'the server DOM was replaced, not kept beside the new one');
    // The rows whose stock did not change hydrated as they were.
    const rows = await page.evaluate(() => [...document.querySelectorAll('td omni-stock-badge')].map((b) => b.shadowRoot.querySelectorAll('[part~=base]').length));
    assert.ok(rows.length && rows.every((n) => n === 1), `rows: ${rows}`);
    const p = await problems.collect();
    assert.deepEqual(p.pageErrors, [], 'uncaught errors');
    assert.deepEqual(p.consoleErrors, [], 'console errors');
  } finally {
    await setStock(env.app.url, { sku, storeId, quantity: SEED_FIXTURES.inStock.onHand });
    await context.close();
    await new Promise((resolve) => stale.close(resolve));
  }
});
