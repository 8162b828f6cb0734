import { createBaseClient } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../provider/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniStockChangeEvent, StockState } from '../internal/events.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { countingFetch, recordPageErrors } from '../internal/testing/page-errors.js';
import { failureSuite, fixtureTestClient } from '../internal/testing/suites.js';
import './define.js';
import type { OmniStockBadge } from './stock-badge.js';
import { en, loadMessages, messagesOf } from './messages.js';

/** A language's texts, its chunk loaded first (and `el` rendered with them: it asked for the same chunk). */
const textsOf = async (lang: string, el?: { updateComplete: Promise<unknown> }) => (await loadMessages(lang), await el?.updateComplete, messagesOf(lang)!);

const f = env.fixtures;

interface Mount {
  store?: string | undefined;
  locale?: string;
  threshold?: number;
  showQuantity?: boolean;
}

async function mount(sku: string, o: Mount = {}) {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider api=${env.apiUrl} key=${env.publishableKey} store=${ifDefined(o.store)} locale=${o.locale ?? 'en'}>
      <omni-stock-badge sku=${sku} low-stock-threshold=${ifDefined(o.threshold)} ?show-quantity=${o.showQuantity}></omni-stock-badge>
    </omni-provider>
  `);
  return { provider, badge: provider.querySelector('omni-stock-badge')! };
}

async function settled(el: OmniStockBadge, state?: StockState) {
  await waitUntil(() => (state ? el.status === state : el.status !== 'loading'), `badge stayed ${el.status}`, { timeout: 8000 });
  await el.updateComplete;
  return el;
}

/** What a screen reader reads: the full sentence (the visible text may be a short form). */
const label = (el: OmniStockBadge) => {
  const l = el.shadowRoot!.querySelector('[part~=label]');
  return l?.querySelector('.sr-only')?.textContent ?? l?.textContent ?? '';
};
/** What a sighted shopper reads. */
const visible = (el: OmniStockBadge) => {
  const l = el.shadowRoot!.querySelector('[part~=label]');
  return l?.querySelector('[aria-hidden=true]')?.textContent ?? l?.textContent ?? '';
};
/** The reference server's own answer, to name what a badge must show. */
async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${env.apiUrl}${path}`, { headers: { Authorization: `Bearer ${env.publishableKey}` } });
  return (await res.json()) as T;
}
type NearbyAnswer = { items: { status: string }[]; nearby?: { stores: { storeId: string; name: string; shortName: string }[] }[] };
const nearbyOf = async (sku: string, storeId: string) =>
  (await api<NearbyAnswer>(`/v1/availability?skus=${sku}&stores=${storeId}&nearby=3`)).nearby![0]!.stores;
/** The latest message in the page's one live region (every widget announces there). */
const liveRegion = (_el?: OmniStockBadge) => {
  const region = document.querySelector('[data-omni-announcer]');
  expect(region?.getAttribute('role')).to.equal('status');
  return region?.lastElementChild?.textContent ?? '';
};

afterEach(() => localStorage.clear());

describe('<omni-stock-badge> against the reference server', () => {
  it('in stock', async () => {
    const { badge } = await mount(f.inStock.sku, { store: f.inStock.storeId });
    await settled(badge, 'in-stock');
    expect(label(badge)).to.equal(en.inStock);
    expect(badge.matches(':state(in-stock)')).to.be.true;
    await expect(badge).to.be.accessible();
  });

  it('in stock with show-quantity shows the units', async () => {
    const { badge } = await mount(f.inStock.sku, { store: f.inStock.storeId, showQuantity: true });
    await settled(badge, 'in-stock');
    expect(label(badge)).to.equal(en.inStockQuantity(f.inStock.onHand));
    await expect(badge).to.be.accessible();
  });

  it('low stock names how many are left', async () => {
    const { badge } = await mount(f.lowStock.sku, { store: f.lowStock.storeId });
    await settled(badge, 'low-stock');
    expect(label(badge)).to.equal(en.lowStock(f.lowStock.onHand));
    expect(badge.matches(':state(low-stock)')).to.be.true;
    await expect(badge).to.be.accessible();
  });

  it('low-stock-threshold overrides the server threshold both ways', async () => {
    const high = await mount(f.inStock.sku, { store: f.inStock.storeId, threshold: f.inStock.onHand });
    await settled(high.badge, 'low-stock');
    expect(label(high.badge)).to.equal(en.lowStock(f.inStock.onHand));
    const low = await mount(f.lowStock.sku, { store: f.lowStock.storeId, threshold: 1 });
    await settled(low.badge, 'in-stock');
  });

  it('out of stock here names the nearest store that has it: short on screen, the sentence for screen readers', async () => {
    const o = f.outOfStockAvailableNearby;
    const stores = await nearbyOf(o.sku, o.storeId);
    expect(stores[0]!.storeId).to.equal(o.nearbyStoreId);
    const { badge } = await mount(o.sku, { store: o.storeId });
    await settled(badge, 'nearby');
    expect(label(badge)).to.equal(en.nearby(stores.length, stores[0]!.name));
    expect(visible(badge)).to.equal(en.nearbyShort(stores[0]!.shortName, stores.length - 1));
    expect(stores[0]!.shortName.length).to.be.lessThan(stores[0]!.name.length);
    await expect(badge).to.be.accessible();
  });

  it('a store that does not carry the SKU points to the nearest store that does', async () => {
    const stores = await nearbyOf(f.notStocked.sku, f.notStocked.storeId);
    expect(stores[0]!.storeId).to.equal(f.nearbyStoreId);
    const { badge } = await mount(f.notStocked.sku, { store: f.notStocked.storeId });
    await settled(badge, 'nearby');
    expect(label(badge)).to.equal(en.nearby(stores.length, stores[0]!.name));
  });

  it('nearby="off" just says out of stock, with no nearby or online request', async () => {
    const o = f.outOfStockAvailableNearby;
    const urls: URL[] = [];
    const recording = (input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(new URL(input instanceof Request ? input.url : String(input)));
      return fetch(input, init);
    };
    const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, fetch: recording, storage: null });
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} store=${o.storeId} locale="en">
        <omni-stock-badge sku=${o.sku} nearby="off"></omni-stock-badge>
      </omni-provider>
    `);
    const badge = await settled(provider.querySelector('omni-stock-badge')!, 'out-of-stock');
    expect(label(badge)).to.equal(en.outOfStock);
    expect(badge.matches(':state(out-of-stock)')).to.be.true;
    const grids = urls.filter((u) => u.pathname === '/v1/availability');
    expect(grids.map((u) => [u.searchParams.get('stores'), u.searchParams.get('nearby')])).to.deep.equal([[o.storeId, null]]);
    expect(urls.filter((u) => u.pathname.startsWith('/v1/stores'))).to.have.length(0);
    await expect(badge).to.be.accessible();
    client.close();
  });

  it('online only', async () => {
    const { badge } = await mount(f.onlineOnly.sku, { store: f.defaultStoreId });
    await settled(badge, 'online-only');
    expect(label(badge)).to.equal(en.onlineOnly);
    await expect(badge).to.be.accessible();
  });

  it('not sold: an inactive product and an unknown SKU', async () => {
    const inactive = await mount(f.inactive.sku, { store: f.defaultStoreId });
    await settled(inactive.badge, 'not-sold');
    expect(label(inactive.badge)).to.equal(en.notSold);
    await expect(inactive.badge).to.be.accessible();
    const unknown = await mount(f.unknownSku, { store: f.defaultStoreId });
    await settled(unknown.badge, 'not-sold');
  });

  it('with no store at all it shows online stock', async () => {
    const [online] = (await api<NearbyAnswer>(`/v1/availability?skus=${f.onlineOnly.sku}&stores=online`)).items;
    expect(online!.status).to.equal('in_stock');
    const { badge } = await mount(f.onlineOnly.sku);
    await settled(badge, 'in-stock');
  });

  it('loading reserves its space and is accessible', async () => {
    const { badge } = await mount(f.inStock.sku, { store: f.inStock.storeId });
    expect(badge.status).to.equal('loading');
    expect(badge.matches(':state(loading)')).to.be.true;
    const before = badge.getBoundingClientRect();
    expect(before.height).to.be.greaterThan(10);
    expect(before.width).to.be.greaterThan(40);
    await expect(badge).to.be.accessible();
    await settled(badge, 'in-stock');
    const after = badge.getBoundingClientRect();
    expect(Math.abs(after.height - before.height)).to.be.lessThan(1);
  });

  it('the store attribute on the badge wins over the provider', async () => {
    const o = f.outOfStockAvailableNearby;
    const provider = await fixture<OmniProvider>(html`
      <omni-provider api=${env.apiUrl} key=${env.publishableKey} store=${o.storeId} locale="en">
        <omni-stock-badge sku=${o.sku} store=${o.nearbyStoreId}></omni-stock-badge>
      </omni-provider>
    `);
    await settled(provider.querySelector('omni-stock-badge')!, 'in-stock');
  });

  it('changing the provider store and locale at runtime updates the badge and fires omni-stock-change', async () => {
    const o = f.outOfStockAvailableNearby;
    const { provider, badge } = await mount(o.sku, { store: o.storeId });
    await settled(badge, 'nearby');
    const events: OmniStockChangeEvent[] = [];
    document.addEventListener('omni-stock-change', (e) => events.push(e));
    provider.store = o.nearbyStoreId;
    await settled(badge, 'in-stock');
    expect(events.at(-1)).to.include({ sku: o.sku, storeId: o.nearbyStoreId, state: 'in-stock', previousState: 'nearby' });
    const sv = await textsOf('sv');
    provider.setAttribute('locale', 'sv-SE');
    await waitUntil(() => label(badge) === sv.inStock, 'label not Swedish');
  });

  it('follows the client selected store when the provider has no store attribute', async () => {
    const o = f.outOfStockAvailableNearby;
    const { provider, badge } = await mount(o.sku);
    provider.client!.selectStore(o.storeId);
    await settled(badge, 'nearby');
    provider.client!.selectStore(o.nearbyStoreId);
    await settled(badge, 'in-stock');
  });

  it('two providers on one page keep their own store', async () => {
    const o = f.outOfStockAvailableNearby;
    const root = await fixture(html`<div>
      <omni-provider id="a" api=${env.apiUrl} key=${env.publishableKey} store=${o.storeId} locale="en">
        <omni-stock-badge sku=${o.sku}></omni-stock-badge>
      </omni-provider>
      <omni-provider id="b" api=${env.apiUrl} key=${env.publishableKey} store=${o.nearbyStoreId} locale="sv">
        <omni-stock-badge sku=${o.sku}></omni-stock-badge>
      </omni-provider>
    </div>`);
    const a = root.querySelector<OmniStockBadge>('#a omni-stock-badge')!;
    const b = root.querySelector<OmniStockBadge>('#b omni-stock-badge')!;
    await settled(a, 'nearby');
    await settled(b, 'in-stock');
    expect(label(b)).to.equal((await textsOf('sv', b)).inStock);
    const [pa, pb] = root.querySelectorAll('omni-provider');
    expect(pa!.client).to.not.equal(pb!.client);
  });

  it('updates live from an admin stock change and announces it politely (not the first render)', async () => {
    // A SKU of its own, so tests running in parallel never fight over its stock.
    const admin = createAdminClient({ baseUrl: env.apiUrl, secretKey: env.secretKey });
    const sku = 'OK-10150';
    const storeId = f.defaultStoreId;
    await admin.stock.set({ sku, storeId, quantity: 30, reason: 'correction' });
    // Earlier tests' messages may still be in the page's region.
    document.querySelector('[data-omni-announcer]')?.replaceChildren();
    const { badge } = await mount(sku, { store: storeId });
    await settled(badge, 'in-stock');
    expect(liveRegion(badge)).to.equal('');
    const changed = new Promise<OmniStockChangeEvent>((resolve) =>
      badge.addEventListener('omni-stock-change', resolve, { once: true }),
    );
    await admin.stock.set({ sku, storeId, quantity: 2, reason: 'sale_in_store' });
    const e = await changed;
    expect(e).to.include({ state: 'low-stock', previousState: 'in-stock', available: 2 });
    expect(e.bubbles && e.composed).to.be.true;
    await badge.updateComplete;
    expect(label(badge)).to.equal(en.lowStock(2));
    expect(liveRegion(badge)).to.equal(en.lowStock(2));
    await expect(badge).to.be.accessible();
    admin.close();
  });

  it('a page of 200 badges makes 1 availability request, at most 3 data requests and 1 event stream', async () => {
    const counter = countingFetch();
    const client = createBaseClient({
      baseUrl: env.apiUrl,
      publishableKey: env.publishableKey,
      fetch: counter.fetch,
      storage: null,
    });
    const skus = Array.from({ length: 200 }, (_, i) => `OK-${10001 + i}`);
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} store=${f.defaultStoreId} locale="en">
        ${skus.map((sku) => html`<omni-stock-badge sku=${sku}></omni-stock-badge>`)}
      </omni-provider>
    `);
    const badges = [...provider.querySelectorAll('omni-stock-badge')];
    await waitUntil(() => badges.every((b) => b.status !== 'loading'), 'not every badge resolved', { timeout: 15000 });
    expect(badges.filter((b) => b.status === 'error')).to.have.length(0);
    // The seeded page has out-of-stock badges, so the nearby look is exercised, not skipped.
    expect(badges.filter((b) => b.status === 'nearby').length).to.be.greaterThan(0);
    // Every availability route counts (grid and /nearest): the first look at [store, online]
    // carries the nearby look (`nearby=3`), so 200 SKUs x 2 locations are one grid request.
    const availability = [...counter.counts].reduce((n, [path, c]) => (path.startsWith('/v1/availability') ? n + c : n), 0);
    expect(availability).to.equal(1);
    // No store list or selected-store request for the nearby text; the products (inactive,
    // online only) of the out-of-stock badges in one request: at most 3 data requests in all.
    expect([...counter.counts.keys()].filter((p) => p.startsWith('/v1/stores'))).to.deep.equal([]);
    const data = [...counter.counts].reduce((n, [path, c]) => (path === '/v1/events' ? n : n + c), 0);
    expect(data).to.be.at.most(3);
    // One event stream for the page: every badge's topic (one per SKU) is there in the first
    // task, and the live nearby look watches the same topics, so the stream is never replaced.
    expect(counter.maxOpenStreams).to.equal(1);
    expect(counter.count('/v1/events')).to.equal(1);
    // For the report: requests per route, including the second looks (nearby stores, product
    // flags) that out-of-stock badges need.
    console.log('200 badges, requests per route:', JSON.stringify(Object.fromEntries(counter.counts)));
    client.close();
  });

  it('every locale has its own text', async () => {
    for (const [locale, lang] of [['sv-SE', 'sv'], ['nb-NO', 'nb'], ['da-DK', 'da'], ['fi-FI', 'fi'], ['en-GB', 'en']] as const) {
      const { badge } = await mount(f.inStock.sku, { store: f.inStock.storeId, locale });
      await settled(badge, 'in-stock');
      // The page's language is a chunk of its own, loaded by the badge itself.
      const m = await textsOf(lang);
      await waitUntil(() => label(badge) === m.inStock, `label not in ${lang}: ${label(badge)}`);
    }
  });

  it('no uncaught error for bad input (empty sku, malformed sku, malformed store id)', async () => {
    const rec = recordPageErrors();
    const empty = await mount('');
    await settled(empty.badge, 'error');
    // Malformed input is the integrator's mistake, not a product that is not sold: `error`.
    const badSku = await mount('not a sku!');
    await settled(badSku.badge, 'error');
    expect(label(badSku.badge)).to.equal(en.error);
    const badStore = await mount(f.inStock.sku, { store: 'NOT A STORE' });
    await settled(badStore.badge, 'error');
    // A well-formed store id that does not exist is refused by the API: `error` too.
    const unknownStore = await mount(f.inStock.sku, { store: f.unknownStoreId });
    await settled(unknownStore.badge, 'error');
    await new Promise((r) => setTimeout(r, 50));
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });

  it('a development build says once which input was refused', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const { badge } = await mount('still not a sku!');
      await settled(badge);
      badge.requestUpdate();
      await badge.updateComplete;
      expect(warnings.filter((w) => w.includes('still not a sku!'))).to.deep.equal([
        '[omnikit] <omni-stock-badge>: sku: "still not a sku!" is not a valid SKU',
      ]);
    } finally {
      console.warn = warn;
    }
  });
});

describe('<omni-stock-badge> with the fixture transport', () => {
  const clients: { close(): void }[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  async function withFixture(sku: string, options: Parameters<typeof createFixtureFetch>[0] = DEFAULT_FIXTURES) {
    const fetch = createFixtureFetch(options);
    const client = createBaseClient({
      baseUrl: 'https://fixture.test',
      publishableKey: 'pk_test_fixture',
      fetch,
      timeout: 300,
      retry: 0,
      storage: null,
    });
    clients.push(client);
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} store=${FIXTURE_STORE} locale="en">
        <omni-stock-badge sku=${sku}></omni-stock-badge>
      </omni-provider>
    `);
    return { fetch, badge: provider.querySelector('omni-stock-badge')! };
  }

  it('out of stock everywhere', async () => {
    const { badge } = await withFixture(FIXTURE_SKUS.outEverywhere);
    await settled(badge, 'out-of-stock');
    expect(label(badge)).to.equal(en.outOfStock);
    expect(badge.matches(':state(out-of-stock)')).to.be.true;
    await expect(badge).to.be.accessible();
  });

  it('not carried at this store nor nearby, but online: online only', async () => {
    const data = {
      ...DEFAULT_FIXTURES,
      availability: [
        ...DEFAULT_FIXTURES.availability.filter((a) => a.sku !== FIXTURE_SKUS.notStocked),
        { ...DEFAULT_FIXTURES.availability[2]!, sku: FIXTURE_SKUS.notStocked, storeId: 'online' },
      ],
    };
    const { badge } = await withFixture(FIXTURE_SKUS.notStocked, data);
    await settled(badge, 'online-only');
  });

  it('stays in its reserved space while slow, then updates live from the stream', async () => {
    const { fetch, badge } = await withFixture(FIXTURE_SKUS.inStock, { ...DEFAULT_FIXTURES, latencyMs: 150 });
    const loading = badge.getBoundingClientRect();
    await settled(badge, 'in-stock');
    expect(Math.abs(badge.getBoundingClientRect().height - loading.height)).to.be.lessThan(1);
    // Change stock once the watch is on the stream (an event before that would be history).
    await waitUntil(() => fetch.openStreams === 1, 'no event stream');
    fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand: 0 });
    await settled(badge, 'nearby');
    expect(label(badge)).to.equal(en.nearby(1, 'Omnikit Uppsala Forumtorget'));
    expect(visible(badge)).to.equal(en.nearbyShort('Forumtorget', 0));
    // The announcement is the full sentence.
    expect(liveRegion(badge)).to.equal(label(badge));
  });

  it('nearby stock is live: when the nearby store sells out, the badge says so', async () => {
    const { fetch, badge } = await withFixture(FIXTURE_SKUS.outOfStockAvailableNearby);
    await settled(badge, 'nearby');
    await waitUntil(() => fetch.openStreams === 1, 'no event stream');
    fetch.setStock({ sku: FIXTURE_SKUS.outOfStockAvailableNearby, storeId: 'se-uppsala-forumtorget', onHand: 0 });
    await settled(badge, 'out-of-stock');
    expect(liveRegion(badge)).to.equal(en.outOfStock);
    // The badge's own store, online and the nearby store share the SKU's one topic: one stream.
    const streams = fetch.requests.filter((r) => r.url.pathname === '/v1/events');
    expect(streams).to.have.length(1);
    expect(streams[0]!.url.searchParams.get('topics')).to.equal(`stock:${FIXTURE_SKUS.outOfStockAvailableNearby}`);
    await expect(badge).to.be.accessible();
  });
});

failureSuite({
  tag: 'omni-stock-badge',
  render: (client) => html`<omni-provider .client=${client} store=${FIXTURE_STORE} locale="en">
    <omni-stock-badge sku=${FIXTURE_SKUS.inStock}></omni-stock-badge>
  </omni-provider>`,
});

it('the error fallback text is the quiet one', async () => {
  const client = fixtureTestClient({ ...DEFAULT_FIXTURES, fail: 'network' });
  const provider = await fixture<OmniProvider>(html`<omni-provider .client=${client} store=${FIXTURE_STORE} locale="en">
    <omni-stock-badge sku=${FIXTURE_SKUS.inStock}></omni-stock-badge>
  </omni-provider>`);
  const badge = await settled(provider.querySelector('omni-stock-badge')!, 'error');
  expect(label(badge)).to.equal(en.error);
  client.close();
});
