// The storefront example against the real reference server in system Chromium: it loads
// clean, an admin stock change reaches an open badge within 1 s, the store selector moves
// every badge, and a 200-badge page stays within its request budget.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_FIXTURES } from '@omnikit/server';
import { waves } from '../bench/waves.mjs';
import { apiGet, badgeStates, priceStates, setStock, waitForWidgets, watchPage, useAppAndBrowser } from './helpers.mjs';

const env = useAppAndBrowser();

/** A fresh browser context: its own storage, so a selected store never leaks between tests. */
async function openPage(path, options) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page, options);
  await page.goto(`${env.app.url}${path}`);
  return { page, problems, close: () => context.close() };
}

function assertClean(p) {
  assert.deepEqual(p.pageErrors, [], 'uncaught errors');
  assert.deepEqual(p.rejections, [], 'unhandled rejections');
  assert.deepEqual(p.consoleErrors, [], 'console errors');
  assert.deepEqual(p.cspViolations, [], 'CSP violations');
}

test('the category page loads with 48 products, every widget resolves, no console error', async () => {
  const { page, problems, close } = await openPage('/');
  try {
    await waitForWidgets(page, { min: 96 });
    const badges = await badgeStates(page);
    assert.equal(badges.length, 48);
    assert.deepEqual(badges.filter((b) => b.status === 'error' || b.status === 'loading'), []);
    assert.equal(await page.locator('.product-card img').count(), 48);
    const prices = await priceStates(page);
    assert.deepEqual(prices.filter((s) => !['ready', 'sale', 'unavailable'].includes(s)), []);
    // The product list came from the API: names as the API has them.
    const first = (await apiGet(env.app.url, '/v1/products?page=1&pageSize=1')).items[0];
    assert.equal(await page.locator('.product-name').first().textContent(), first.name);
    assertClean(await problems.collect());
  } finally {
    await close();
  }
});

test('the product page shows stock in every store, no console error', async () => {
  const { sku } = SEED_FIXTURES.outOfStockAvailableNearby;
  const { page, problems, close } = await openPage(`/product.html?sku=${sku}`);
  try {
    const stores = (await apiGet(env.app.url, '/v1/stores')).items.filter((s) => s.type === 'store');
    // The detail badge and price, one badge for online, one per store.
    await waitForWidgets(page, { min: 2 + 1 + stores.length });
    const badges = await badgeStates(page);
    const byStore = new Map(badges.filter((b) => b.store).map((b) => [b.store, b]));
    assert.equal(byStore.size, stores.length + 1);
    // The seed's known pairs show what the data says; a row of the store list just says out
    // of stock (`nearby="off"`), the detail badge points to the stores nearby.
    assert.equal(byStore.get(SEED_FIXTURES.outOfStockAvailableNearby.storeId).status, 'out-of-stock');
    assert.equal(byStore.get(SEED_FIXTURES.outOfStockAvailableNearby.nearbyStoreId).status, 'in-stock');
    assert.deepEqual(badges.filter((b) => b.status === 'error'), []);
    assertClean(await problems.collect());
  } finally {
    await close();
  }
});

test('an admin stock change shows in an open badge within 1 s, without reload', async () => {
  const { sku, storeId } = SEED_FIXTURES.inStock;
  const { page, problems, close } = await openPage(`/product.html?sku=${sku}`);
  try {
    await waitForWidgets(page, { min: 5 });
    // The widgets are final before the page's event stream is certainly open, and a change made
    // in between is only caught up by the next re-read (see the notes of stop 7): wait until a
    // change arrives live before timing any.
    for (let quantity = 39; ; quantity--) {
      const started = Date.now();
      await setStock(env.app.url, { sku, storeId, quantity });
      const arrived = await page.waitForFunction(
        ({ sku, storeId, quantity, started }) =>
          window.__omni.events.some((e) => e.sku === sku && e.storeId === storeId && e.available === quantity && e.at >= started),
        { sku, storeId, quantity, started },
        { timeout: 1_500, polling: 10 },
      ).then(() => true, () => false);
      if (arrived) break;
      assert.ok(quantity > 30, 'no live change arrived within 10 tries');
    }
    const timings = [];
    // Several changes in a row, each one timed from the admin request to the badge's change event.
    for (const quantity of [3, 0, 17, 1, 40]) {
      const started = Date.now();
      await setStock(env.app.url, { sku, storeId, quantity });
      const handle = await page.waitForFunction(
        ({ sku, storeId, quantity, started }) =>
          window.__omni.events.find((e) => e.sku === sku && e.storeId === storeId && e.available === quantity && e.at >= started),
        { sku, storeId, quantity, started },
        { timeout: 5_000, polling: 10 },
      );
      const event = await handle.jsonValue();
      timings.push(event.at - started);
      // The text on screen follows the event.
      const row = (await badgeStates(page)).find((b) => b.store === storeId);
      assert.equal(row.status, quantity === 0 ? 'out-of-stock' : quantity <= 5 ? 'low-stock' : 'in-stock', `after quantity ${quantity}`);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(`# live update, admin PUT -> badge change event: ${timings.join(', ')} ms (median ${sorted[2]} ms, max ${sorted[4]} ms)`);
    assert.ok(sorted[4] < 1000, `slowest live update took ${sorted[4]} ms`);
    assertClean(await problems.collect());
  } finally {
    await close();
  }
});

test('changing the store selector updates every badge, and the choice is remembered', async () => {
  const { page, problems, close } = await openPage('/');
  try {
    await waitForWidgets(page, { min: 96 });
    const storeId = SEED_FIXTURES.nearbyStoreId;
    await page.waitForFunction((id) => !!document.querySelector(`#store option[value="${id}"]`), storeId);
    await page.selectOption('#store', storeId);
    // Every badge reports stock for the new store.
    await page.waitForFunction(
      (storeId) => {
        const skus = [...document.querySelectorAll('omni-stock-badge')].map((b) => b.getAttribute('sku'));
        return skus.every((sku) => window.__omni.events.some((e) => e.sku === sku && e.storeId === storeId));
      },
      storeId,
      { timeout: 5_000 },
    );
    await waitForWidgets(page, { min: 96 });
    const badges = await badgeStates(page);
    // And what it reports is what the API says for that store.
    const skus = badges.map((b) => b.sku);
    const grid = await apiGet(env.app.url, `/v1/availability?skus=${skus.join(',')}&stores=${storeId}`);
    const expected = { in_stock: 'in-stock', low_stock: 'low-stock' };
    let compared = 0;
    for (const a of grid.items) {
      if (!expected[a.status]) continue; // out of stock here: nearby/online logic, covered elsewhere
      const badge = badges.find((b) => b.sku === a.sku);
      // A product not sold any more shows as such whatever the stock says.
      if (badge.status === 'not-sold') continue;
      assert.equal(badge.status, expected[a.status], `${a.sku} at ${storeId}`);
      compared++;
    }
    assert.ok(compared > 10, `compared ${compared} badges`);

    // Reload: the selected store is remembered and the badges use it from the start.
    await page.reload();
    await waitForWidgets(page, { min: 96 });
    assert.equal(await page.inputValue('#store'), storeId);
    // Back to online only.
    await page.selectOption('#store', '');
    await page.waitForFunction(
      () => {
        const skus = [...document.querySelectorAll('omni-stock-badge')].map((b) => b.getAttribute('sku'));
        return skus.every((sku) => window.__omni.events.some((e) => e.sku === sku && e.storeId === 'online'));
      },
      undefined,
      { timeout: 5_000 },
    );
    assertClean(await problems.collect());
  } finally {
    await close();
  }
});

test('a page with 200 badges is final after at most 3 data requests in at most 2 waves, with 1 event stream', async () => {
  const products = [
    ...(await apiGet(env.app.url, '/v1/products?page=1&pageSize=100')).items,
    ...(await apiGet(env.app.url, '/v1/products?page=2&pageSize=100')).items,
  ];
  assert.equal(products.length, 200);
  const skus = products.map((p) => p.sku);
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page);
  const requests = [];
  // Streams open at once: a stream request counts until it finishes or is aborted.
  let openStreams = 0;
  let maxOpenStreams = 0;
  const isStream = (r) => new URL(r.url()).pathname === '/v1/events';
  const byRequest = new Map();
  page.on('request', (r) => {
    const entry = { method: r.method(), url: new URL(r.url()), start: performance.now() };
    byRequest.set(r, entry);
    requests.push(entry);
    if (isStream(r)) maxOpenStreams = Math.max(maxOpenStreams, ++openStreams);
  });
  const ended = (r) => {
    const entry = byRequest.get(r);
    if (entry) entry.end = performance.now();
    if (isStream(r)) openStreams--;
  };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  try {
    await page.goto(`${env.app.url}/e2e/widgets.html?store=${SEED_FIXTURES.defaultStoreId}&skus=${skus.join(',')}`);
    await waitForWidgets(page, { min: 200, timeout: 20_000 });
    // Let late requests (polls, second looks) show up before counting.
    await page.waitForTimeout(1_000);
    const api = requests.filter((r) => r.url.pathname.startsWith('/v1/'));
    const data = api.filter((r) => r.url.pathname !== '/v1/events');
    const count = (pred) => api.filter(pred).length;
    const counts = {
      'availability (batch)': count((r) => r.url.pathname === '/v1/availability'),
      'availability/nearest': count((r) => r.url.pathname === '/v1/availability/nearest'),
      'events (streams)': count((r) => r.url.pathname === '/v1/events'),
      products: count((r) => r.url.pathname.startsWith('/v1/products')),
      stores: count((r) => r.url.pathname.startsWith('/v1/stores')),
      'data requests': data.length,
      'sequential waves': waves(data),
      'event streams open at once (max)': maxOpenStreams,
    };
    const states = (await badgeStates(page)).reduce((m, b) => ({ ...m, [b.status]: (m[b.status] ?? 0) + 1 }), {});
    console.log(`# 200 badges at ${SEED_FIXTURES.defaultStoreId}: ${JSON.stringify(counts)}; badge states ${JSON.stringify(states)}`);
    assert.ok(counts['data requests'] <= 3, `${counts['data requests']} data requests: ${data.map((r) => r.url.pathname).join(', ')}`);
    assert.ok(counts['sequential waves'] <= 2, `${counts['sequential waves']} waves`);
    assert.equal(counts['events (streams)'], 1);
    assert.equal(maxOpenStreams, 1);
    // The nearby look is exercised, not skipped: some badges name a store nearby.
    assert.ok((states.nearby ?? 0) > 0, 'no badge shows stores nearby');
    assert.equal(states.loading ?? 0, 0);
    assert.equal(states.error ?? 0, 0);
    assertClean(await problems.collect());
  } finally {
    await context.close();
  }
});
