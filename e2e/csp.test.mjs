// The widgets on pages with a strict Content-Security-Policy: no 'unsafe-inline', no
// 'unsafe-eval'. Lit styles through adoptedStyleSheets (not <style> elements), so
// style-src 'self' holds; any inline style attribute or eval would be reported as a violation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_FIXTURES } from '@omnikit/server';
import { badgeStates, priceStates, startStatic, waitForWidgets, watchPage, useAppAndBrowser } from './helpers.mjs';

const env = useAppAndBrowser();

const f = SEED_FIXTURES;

function assertNoViolations(p) {
  assert.deepEqual(p.cspViolations, [], 'CSP violations');
  assert.deepEqual(p.consoleErrors, [], 'console errors');
  assert.deepEqual(p.pageErrors, [], 'uncaught errors');
  assert.deepEqual(p.rejections, [], 'unhandled rejections');
}

test('widgets render under a strict CSP with the API on another origin', async () => {
  const csp = `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ${env.app.url}; img-src 'self' ${env.app.url}`;
  const site = await startStatic({ headers: { 'Content-Security-Policy': csp } });
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page);
  try {
    const skus = [f.inStock.sku, f.lowStock.sku, f.outOfStockAvailableNearby.sku, f.notStocked.sku, f.onlineOnly.sku, f.inactive.sku];
    const response = await page.goto(`${site.url}/widgets.html?api=${encodeURIComponent(env.app.url)}&store=${f.defaultStoreId}&prices=1&skus=${skus.join(',')}`);
    assert.equal(response.headers()['content-security-policy'], csp);
    await waitForWidgets(page, { min: skus.length * 2 });
    const badges = await badgeStates(page);
    console.log(`# strict CSP page: ${badges.map((b) => `${b.sku} ${b.status}`).join(', ')}`);
    // The seed's known pairs render their states (real data through a cross-origin API).
    const status = Object.fromEntries(badges.map((b) => [b.sku, b.status]));
    assert.equal(status[f.inStock.sku], 'in-stock');
    assert.equal(status[f.lowStock.sku], 'low-stock');
    assert.equal(status[f.outOfStockAvailableNearby.sku], 'nearby');
    assert.equal(status[f.onlineOnly.sku], 'online-only');
    assert.equal(status[f.inactive.sku], 'not-sold');
    assert.deepEqual(badges.filter((b) => b.status === 'error'), []);
    assert.deepEqual((await priceStates(page)).filter((s) => s === 'error' || s === 'loading'), []);
    // Styles apply: a badge has a laid-out, visible box (the stylesheet was not blocked).
    const box = await page.locator('omni-stock-badge').first().boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0);
    assertNoViolations(await problems.collect());
  } finally {
    await context.close();
    await site.close();
  }
});

test('the storefront example runs under a strict CSP', async () => {
  const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'";
  const context = await env.browser.newContext();
  const page = await context.newPage();
  // Serve the storefront's HTML documents with the policy added.
  await page.route(/\/(|index\.html|product\.html)(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  const problems = await watchPage(page);
  try {
    const response = await page.goto(`${env.app.url}/`);
    assert.equal(response.headers()['content-security-policy'], csp);
    await waitForWidgets(page, { min: 96 });
    assertNoViolations(await problems.collect());
    await page.goto(`${env.app.url}/product.html?sku=${f.inStock.sku}`);
    await waitForWidgets(page, { min: 5 });
    assertNoViolations(await problems.collect());
  } finally {
    await context.close();
  }
});
