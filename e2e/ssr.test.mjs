// Server-side rendering (examples/ssr-node): the product page's widgets render on the server as
// declarative shadow DOM from the reference server's data, and hydrate in Chromium without a
// layout shift, a console error or a second read; live updates still arrive afterwards.
import assert from 'node:assert/strict';
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
