import { createBaseClient } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';
import { cartOf } from '@omnikit/sdk/cart';
import { FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniClient } from '../internal/context.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { recordPageErrors } from '../internal/testing/page-errors.js';
import { failureSuite, fixtureTestClient, renderStory, storiesOf } from '../internal/testing/suites.js';
import type { OmniAddToCart } from './add-to-cart.js';
import { OmniAddToCartEvent } from './event.js';
import './define.js';
import { en, loadMessages, messagesOf } from './messages.js';
import meta, * as stories from './add-to-cart.stories.js';

const F = env.fixtures;
const STORE = F.defaultStoreId;
const button = (el: OmniAddToCart) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part=base]')!;
const label = (el: OmniAddToCart) => el.shadowRoot!.querySelector('[part=label]')!.textContent!.trim();
const reason = (el: OmniAddToCart) => el.shadowRoot!.querySelector('[part=reason]')!.textContent!.trim();
const disabled = (el: OmniAddToCart) => button(el).getAttribute('aria-disabled') === 'true';
const settled = (el: OmniAddToCart) => waitUntil(() => el.status !== 'loading', 'add-to-cart stayed loading', { timeout: 8000 });
const announced = () => [...(document.querySelector('[data-omni-announcer]')?.children ?? [])].map((n) => n.textContent);
const clearAnnouncer = () => document.querySelector('[data-omni-announcer]')?.replaceChildren();

const clients: OmniClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  clearAnnouncer();
});

/** A client of the reference server with a cart of its own (no storage: a fresh device). */
function serverClient(channel: 'web' | 'kiosk' = 'web') {
  const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null, channel });
  clients.push(client);
  return client;
}

async function mount(client: OmniClient, attrs: { sku: string; qty?: number | string; fulfillment?: string }, store = STORE, locale = 'en') {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider .client=${client} store=${store} locale=${locale} channel=${client.config.channel}
      ><omni-add-to-cart sku=${attrs.sku} qty=${attrs.qty ?? 1} fulfillment=${attrs.fulfillment ?? ''}></omni-add-to-cart
    ></omni-provider>
  `);
  const el = provider.querySelector('omni-add-to-cart')!;
  await settled(el);
  return el;
}

describe('<omni-add-to-cart> against the reference server', () => {
  it('adds with pickup at the chosen store: the cart has the line, the event carries it, the result is announced', async () => {
    const client = serverClient();
    const el = await mount(client, { sku: F.inStock.sku, qty: 2 });
    expect(el.status).to.equal('available');
    expect(el.matches(':state(available)')).to.be.true;
    expect(el.state.fulfillment).to.deep.equal({ type: 'pickup', storeId: STORE });
    expect(label(el)).to.equal(en.add);
    expect(reason(el)).to.equal('');
    expect(disabled(el)).to.be.false;
    await expect(el).to.be.accessible();

    const fired = oneEvent(document, OmniAddToCartEvent.type);
    button(el).click();
    await el.updateComplete;
    // Busy at once: the label says so and the button takes no second press.
    expect(el.matches(':state(busy)')).to.be.true;
    expect(label(el)).to.equal(en.adding);
    expect(button(el).getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    const e = (await fired) as unknown as OmniAddToCartEvent;
    expect(e).to.be.instanceOf(OmniAddToCartEvent);
    expect(e.bubbles && e.composed).to.be.true;
    expect(e.quantity).to.equal(2);
    expect(e.line.sku).to.equal(F.inStock.sku);
    expect(e.line.fulfillment).to.deep.equal({ type: 'pickup', storeId: STORE, method: 'in_store' });
    expect(e.cart.lines.map((l) => l.id)).to.include(e.line.id);
    // The server's cart, read afresh, has it.
    const cart = await cartOf(client).get();
    expect(cart!.lines.map((l) => [l.sku, l.quantity])).to.deep.equal([[F.inStock.sku, 2]]);
    await waitUntil(() => !el.matches(':state(busy)'), 'stayed busy');
    expect(label(el)).to.equal(en.add);
    expect(announced()).to.deep.equal([en.added(2, e.line.name)]);
  });

  it('a double click adds once', async () => {
    const client = serverClient();
    const el = await mount(client, { sku: F.inStock.sku, qty: 1 });
    button(el).click();
    button(el).click();
    await waitUntil(() => !el.matches(':state(busy)') && cartOf(client).$cart.get() !== null, 'the add did not finish');
    await new Promise((r) => setTimeout(r, 200));
    const cart = await cartOf(client).get();
    expect(cart!.itemCount).to.equal(1);
  });

  it('Enter and Space on the focused button add, as a native button does', async () => {
    const client = serverClient();
    const el = await mount(client, { sku: F.inStock.sku, qty: 1 });
    button(el).focus();
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cartOf(client).$cart.get()?.itemCount === 1, 'Enter did not add');
    await waitUntil(() => !el.matches(':state(busy)'), 'stayed busy');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => cartOf(client).$cart.get()?.itemCount === 2, 'Space did not add');
  });

  it('not stocked at the store but online: delivery, saying so beside the button', async () => {
    const el = await mount(serverClient(), { sku: F.notStocked.sku });
    expect(el.status).to.equal('available');
    expect(el.state.fulfillment).to.deep.equal({ type: 'delivery' });
    expect(reason(el)).to.equal(en.deliveryInstead);
    expect(button(el).getAttribute('aria-describedby')).to.equal('reason');
    await expect(el).to.be.accessible();
  });

  it('sold out at the store and online: disabled, naming the nearby store that has it; a press does nothing', async () => {
    const client = serverClient();
    const el = await mount(client, { sku: F.outOfStockAvailableNearby.sku });
    expect(el.status).to.equal('unavailable');
    expect(el.matches(':state(unavailable)')).to.be.true;
    expect(el.state.reason).to.equal('nearby-only');
    const near = el.state.stock.nearby[0]!;
    expect(near.storeId).to.equal(F.outOfStockAvailableNearby.nearbyStoreId);
    expect(reason(el)).to.equal(en.nearbyOnly(near.shortName));
    expect(disabled(el)).to.be.true;
    // Still focusable (aria-disabled, not disabled): a keyboard user reaches it and hears why.
    expect(button(el).disabled).to.be.false;
    await expect(el).to.be.accessible();
    let fired = false;
    el.addEventListener(OmniAddToCartEvent.type, () => (fired = true));
    button(el).click();
    await new Promise((r) => setTimeout(r, 200));
    expect(fired).to.be.false;
    expect(cartOf(client).$cart.get()).to.equal(null);
  });

  it('more than there is: disabled with "Only n available"; unknown and inactive SKUs: "Not sold"', async () => {
    const el = await mount(serverClient(), { sku: F.lowStock.sku, qty: 500 });
    expect(el.state.reason).to.equal('quantity-unavailable');
    expect(reason(el)).to.equal(en.onlyAvailable(el.state.available!));
    expect(el.state.available).to.be.greaterThan(F.lowStock.onHand);
    await expect(el).to.be.accessible();
    for (const sku of [F.inactive.sku, F.unknownSku]) {
      const x = await mount(serverClient(), { sku });
      expect(x.status, sku).to.equal('unavailable');
      expect(reason(x)).to.equal(en.notSold);
      expect(disabled(x)).to.be.true;
      await expect(x).to.be.accessible();
    }
  });

  it('take now on a kiosk: "Add, take now", added as take-now at the store', async () => {
    const client = serverClient('kiosk');
    const el = await mount(client, { sku: F.inStock.sku, fulfillment: 'take_now' });
    expect(el.state.fulfillment).to.deep.equal({ type: 'take_now', storeId: STORE });
    expect(label(el)).to.equal(en.addTakeNow);
    await expect(el).to.be.accessible();
    const fired = oneEvent(el, OmniAddToCartEvent.type);
    button(el).click();
    expect(((await fired) as unknown as OmniAddToCartEvent).line.fulfillment).to.deep.equal({ type: 'take_now', storeId: STORE });
  });

  it('follows stock live: the store sells out on the stream and the button moves to delivery, then back', async () => {
    const admin = createAdminClient({ baseUrl: env.apiUrl, secretKey: env.secretKey });
    const sku = 'OK-10040';
    try {
      await admin.stock.set({ sku, storeId: STORE, quantity: 3 });
      await admin.stock.set({ sku, storeId: F.onlineLocationId, quantity: 50 });
      const el = await mount(serverClient(), { sku, qty: 2 });
      expect(el.state.fulfillment).to.deep.equal({ type: 'pickup', storeId: STORE });
      await admin.stock.set({ sku, storeId: STORE, quantity: 1 });
      await waitUntil(() => el.state.fulfillment?.type === 'delivery', 'did not move to delivery', { timeout: 5000 });
      expect(reason(el)).to.equal(en.deliveryInstead);
      await admin.stock.set({ sku, storeId: F.onlineLocationId, quantity: 0 });
      await waitUntil(() => el.status === 'unavailable', 'did not become unavailable', { timeout: 5000 });
      expect(disabled(el)).to.be.true;
      expect(reason(el)).to.equal(en.onlyAvailable(1));
      await expect(el).to.be.accessible();
    } finally {
      await admin.stock.set({ sku, storeId: STORE, quantity: 66 });
      await admin.stock.set({ sku, storeId: F.onlineLocationId, quantity: 103 });
      admin.close();
    }
  });

  it("the server's refusal (a full cart: cart_limit_reached) is shown beside the button and announced", async () => {
    const client = serverClient();
    const cart = cartOf(client);
    // Fill the cart to its most lines with other products (some SKUs are not sold: skipped).
    let lines = 0;
    for (let n = 7; lines < 100 && n < 400; n++) {
      const sku = `OK-1${String(n).padStart(4, '0')}`;
      if (sku === F.inStock.sku) continue;
      try {
        lines = (await cart.addLine({ sku, quantity: 1, fulfillment: { type: 'delivery' } })).lines.length;
      } catch {
        /* not sold */
      }
    }
    expect(lines).to.equal(100);
    const rec = recordPageErrors();
    const el = await mount(client, { sku: F.inStock.sku });
    button(el).click();
    await waitUntil(() => el.matches(':state(failed)'), 'no failed state', { timeout: 5000 });
    expect(reason(el)).to.equal(en.cartFull);
    expect(el.shadowRoot!.querySelector('[part=reason]')!.classList.contains('error')).to.be.true;
    expect(announced()).to.deep.equal([en.cartFull]);
    expect(el.status).to.equal('available');
    expect(disabled(el)).to.be.false;
    await expect(el).to.be.accessible();
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });

  it('no sku is an error of the SDK (validation_failed), shown as the stock error, with no request to the cart', async () => {
    const client = serverClient();
    const el = await mount(client, { sku: '' });
    expect(el.status).to.equal('error');
    expect(el.matches(':state(error)')).to.be.true;
    expect(el.state.error?.code).to.equal('validation_failed');
    expect(reason(el)).to.equal(en.error);
    expect(disabled(el)).to.be.true;
    await expect(el).to.be.accessible();
    button(el).click();
    await new Promise((r) => setTimeout(r, 100));
    expect(cartOf(client).$cart.get()).to.equal(null);
  });

  it('a bad qty is an error shown as text, with no request to the cart', async () => {
    const client = serverClient();
    for (const qty of ['0', '1.5', '1000', 'two']) {
      const el = await mount(client, { sku: F.inStock.sku, qty });
      expect(el.status, qty).to.equal('error');
      expect(el.matches(':state(error)')).to.be.true;
      expect(el.state.error?.code).to.equal('validation_failed');
      expect(reason(el)).to.equal(en.badQuantity(999));
      expect(disabled(el)).to.be.true;
      await expect(el).to.be.accessible();
      button(el).click();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(cartOf(client).$cart.get()).to.equal(null);
  });

  it('without a store: delivery; in Swedish', async () => {
    const el = await mount(serverClient(), { sku: F.inStock.sku }, '', 'sv-SE');
    expect(el.state.fulfillment).to.deep.equal({ type: 'delivery' });
    expect(label(el)).to.equal(messagesOf('sv-SE')!.add);
    expect(reason(el)).to.equal('');
  });

  it('sv, nb, da and fi load on demand, say everything English says, and render in the page language', async () => {
    for (const locale of ['sv-SE', 'nb-NO', 'da-DK', 'fi-FI']) {
      await loadMessages(locale);
      const m = messagesOf(locale)!;
      expect(m, locale).to.not.equal(en);
      expect(Object.keys(m).sort(), locale).to.deep.equal(Object.keys(en).sort());
      const el = await mount(serverClient(), { sku: F.notStocked.sku }, STORE, locale);
      expect(label(el)).to.equal(m.add);
      expect(reason(el)).to.equal(m.deliveryInstead);
      const out = await mount(serverClient(), { sku: F.outOfStockAvailableNearby.sku }, STORE, locale);
      expect(reason(out)).to.equal(m.nearbyOnly(out.state.stock.nearby[0]!.shortName));
      await expect(el).to.be.accessible();
    }
  });

  it('passes axe in the dark theme (button text keeps its contrast)', async () => {
    const client = serverClient();
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} store=${STORE} locale="en"
        ><div style="background:#0d1117;color:#e6edf3;padding:1em"
          ><omni-add-to-cart theme="dark" sku=${F.inStock.sku}></omni-add-to-cart
          ><omni-add-to-cart theme="dark" sku=${F.outOfStockAvailableNearby.sku}></omni-add-to-cart></div
      ></omni-provider>
    `);
    const [a, b] = [...provider.querySelectorAll('omni-add-to-cart')];
    await settled(a!);
    await settled(b!);
    expect(getComputedStyle(button(a!)).color).to.equal('rgb(21, 27, 35)');
    await expect(provider.querySelector('div')!).to.be.accessible();
  });
});

describe('<omni-add-to-cart> with the fixture transport', () => {
  it('while the stock is read: loading, busy, disabled, the same box as later', async () => {
    const client = createBaseClient({ baseUrl: 'https://fixture-loading.test', publishableKey: 'pk_test_fixture', fetch: () => new Promise(() => {}), storage: null, retry: 0 });
    clients.push(client);
    const provider = await fixture<OmniProvider>(html`<omni-provider .client=${client} store=${FIXTURE_STORE}><omni-add-to-cart sku=${FIXTURE_SKUS.inStock}></omni-add-to-cart></omni-provider>`);
    const el = provider.querySelector('omni-add-to-cart')!;
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    expect(el.matches(':state(loading)')).to.be.true;
    expect(button(el).getAttribute('aria-busy')).to.equal('true');
    expect(disabled(el)).to.be.true;
    expect(label(el)).to.equal(en.add);
    expect(button(el).getBoundingClientRect().width).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('without a provider: loading, accessible, no error', async () => {
    const el = await fixture<OmniAddToCart>(html`<omni-add-to-cart sku="OK-10001"></omni-add-to-cart>`);
    expect(el.status).to.equal('loading');
    await expect(el).to.be.accessible();
  });

  it('an add that fails on the network: "Could not add to cart", announced, and the button works again', async () => {
    // The fixture server has no cart routes: the add's request fails with a 404 there.
    const client = fixtureTestClient({ ...(await import('@omnikit/sdk/testing')).DEFAULT_FIXTURES });
    clients.push(client);
    const provider = await fixture<OmniProvider>(html`<omni-provider .client=${client} store=${FIXTURE_STORE}><omni-add-to-cart sku=${FIXTURE_SKUS.inStock}></omni-add-to-cart></omni-provider>`);
    const el = provider.querySelector('omni-add-to-cart')!;
    await settled(el);
    expect(el.state.fulfillment).to.deep.equal({ type: 'pickup', storeId: FIXTURE_STORE });
    button(el).click();
    await waitUntil(() => el.matches(':state(failed)'), 'no failed state', { timeout: 5000 });
    expect(reason(el)).to.equal(en.failed);
    expect(announced()).to.deep.equal([en.failed]);
    expect(disabled(el)).to.be.false;
    await expect(el).to.be.accessible();
  });
});

failureSuite({
  tag: 'omni-add-to-cart',
  render: (client) => html`<omni-provider .client=${client} store=${FIXTURE_STORE}><omni-add-to-cart sku=${FIXTURE_SKUS.inStock}></omni-add-to-cart></omni-provider>`,
});

describe('<omni-add-to-cart> stories', () => {
  // Every story (each a state) renders what it says and passes axe.
  const expected: Record<string, { status: string; label: string; reason: string }> = {
    Pickup: { status: 'available', label: en.add, reason: '' },
    Delivery: { status: 'available', label: en.add, reason: '' },
    DeliveryInstead: { status: 'available', label: en.add, reason: en.deliveryInstead },
    TakeNow: { status: 'available', label: en.addTakeNow, reason: '' },
    NearbyOnly: { status: 'unavailable', label: en.add, reason: en.nearbyOnly('Forumtorget') },
    OutOfStock: { status: 'unavailable', label: en.add, reason: en.outOfStock },
    OnlyAvailable: { status: 'unavailable', label: en.add, reason: en.onlyAvailable(40) },
    NotSold: { status: 'unavailable', label: en.add, reason: en.notSold },
    Loading: { status: 'loading', label: en.add, reason: '' },
    ErrorNetwork: { status: 'error', label: en.add, reason: en.error },
    BadQuantity: { status: 'error', label: en.add, reason: en.badQuantity(999) },
    Swedish: { status: 'available', label: 'Lägg i varukorgen', reason: '' },
  };
  const all = storiesOf(stories);
  it('covers every story', () => {
    expect(all.map(([n]) => n).sort()).to.deep.equal(Object.keys(expected).sort());
  });
  for (const [name, story] of all) {
    it(`${name}: ${expected[name]?.status}, accessible`, async () => {
      const host = await renderStory(meta, story);
      const el = host.querySelector('omni-add-to-cart')!;
      const want = expected[name]!;
      await waitUntil(() => el.status === want.status, `${name} did not reach ${want.status}`, { timeout: 5000 });
      expect(label(el)).to.equal(want.label);
      expect(reason(el)).to.equal(want.reason);
      await expect(el).to.be.accessible();
    });
  }
});
