import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../price/define.js';
import '../stock-badge/define.js';
import { env } from './testing/env.js';
import { describe, it } from './testing/mocha.js';
import { configure } from './configure.js';

describe('configure() without a provider', () => {
  it('widgets added before configure() wait, then use the page-wide default; a second call replaces it', async () => {
    document.documentElement.lang = 'da';
    const f = env.fixtures;
    const root = await fixture(html`<div>
      <omni-stock-badge sku=${f.inStock.sku}></omni-stock-badge>
      <omni-price sku=${f.inStock.sku}></omni-price>
    </div>`);
    const badge = root.querySelector('omni-stock-badge')!;
    const price = root.querySelector('omni-price')!;
    expect(badge.status).to.equal('loading');
    const client = configure({ api: env.apiUrl, key: env.publishableKey, store: f.inStock.storeId });
    await waitUntil(() => badge.status === 'in-stock', 'badge did not use configure()', { timeout: 8000 });
    // No locale configured: <html lang> decides, and the currency follows it.
    expect(badge.shadowRoot!.textContent).to.contain('På lager');
    await waitUntil(() => price.shadowRoot!.textContent!.includes('kr.'), 'price not in DKK/da');
    let closed = false;
    const close = client.close;
    client.close = () => {
      closed = true;
      close();
    };
    const o = f.outOfStockAvailableNearby;
    badge.sku = o.sku;
    configure({ api: env.apiUrl, key: env.publishableKey, store: o.storeId, locale: 'en' });
    expect(closed).to.be.true;
    await waitUntil(() => badge.status === 'nearby', 'badge did not follow the new default', { timeout: 8000 });
    await expect(badge).to.be.accessible();
    document.documentElement.lang = 'en';
  });
});
