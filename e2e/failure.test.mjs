// When the API fails, every widget shows its quiet fallback and the host page records no
// uncaught error and no unhandled rejection. The API here is a tiny local server that
// misbehaves on purpose (or no server at all); the page comes from another local origin.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SEED_FIXTURES } from '@omnikit/server';
import { badgeStates, launchBrowser, priceStates, startBadApi, startStatic, watchPage } from './helpers.mjs';

let browser;
let site;

before(async () => {
  browser = await launchBrowser();
  site = await startStatic();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const f = SEED_FIXTURES;
const SKUS = [f.inStock.sku, f.lowStock.sku, f.outOfStockAvailableNearby.sku, f.notStocked.sku, f.onlineOnly.sku, f.inactive.sku];

// The browser reports failed requests in the console itself ("Failed to load resource",
// CORS/network errors); those are expected here and are not errors of the page's code.
const browserNetworkReport = (text) => /Failed to load resource|net::ERR_|ERR_CONNECTION_REFUSED|blocked by CORS/.test(text);

/**
 * `query` configures e2e/fixtures/widgets.html; `settle` is how long to keep watching after
 * the fallbacks show (retries and stream reconnects must not throw later either).
 */
async function expectFallbacks(mode, query, { timeout = 15_000, settle = 2_500 } = {}) {
  const api = await startBadApi(mode);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page, { allowConsole: browserNetworkReport });
  try {
    const started = Date.now();
    await page.goto(`${site.url}/widgets.html?api=${encodeURIComponent(api.url)}&skus=${SKUS.join(',')}&store=${f.defaultStoreId}&prices=1&${query}`);
    await page.waitForFunction(
      (n) => {
        const badges = [...document.querySelectorAll('omni-stock-badge')];
        const prices = [...document.querySelectorAll('omni-price')];
        return badges.length === n && prices.length === n && [...badges, ...prices].every((el) => el.shadowRoot && !el.matches(':state(loading)'));
      },
      SKUS.length,
      { timeout, polling: 50 },
    );
    const shownAfter = Date.now() - started;
    await page.waitForTimeout(settle);
    const badges = await badgeStates(page);
    const prices = await priceStates(page);
    console.log(`# ${mode}: fallbacks after ${shownAfter} ms; badges ${[...new Set(badges.map((b) => `${b.status} "${b.text}"`))].join(', ')}; prices ${[...new Set(prices)].join(', ')}`);
    for (const b of badges) {
      assert.equal(b.status, 'error', `${b.sku} badge`);
      assert.ok(b.text.length > 0, `${b.sku} badge shows a fallback text`);
    }
    for (const p of prices) assert.ok(p === 'error' || p === 'unavailable', `price state ${p}`);
    const seen = await problems.collect();
    assert.deepEqual(seen.pageErrors, [], 'uncaught errors');
    assert.deepEqual(seen.rejections, [], 'unhandled rejections');
    assert.deepEqual(seen.consoleErrors, [], 'console errors other than the browser reporting failed requests');
  } finally {
    await context.close();
    await api.close();
  }
}

test('API unreachable: every badge and price shows its fallback, nothing thrown', async () => {
  // The provider's own client, default timeout and retries (connection refused fails fast).
  await expectFallbacks('unreachable', '');
});

test('API answering malformed JSON: fallbacks, nothing thrown', async () => {
  await expectFallbacks('malformed', '');
});

test('API too slow (timeout): fallbacks, nothing thrown', async () => {
  // The default timeout is 10 s per attempt with 2 retries; the page gives the provider a
  // client with a 1 s timeout and no retry so the test does not wait half a minute.
  await expectFallbacks('slow', 'timeout=1000&retry=0');
});
