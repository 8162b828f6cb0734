import { createBaseClient, getProducts, type Product } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE, type FixtureFetchOptions } from '@omnikit/sdk/testing';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../provider/define.js';
import type { OmniProvider } from '../provider/provider.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { failureSuite } from '../internal/testing/suites.js';
import './define.js';
import { en, loadMessages, messagesOf } from './messages.js';
import type { OmniPrice } from './price.js';

/** A language's texts, its chunk loaded first (and `el` rendered with them: it asked for the same chunk). */
const textsOf = async (lang: string, el?: { updateComplete: Promise<unknown> }) => (await loadMessages(lang), await el?.updateComplete, messagesOf(lang)!);

const money = (minor: number, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
const part = (el: OmniPrice, name: string) => el.shadowRoot!.querySelector(`[part=${name}]`);
const visible = (el: Element | null) => {
  // The text a sighted user reads: without the screen-reader-only prefixes.
  const copy = el?.cloneNode(true) as Element | undefined;
  copy?.querySelectorAll('.sr-only').forEach((n) => n.remove());
  return copy?.textContent?.trim() ?? '';
};
const ready = (el: OmniPrice) =>
  waitUntil(() => !el.matches(':state(loading)') && part(el, 'base') !== null, 'price stayed loading', { timeout: 8000 });

const SALE_SKU = FIXTURE_SKUS.lowStock;
const catalog = {
  ...DEFAULT_FIXTURES,
  products: DEFAULT_FIXTURES.products.map((p): Product =>
    p.sku === SALE_SKU
      ? { ...p, prices: { SEK: { amount: 19900, compareAt: 29900 }, EUR: { amount: 1795, compareAt: 2695 } } }
      : p,
  ),
};

describe('<omni-price> with the fixture transport', () => {
  const clients: { close(): void }[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  async function mount(sku: string, attrs: { locale?: string; currency?: string } = {}, data: FixtureFetchOptions = catalog) {
    const client = createBaseClient({
      baseUrl: 'https://fixture.test',
      publishableKey: 'pk_test_fixture',
      fetch: createFixtureFetch(data),
      timeout: 300,
      retry: 0,
      storage: null,
    });
    clients.push(client);
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} store=${FIXTURE_STORE} locale=${attrs.locale ?? 'sv-SE'} currency=${attrs.currency ?? 'SEK'}>
        <omni-price sku=${sku}></omni-price>
      </omni-provider>
    `);
    return { provider, price: provider.querySelector('omni-price')! };
  }

  it('shows the price in the provider currency and locale', async () => {
    const { price } = await mount(FIXTURE_SKUS.inStock);
    expect(price.matches(':state(loading)')).to.be.true;
    await expect(price).to.be.accessible();
    await ready(price);
    expect(visible(part(price, 'price'))).to.equal(money(129900, 'SEK', 'sv-SE'));
    expect(part(price, 'compare-at')).to.equal(null);
    await expect(price).to.be.accessible();
  });

  it('shows the compare-at price struck through, read as was/now', async () => {
    const { price } = await mount(SALE_SKU, { locale: 'en' });
    await ready(price);
    expect(price.matches(':state(sale)')).to.be.true;
    expect(visible(part(price, 'price'))).to.equal(money(19900, 'SEK', 'en'));
    const was = part(price, 'compare-at')!;
    expect(was.tagName).to.equal('S');
    expect(visible(was)).to.equal(money(29900, 'SEK', 'en'));
    expect(was.textContent).to.contain(en.was);
    expect(part(price, 'price')!.textContent).to.contain(en.now);
    await expect(price).to.be.accessible();
  });

  it('follows a currency and locale change on the provider', async () => {
    const { provider, price } = await mount(SALE_SKU);
    await ready(price);
    expect(visible(part(price, 'price'))).to.equal(money(19900, 'SEK', 'sv-SE'));
    provider.setAttribute('currency', 'EUR');
    provider.setAttribute('locale', 'fi-FI');
    await waitUntil(() => visible(part(price, 'price')) === money(1795, 'EUR', 'fi-FI'), 'price not in EUR/fi');
    expect(part(price, 'compare-at')!.textContent).to.contain((await textsOf('fi', price)).was);
  });

  it('a currency the product has no price in reads "price unavailable"', async () => {
    const { price } = await mount(SALE_SKU, { locale: 'da-DK', currency: 'DKK' });
    await ready(price);
    expect(price.matches(':state(unavailable)')).to.be.true;
    expect(part(price, 'base')!.textContent).to.equal((await textsOf('da', price)).unavailable);
    await expect(price).to.be.accessible();
  });

  it('an API failure reads "price unavailable"', async () => {
    const { price } = await mount(FIXTURE_SKUS.inStock, { locale: 'en' }, { ...catalog, fail: 'network' });
    await ready(price);
    expect(price.matches(':state(error)')).to.be.true;
    expect(part(price, 'base')!.textContent).to.equal(en.unavailable);
  });
});

describe('<omni-price> against the reference server', () => {
  it('renders the catalog price of a seeded product, and an unknown SKU as unavailable', async () => {
    const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null });
    const [product] = await getProducts(client, [env.fixtures.inStock.sku]);
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} locale="nb-NO" currency="NOK">
        <omni-price sku=${env.fixtures.inStock.sku}></omni-price>
        <omni-price sku=${env.fixtures.unknownSku}></omni-price>
      </omni-provider>
    `);
    const [known, unknown] = provider.querySelectorAll('omni-price');
    await ready(known!);
    expect(visible(part(known!, 'price'))).to.equal(money(product!.prices.NOK!.amount, 'NOK', 'nb-NO'));
    await ready(unknown!);
    expect(part(unknown!, 'base')!.textContent).to.equal((await textsOf('nb', unknown!)).unavailable);
    client.close();
  });
});

failureSuite({
  tag: 'omni-price',
  data: catalog,
  render: (client) => html`<omni-provider .client=${client} locale="en"><omni-price sku=${SALE_SKU}></omni-price></omni-provider>`,
});
