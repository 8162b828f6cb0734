// The browser half of server rendering (what ssr-client.js does before the widgets update): a
// client primed with the reads a server made shows the widgets' final state without a request.
// The Node half (renderWidgets) and hydration of real server HTML are tested end to end in
// e2e/ssr.test.mjs, which needs a server to render.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { FIXTURE_STORE } from '@omnikit/sdk/testing';
import '../provider/define.js';
import '../stock-badge/define.js';
import '../price/define.js';
import type { OmniStockBadge } from '../stock-badge/stock-badge.js';
import type { OmniPrice } from '../price/price.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { primedClient, recordPage, SSR_SKUS } from '../internal/testing/ssr.js';
import type { OmniClient } from '../internal/context.js';
import meta, * as stories from './ssr.stories.js';

const clients: OmniClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

const page = (client: OmniClient) => html`<omni-provider .client=${client} store=${FIXTURE_STORE} locale="en">
  ${SSR_SKUS.map((sku) => html`<omni-price sku=${sku}></omni-price><omni-stock-badge sku=${sku}></omni-stock-badge>`)}
</omni-provider>`;

const settled = (host: Element) =>
  waitUntil(
    () => [...host.querySelectorAll<OmniStockBadge | OmniPrice>('omni-stock-badge, omni-price')].every((w) => !w.matches(':state(loading)') && w.shadowRoot?.textContent?.trim()),
    'widgets stayed loading',
    { timeout: 5000 },
  );

describe('server rendering, the browser half: a primed client', () => {
  it('shows every badge and price from the snapshot without a data request, and is accessible', async () => {
    const { client, fetch, primed } = primedClient(await recordPage());
    clients.push(client);
    expect(primed).to.be.greaterThan(0);
    const host = await fixture(page(client));
    await settled(host);
    expect([...host.querySelectorAll<OmniStockBadge>('omni-stock-badge')].map((b) => b.status)).to.deep.equal(['in-stock', 'low-stock']);
    expect(fetch.requests.map((r) => r.url.pathname).filter((p) => p !== '/v1/events')).to.deep.equal([]);
    await expect(host).to.be.accessible();
  });

  it('a broken snapshot primes nothing: the widgets read from the API as usual', async () => {
    const { client, fetch, primed } = primedClient('{"v": 1, "reads": [ not json');
    clients.push(client);
    expect(primed).to.equal(0);
    const host = await fixture(page(client));
    await settled(host);
    expect(fetch.requests.some((r) => r.url.pathname === '/v1/availability')).to.equal(true);
  });

  it('a snapshot of another format version is ignored', async () => {
    const { client, primed } = primedClient(JSON.stringify({ v: 2, reads: [] }));
    clients.push(client);
    expect(primed).to.equal(0);
  });
});

describe(`${meta.title} stories`, () => {
  for (const [name, story] of Object.entries(stories).filter(([k]) => k !== 'default')) {
    it(`${name} renders and is accessible`, async () => {
      const loaders = (story as { loaders?: (() => Promise<object>)[] }).loaders ?? [];
      const loaded = Object.assign({}, ...(await Promise.all(loaders.map((f) => f()))));
      const host = await fixture((story as { render: (a: unknown, c: unknown) => ReturnType<typeof html> }).render({}, { loaded }));
      await settled(host);
      await expect(host).to.be.accessible();
    });
  }
});
