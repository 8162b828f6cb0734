// The CDN loader: a page downloads the shared chunk (with the core widgets: provider, badge,
// price) once, a tag of a widget family with a chunk of its own loads it on first appearance,
// and tags inside a host's shadow root load once the host calls observe() on it. The cart
// count is the first widget family with a chunk of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchPage, useAppAndBrowser } from './helpers.mjs';

const env = useAppAndBrowser();

test('the loader fetches the shared chunk and the core widgets\' chunk once, and nothing more as core tags appear', async () => {
  // The provider, badge and price ride in the shared chunk (packages/elements/rollup.config.mjs,
  // CORE_WIDGETS); the widget families after them get chunks of their own, loaded on first use.
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page);
  const chunks = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/cdn/')) chunks.push(path.slice(5));
  });
  const kinds = () => chunks.map((c) => c.replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, ''));
  try {
    await page.goto(`${env.app.url}/e2e/loader.html`);
    await page.waitForFunction(() => {
      const p = document.querySelector('omni-price');
      return p.shadowRoot && !p.matches(':state(loading)');
    });
    assert.deepEqual(kinds().sort(), ['omnikit', 'shared', 'shared-core']);

    // A badge added to the document later works with what is loaded: no further request.
    await page.evaluate(() => {
      const b = document.createElement('omni-stock-badge');
      b.setAttribute('sku', 'OK-10002');
      document.getElementById('provider').append(b);
    });
    await page.waitForFunction(() => {
      const b = document.querySelector('#provider > omni-stock-badge');
      return b.status && b.status !== 'loading';
    });
    assert.deepEqual(kinds().sort(), ['omnikit', 'shared', 'shared-core']);
    assertClean(await problems.collect());
  } finally {
    await context.close();
  }
});

test('<omni-cart-count> loads its own chunk once, only when its tag appears, and counts live', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page);
  const chunks = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/cdn/')) chunks.push(path.slice(5));
  });
  const kinds = () => chunks.map((c) => c.replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, ''));
  try {
    await page.goto(`${env.app.url}/e2e/loader.html`);
    await page.waitForFunction(() => {
      const p = document.querySelector('omni-price');
      return p.shadowRoot && !p.matches(':state(loading)');
    });
    assert.deepEqual(kinds().sort(), ['omnikit', 'shared', 'shared-core'], 'no cart chunk before the tag appears');
    assert.equal(await page.evaluate(() => !!customElements.get('omni-cart-count')), false);

    // Two counts in the header's link: one chunk request for both.
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++) {
        const a = document.createElement('a');
        a.href = '/cart';
        a.append(document.createElement('omni-cart-count'));
        document.getElementById('provider').append(a);
      }
    });
    await page.waitForFunction(() => [...document.querySelectorAll('omni-cart-count')].every((c) => c.status && c.status !== 'loading'));
    assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('omni-cart-count')].map((c) => c.status)), ['empty', 'empty']);
    // The count's widget chunk (with add-to-cart's and so its store: TOGETHER in the rollup
    // config) and the code every cart widget shares (cart-family).
    assert.deepEqual(kinds().sort(), ['add-to-cart-store', 'add-to-cart_cart-count-widgets', 'cart-family', 'omnikit', 'shared', 'shared-core']);

    // A page script adds to the cart through the provider's client: every count follows.
    await page.evaluate(async () => {
      const { cartOf } = await import('/cdn/sdk.js');
      await cartOf(document.getElementById('provider').client).addLine({ sku: 'OK-10001', quantity: 2, fulfillment: { type: 'delivery' } });
    });
    await page.waitForFunction(() => [...document.querySelectorAll('omni-cart-count')].every((c) => c.count === 2));
    const label = await page.evaluate(() => document.querySelector('omni-cart-count').shadowRoot.querySelector('[part=base]').getAttribute('aria-label'));
    assert.equal(label, 'Cart, 2 items');
    assert.equal(kinds().filter((k) => k === 'add-to-cart_cart-count-widgets').length, 1, 'the cart chunk is fetched once');
    // sdk.js exports every cart store, but loads no widget's chunk: no tag is defined by it.
    assert.deepEqual(await page.evaluate(() => ['omni-cart', 'omni-cart-handoff'].map((t) => !!customElements.get(t))), [false, false]);
    assert.deepEqual(kinds().filter((k) => ['cart', 'cart-handoff', 'cart_cart-handoff-widgets', 'add-to-cart'].includes(k)), []);
    assertClean(await problems.collect());
  } finally {
    await context.close();
  }
});

test('tags inside a shadow root render after observe(root), and load() resolves', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page);
  try {
    await page.goto(`${env.app.url}/e2e/loader.html`);
    await page.waitForFunction(() => !!customElements.get('omni-price'));
    const status = await page.evaluate(async () => {
      const { observe, load } = await import('/cdn/omnikit.js');
      const root = document.querySelector('shadow-host').shadowRoot;
      observe(root);
      await load('omni-stock-badge');
      const badge = root.querySelector('omni-stock-badge');
      for (let i = 0; i < 200 && (!badge.status || badge.status === 'loading'); i++) await new Promise((r) => setTimeout(r, 25));
      return badge.status;
    });
    assert.equal(status, 'in-stock');
    assertClean(await problems.collect());
  } finally {
    await context.close();
  }
});

test('omnikit.all.js alone defines every widget (one request, for kiosks and offline)', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = await watchPage(page);
  const cdn = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/cdn/')) cdn.push(path.slice(5));
  });
  try {
    await page.goto(`${env.app.url}/e2e/all.html`);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('omni-stock-badge, omni-price')].every((el) => el.shadowRoot && !el.matches(':state(loading)')),
    );
    const states = await page.evaluate(() => [...document.querySelectorAll('omni-stock-badge')].map((b) => b.status));
    assert.deepEqual(states, ['in-stock', 'low-stock']);
    assert.equal(await page.evaluate(() => !!customElements.get('omni-cart-count')), true, 'the cart count is defined too');
    assert.deepEqual(cdn, ['omnikit.all.js']);
    assertClean(await problems.collect());
  } finally {
    await context.close();
  }
});

function assertClean(p) {
  assert.deepEqual(p.pageErrors, [], 'uncaught errors');
  assert.deepEqual(p.rejections, [], 'unhandled rejections');
  assert.deepEqual(p.consoleErrors, [], 'console errors');
}
