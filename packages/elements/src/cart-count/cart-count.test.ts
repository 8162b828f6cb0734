import { createBaseClient } from '@omnikit/sdk';
import { CART_STORAGE_KEY, cartOf } from '@omnikit/sdk/cart';
import { createFixtureFetch, DEFAULT_FIXTURES, type FixtureFailure } from '@omnikit/sdk/testing';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../provider/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniClient } from '../internal/context.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { recordPageErrors } from '../internal/testing/page-errors.js';
import { renderStory, storiesOf } from '../internal/testing/suites.js';
import type { OmniCartCount } from './cart-count.js';
import './define.js';
import { messages } from './messages.js';
import meta, * as stories from './cart-count.stories.js';

const base = (el: OmniCartCount) => el.shadowRoot!.querySelector('[part=base]')!;
const label = (el: OmniCartCount) => base(el).getAttribute('aria-label');
const badge = (el: OmniCartCount) => el.shadowRoot!.querySelector('[part=count]')?.textContent?.trim();
const settled = (el: OmniCartCount) => waitUntil(() => el.status !== 'loading', 'cart count stayed loading', { timeout: 8000 });
const announced = () => [...(document.querySelector('[data-omni-announcer]')?.children ?? [])].map((n) => n.textContent);
const clearAnnouncer = () => document.querySelector('[data-omni-announcer]')?.replaceChildren();

/** A storage that already holds a cart handle, as a returning shopper's browser does. */
function storageWith(handle?: { id: string; secret: string }) {
  const m = new Map<string, string>(handle ? [[CART_STORAGE_KEY, JSON.stringify(handle)]] : []);
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}
const A_HANDLE = { id: 'c_00000000000000000000000000', secret: 'cs_fixture' };

const clients: OmniClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  clearAnnouncer();
});

function fixtureClient(fail?: FixtureFailure, withCart = true, timeout = 300) {
  const fetch = createFixtureFetch({ ...DEFAULT_FIXTURES, ...(fail ? { fail } : {}) });
  const client = createBaseClient({
    baseUrl: 'https://fixture.test',
    publishableKey: 'pk_test_fixture',
    fetch,
    timeout,
    retry: 0,
    storage: withCart ? storageWith(A_HANDLE) : null,
  });
  clients.push(client);
  return { client, fetch };
}

function serverClient() {
  const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null });
  clients.push(client);
  return client;
}

async function mount(client: OmniClient, locale = 'en') {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider .client=${client} locale=${locale}><a href="/cart"><omni-cart-count></omni-cart-count></a></omni-provider>
  `);
  return { provider, el: provider.querySelector('omni-cart-count')!, link: provider.querySelector('a')! };
}

const delivery = { type: 'delivery' } as const;

describe('<omni-cart-count> with the fixture transport', () => {
  it('no cart on this device: empty, named "Cart, empty", without a request', async () => {
    const { client, fetch } = fixtureClient(undefined, false);
    const { el, link } = await mount(client);
    await settled(el);
    expect(el.status).to.equal('empty');
    expect(el.matches(':state(empty)')).to.be.true;
    expect(el.count).to.equal(0);
    expect(label(el)).to.equal(`${messages.en.cart}, ${messages.en.empty}`);
    expect(badge(el)).to.equal(undefined);
    expect(base(el).getAttribute('role')).to.equal('img');
    expect(fetch.requests.filter((r) => r.url.pathname.startsWith('/v1/carts'))).to.deep.equal([]);
    await expect(el).to.be.accessible();
    // The page's link takes its name from the widget (axe's link-name rule fails a nameless link).
    await expect(link).to.be.accessible();
    expect(announced()).to.deep.equal([]);
  });

  it('while the cart is read: loading, busy, named "Cart", and the same box as later', async () => {
    const { client } = fixtureClient('timeout', true, 2_147_483_647);
    const { el, link } = await mount(client);
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    expect(el.matches(':state(loading)')).to.be.true;
    expect(base(el).getAttribute('aria-busy')).to.equal('true');
    expect(label(el)).to.equal(messages.en.cart);
    expect(badge(el)).to.equal(undefined);
    const box = base(el).getBoundingClientRect();
    expect(box.width).to.be.greaterThan(0);
    expect(box.height).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
    await expect(link).to.be.accessible();
  });
});

describe('<omni-cart-count> when the API fails', () => {
  for (const fail of ['network', 'timeout', 'malformed', 'http500', 'schema'] as const) {
    it(`"${fail}": error, named "Cart" with no number, accessible, no uncaught error`, async () => {
      const rec = recordPageErrors();
      const { client } = fixtureClient(fail);
      const { el, link } = await mount(client);
      await waitUntil(() => el.matches(':state(error)'), 'did not reach :state(error)', { timeout: 5000 });
      expect(el.status).to.equal('error');
      expect(el.count).to.equal(undefined);
      // Nothing misleading: no number and no "empty", just the icon's name.
      expect(label(el)).to.equal(messages.en.cart);
      expect(badge(el)).to.equal(undefined);
      expect(el.shadowRoot!.querySelector('svg')).to.not.equal(null);
      await expect(el).to.be.accessible();
      await expect(link).to.be.accessible();
      await new Promise((r) => setTimeout(r, 50));
      rec.stop();
      expect(rec.errors).to.deep.equal([]);
      expect(announced()).to.deep.equal([]);
    });
  }
});

describe('<omni-cart-count> against the reference server', () => {
  it('shows the server item count, "Cart, 3 items", and announces changes but not the first render', async () => {
    const client = serverClient();
    const cart = cartOf(client);
    await cart.addLine({ sku: env.fixtures.inStock.sku, quantity: 2, fulfillment: delivery });
    await cart.addLine({ sku: env.fixtures.lowStock.sku, quantity: 1, fulfillment: delivery });
    const { el, link } = await mount(client);
    await settled(el);
    expect(el.status).to.equal('count');
    expect(el.matches(':state(count)')).to.be.true;
    expect(el.count).to.equal(3);
    expect(badge(el)).to.equal('3');
    expect(label(el)).to.equal('Cart, 3 items');
    await expect(el).to.be.accessible();
    await expect(link).to.be.accessible();
    await new Promise((r) => setTimeout(r, 50));
    expect(announced(), 'the first render is not announced').to.deep.equal([]);

    const now = await cart.addLine({ sku: env.fixtures.inStock.sku, quantity: 1, fulfillment: delivery });
    expect(now.itemCount).to.equal(4);
    await waitUntil(() => el.count === 4, 'count did not follow the change');
    expect(badge(el)).to.equal('4');
    expect(announced()).to.deep.equal(['4 items in cart']);

    for (const line of now.lines) await cart.removeLine({ lineId: line.id });
    await waitUntil(() => el.status === 'empty', 'did not become empty');
    expect(el.matches(':state(count)')).to.be.false;
    expect(label(el)).to.equal('Cart, empty');
    expect(announced().at(-1)).to.equal('Cart is empty');
    await expect(el).to.be.accessible();
  });

  it('follows a change made on another device (handoff), within a second or so', async () => {
    const kiosk = serverClient();
    await cartOf(kiosk).addLine({ sku: env.fixtures.inStock.sku, quantity: 1, fulfillment: delivery });
    const { el } = await mount(kiosk, 'sv-SE');
    await waitUntil(() => el.count === 1, 'count 1 not shown');
    expect(label(el)).to.equal('Varukorg, 1 vara');
    const { code } = await cartOf(kiosk).handoff();

    // Another device: its own client (no shared tab channel), the cart opened by the code.
    const phone = serverClient();
    await cartOf(phone).resume(code);
    await cartOf(phone).addLine({ sku: env.fixtures.lowStock.sku, quantity: 2, fulfillment: delivery });
    await waitUntil(() => el.count === 3, 'the kiosk did not see the phone change', { timeout: 5000 });
    expect(label(el)).to.equal('Varukorg, 3 varor');
    expect(announced()).to.deep.equal([messages.sv!.inCart(3, '3')]);
  });

  it('the count passes axe in the dark theme too (the badge text keeps its contrast)', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: env.fixtures.inStock.sku, quantity: 2, fulfillment: delivery });
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} locale="en"><a href="/cart" style="background:#0d1117;color:#e6edf3;display:inline-block;padding:1em"
        ><omni-cart-count theme="dark"></omni-cart-count></a></omni-provider>
    `);
    const el = provider.querySelector('omni-cart-count')!;
    await waitUntil(() => el.count === 2, 'count 2 not shown');
    const count = el.shadowRoot!.querySelector('[part=count]')!;
    expect(getComputedStyle(count).color).to.equal('rgb(13, 17, 23)');
    await expect(provider.querySelector('a')!).to.be.accessible();
  });

  it('caps the badge at max+ and keeps the exact number in the label', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: env.fixtures.inStock.sku, quantity: 120, fulfillment: delivery });
    const { el } = await mount(client);
    await waitUntil(() => el.count === 120, 'count 120 not shown');
    expect(badge(el)).to.equal('99+');
    expect(label(el)).to.equal('Cart, 120 items');
    el.max = 200;
    await el.updateComplete;
    expect(badge(el)).to.equal('120');
  });

  it('a stored cart that no longer exists reads as empty, not as an error', async () => {
    const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: storageWith(A_HANDLE) });
    clients.push(client);
    const { el } = await mount(client);
    await settled(el);
    expect(el.status).to.equal('empty');
  });
});

describe('<omni-cart-count> without a provider yet', () => {
  it('stays loading, named "Cart", until a client is given', async () => {
    const el = await fixture<OmniCartCount>(html`<omni-cart-count></omni-cart-count>`);
    expect(el.status).to.equal('loading');
    expect(label(el)).to.equal(messages.en.cart);
    await expect(el).to.be.accessible();
  });
});

describe('<omni-cart-count> stories', () => {
  // Every story (each a state) renders what it says and passes axe.
  const expected: Record<string, { status: string; label: string; badge?: string }> = {
    Count: { status: 'count', label: 'Cart, 3 items', badge: '3' },
    OverMax: { status: 'count', label: 'Cart, 1,250 items', badge: '99+' },
    Empty: { status: 'empty', label: 'Cart, empty' },
    Loading: { status: 'loading', label: 'Cart' },
    ErrorNetwork: { status: 'error', label: 'Cart' },
    ErrorMalformed: { status: 'error', label: 'Cart' },
    Swedish: { status: 'count', label: 'Varukorg, 3 varor', badge: '3' },
    CustomIcon: { status: 'count', label: 'Cart, 3 items', badge: '3' },
  };
  const all = storiesOf(stories);
  it('covers every story', () => {
    expect(all.map(([n]) => n).sort()).to.deep.equal(Object.keys(expected).sort());
  });
  for (const [name, story] of all) {
    it(`${name}: ${expected[name]?.status}, accessible`, async () => {
      const host = await renderStory(meta, story);
      const el = host.querySelector('omni-cart-count')!;
      const want = expected[name]!;
      await waitUntil(() => el.status === want.status, `${name} did not reach ${want.status}`, { timeout: 5000 });
      expect(label(el)).to.equal(want.label);
      expect(badge(el)).to.equal(want.badge);
      await expect(host.querySelector('a')!).to.be.accessible();
    });
  }
});
