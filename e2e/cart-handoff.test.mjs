// The cart handed from a kiosk to a phone, end to end in Chromium against the real reference
// server (issue #8): a kiosk-channel page adds 3 lines with <omni-add-to-cart> and shows a code
// with <omni-cart-handoff>; a second browser context (the shopper's phone, the storefront's
// cart page) resumes by that code, sees the same lines and prices in <omni-cart> and adds one;
// the kiosk shows 4 lines without a reload, within 1 s (measured and printed).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_FIXTURES } from '@omnikit/server';
import { PUBLISHABLE_KEY, axeViolations, useAppAndBrowser, watchPage } from './helpers.mjs';

const env = useAppAndBrowser();
const STORE = SEED_FIXTURES.defaultStoreId;

/**
 * The kiosk: one store, the kiosk channel, three products to add (taken off the shelf now,
 * picked up later at this store, delivered home), the cart and the handoff. Served on the
 * server's origin by the test (the storefront example is a web shop, the kiosk example is
 * another issue's).
 */
const kioskHtml = (skus) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Kiosk · Nordvik</title>
  <link rel="stylesheet" href="/styles.css">
  <script type="module" src="/cdn/omnikit.js"></script>
</head>
<body>
  <omni-provider api="/" key="${PUBLISHABLE_KEY}" channel="kiosk" store="${STORE}" locale="en-SE" currency="SEK">
    <main>
      <h1>Nordvik kiosk</h1>
      <ul>
        <li><omni-add-to-cart id="add-0" sku="${skus[0]}" fulfillment="take_now"></omni-add-to-cart></li>
        <li><omni-add-to-cart id="add-1" sku="${skus[1]}" fulfillment="pickup"></omni-add-to-cart></li>
        <li><omni-add-to-cart id="add-2" sku="${skus[2]}" fulfillment="delivery"></omni-add-to-cart></li>
      </ul>
      <omni-cart id="cart"></omni-cart>
      <omni-cart-handoff id="handoff"></omni-cart-handoff>
    </main>
  </omni-provider>
</body>
</html>`;

function assertClean(p) {
  assert.deepEqual(p.pageErrors, [], 'uncaught errors');
  assert.deepEqual(p.rejections, [], 'unhandled rejections');
  assert.deepEqual(p.consoleErrors, [], 'console errors');
  assert.deepEqual(p.cspViolations, [], 'CSP violations');
}

/** Waits until every `selector` widget on the page is upgraded and past loading. */
function settled(page, selector, { timeout = 10_000 } = {}) {
  return page.waitForFunction(
    (selector) => {
      const all = [...document.querySelectorAll(selector)];
      return all.length > 0 && all.every((el) => customElements.get(el.localName) && el.shadowRoot && !el.matches(':state(loading)'));
    },
    selector,
    { timeout, polling: 50 },
  );
}

/** Presses an add-to-cart button and waits for its omni-add-to-cart event; `clickedAt` is when the press began. */
async function add(page, selector) {
  await settled(page, selector);
  await page.evaluate((selector) => {
    window.__added = new Promise((resolve) =>
      document.querySelector(selector).addEventListener('omni-add-to-cart', (e) => resolve({ at: Date.now(), sku: e.line.sku, fulfillment: e.line.fulfillment.type }), { once: true }),
    );
  }, selector);
  const clickedAt = Date.now();
  await page.locator(selector).locator('[part~="base"]').click();
  return { clickedAt, ...(await page.evaluate(() => window.__added)) };
}

/** The SDK's view of the page's cart (the client <omni-provider> made). */
function sdkCart(page) {
  return page.evaluate(async () => {
    const { cartOf } = await import('/cdn/sdk.js');
    await customElements.whenDefined('omni-provider');
    const c = cartOf(document.querySelector('omni-provider').client).$cart.get();
    return c && { id: c.id, version: c.version, channels: c.channels, lines: c.lines.length, total: c.totals.total };
  });
}

/** What <omni-cart> shows of each line: name, unit price, quantity, line total; and the totals. */
function cartShown(page, selector = 'omni-cart') {
  return page.evaluate((selector) => {
    const cart = document.querySelector(selector);
    const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim();
    return {
      lines: [...cart.shadowRoot.querySelectorAll('[part~="line"]')].map((l) => ({
        name: text(l.querySelector('[part~="name"]')),
        price: text(l.querySelector('[part~="price"]')),
        quantity: l.querySelector('[part~="stepper"] input')?.value,
        total: text(l.querySelector('[part~="line-total"]')),
      })),
      totals: text(cart.shadowRoot.querySelector('[part~="totals"]')),
    };
  }, selector);
}

/** Asks the kiosk's <omni-cart-handoff> for a code ("Continue on another device"); resolves to the code as shown. */
async function showCode(page) {
  await settled(page, '#handoff');
  await page.locator('#handoff [part~="show"] [part~="button"]').click();
  const code = page.locator('#handoff [part~="code"]');
  await code.waitFor({ timeout: 5_000 });
  // The QR code is drawn too (its encoder loads only now).
  await page.locator('#handoff svg[part~="qr"]').waitFor({ timeout: 5_000 });
  return (await code.textContent()).trim();
}

/** Types a code into the page's <omni-cart-handoff> field and opens the cart. */
async function resumeByCode(page, code) {
  await settled(page, 'omni-cart-handoff');
  const resumed = page.evaluate(() => new Promise((resolve) => document.addEventListener('omni-cart-resume', (e) => resolve(e.cart.id), { once: true })));
  await page.locator('omni-cart-handoff [part~="input"]').fill(code);
  await page.locator('omni-cart-handoff [part~="resume"] [part~="button"]').click();
  return resumed;
}

const lineCount = (page, n) =>
  page.waitForFunction((n) => document.querySelector('omni-cart')?.shadowRoot?.querySelectorAll('[part~="line"]').length === n, n, { timeout: 5_000, polling: 10 });

test('handoff: a kiosk adds 3 lines and shows a code; a phone resumes by the code, sees the same lines and prices and adds one; the kiosk shows 4 lines within 1 s', async () => {
  const skus = [SEED_FIXTURES.inStock.sku, SEED_FIXTURES.reducedVat.sku, SEED_FIXTURES.lowVat.sku];
  const kioskContext = await env.browser.newContext({ viewport: { width: 1080, height: 1600 } });
  await kioskContext.route(`${env.app.url}/kiosk.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: kioskHtml(skus) }));
  const phoneContext = await env.browser.newContext({ viewport: { width: 360, height: 800 }, isMobile: true, hasTouch: true });
  try {
    const kiosk = await kioskContext.newPage();
    const kioskProblems = await watchPage(kiosk);
    const phone = await phoneContext.newPage();
    const phoneProblems = await watchPage(phone);

    // The kiosk: three lines, each with its fulfilment.
    await kiosk.goto(`${env.app.url}/kiosk.html`);
    for (const [i, type] of ['take_now', 'pickup', 'delivery'].entries()) {
      const e = await add(kiosk, `#add-${i}`);
      assert.equal(e.sku, skus[i]);
      assert.equal(e.fulfillment, type);
    }
    await lineCount(kiosk, 3);
    const code = await showCode(kiosk);
    assert.match(code.replace(/-/g, ''), /^[A-Z2-9]{8}$/, `code ${code}`);
    assert.deepEqual(await axeViolations(kiosk), [], 'axe on the kiosk with its code');

    // The phone: the storefront's cart page, the code typed into the handoff's field.
    await phone.goto(`${env.app.url}/cart.html`);
    await settled(phone, '#cart');
    const resumedId = await resumeByCode(phone, code);
    await lineCount(phone, 3);
    const onKiosk = await cartShown(kiosk, '#cart');
    const onPhone = await cartShown(phone, '#cart');
    assert.equal(onPhone.lines.length, 3);
    assert.deepEqual(onPhone, onKiosk, 'the same lines, quantities, prices and totals on both');
    const [kioskCart, phoneCart] = [await sdkCart(kiosk), await sdkCart(phone)];
    assert.equal(phoneCart.id, kioskCart.id, 'one cart');
    assert.equal(resumedId, kioskCart.id, 'omni-cart-resume names the cart');
    assert.deepEqual(phoneCart.channels, ['kiosk', 'web'], 'the cart records both channels');
    assert.deepEqual(await axeViolations(phone), [], 'axe on the phone with the resumed cart');

    // Before timing: the kiosk's event stream is open and the kiosk has seen the resume.
    await kiosk.waitForFunction(() => document.querySelector('omni-provider').client.$connection.get().status === 'open', undefined, { timeout: 5_000 });
    for (const deadline = Date.now() + 5_000; (await sdkCart(kiosk)).version < phoneCart.version; ) {
      assert.ok(Date.now() < deadline, 'the kiosk never saw the resume');
      await kiosk.waitForTimeout(20);
    }

    // The phone adds a fourth line from a product page; the kiosk shows it without a reload.
    await phone.goto(`${env.app.url}/product.html?sku=${SEED_FIXTURES.lowStock.sku}`);
    const e = await add(phone, '#add');
    assert.equal(e.sku, SEED_FIXTURES.lowStock.sku);
    await lineCount(kiosk, 4);
    const shownAt = Date.now();
    const ms = shownAt - e.clickedAt;
    console.log(`# handoff: phone presses add -> kiosk shows 4 lines in ${ms} ms (the add answered after ${e.at - e.clickedAt} ms, then ${shownAt - e.at} ms to the kiosk's screen)`);
    assert.ok(ms < 1_000, `the kiosk took ${ms} ms`);
    assert.equal(await kiosk.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload');
    assert.equal((await sdkCart(kiosk)).lines, 4);

    // More changes from the phone, each timed to the kiosk's screen: the delivered line's +.
    await phone.goto(`${env.app.url}/cart.html`);
    await settled(phone, '#cart');
    const name = (await cartShown(kiosk, '#cart')).lines.find((l) => l.quantity === '1' && l.name)?.name;
    const quantityOn = (page) =>
      page.evaluate((name) => {
        const line = [...document.querySelector('#cart').shadowRoot.querySelectorAll('[part~="line"]')].find((l) => l.querySelector('[part~="name"]').textContent.trim() === name);
        return Number(line?.querySelector('[part~="stepper"] input').value);
      }, name);
    const timings = [];
    for (let step = 0; step < 5; step++) {
      const next = (await quantityOn(phone)) + 1;
      const plus = phone.locator('#cart [part~="line"]', { has: phone.locator('[part~="name"]', { hasText: name }) }).locator('[part~="stepper"] button').last();
      const started = Date.now();
      await plus.click();
      await kiosk.waitForFunction(
        ({ name, next }) => {
          const line = [...document.querySelector('#cart').shadowRoot.querySelectorAll('[part~="line"]')].find((l) => l.querySelector('[part~="name"]').textContent.trim() === name);
          return Number(line?.querySelector('[part~="stepper"] input').value) === next;
        },
        { name, next },
        { timeout: 5_000, polling: 10 },
      );
      timings.push(Date.now() - started);
      await phone.waitForFunction((n) => document.querySelector('#cart').matches(':state(ready)'), next);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(`# handoff: phone's + -> kiosk's quantity: ${timings.join(', ')} ms (median ${sorted[2]} ms, max ${sorted[4]} ms)`);
    assert.ok(sorted[4] < 1_000, `slowest: ${sorted[4]} ms`);
    assert.equal(await kiosk.evaluate(() => performance.getEntriesByType('navigation').length), 1, 'no reload');
    assertClean(await kioskProblems.collect());
    assertClean(await phoneProblems.collect());
  } finally {
    await kioskContext.close();
    await phoneContext.close();
  }
});
