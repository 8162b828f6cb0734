import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import { createBaseClient } from '@omnikit/sdk';
import { ContextConsumer } from '@lit/context';
import { LitElement } from 'lit';
import { omniContext, type OmniContext } from '../internal/context.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { env } from '../internal/testing/env.js';
import { describe, it } from '../internal/testing/mocha.js';
import '../price/define.js';
import '../stock-badge/define.js';
import './define.js';
import { OmniProvider } from './provider.js';
import type { OmniStockBadge } from '../stock-badge/stock-badge.js';

describe('<omni-provider>', () => {
  it('creates one client from api and key, and a new one when the key changes', async () => {
    const el = await fixture<OmniProvider>(html`<omni-provider api=${env.apiUrl} key=${env.publishableKey}></omni-provider>`);
    const first = el.client!;
    expect(first.config.baseUrl).to.equal(env.apiUrl);
    expect(first.config.channel).to.equal('web');
    el.setAttribute('channel', 'kiosk');
    await el.updateComplete;
    expect(el.client).to.not.equal(first);
    expect(el.client!.config.channel).to.equal('kiosk');
    el.setAttribute('store', FIXTURE_STORE); // not a client setting: same client
    const second = el.client;
    await el.updateComplete;
    expect(el.client).to.equal(second);
  });

  it('closes its client when removed, and survives a move in the DOM', async () => {
    const host = await fixture<HTMLDivElement>(html`<div>
      <omni-provider api=${env.apiUrl} key=${env.publishableKey}></omni-provider><section></section>
    </div>`);
    const el = host.querySelector('omni-provider')!;
    const client = el.client!;
    let closed = 0;
    const close = client.close;
    client.close = () => {
      closed++;
      close();
    };
    host.querySelector('section')!.append(el); // a move: disconnect + connect in one task
    await Promise.resolve();
    expect(el.client).to.equal(client);
    expect(closed).to.equal(0);
    el.remove();
    await Promise.resolve();
    expect(closed).to.equal(1);
    expect(el.client).to.equal(undefined);
  });

  it('never closes a client assigned from outside', async () => {
    const client = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch: createFixtureFetch(DEFAULT_FIXTURES), storage: null });
    let closed = false;
    const close = client.close;
    client.close = () => {
      closed = true;
      close();
    };
    const el = await fixture<OmniProvider>(html`<omni-provider .client=${client}></omni-provider>`);
    el.remove();
    await Promise.resolve();
    expect(closed).to.be.false;
    client.close();
  });

  it('an invalid channel warns instead of throwing', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const el = await fixture<OmniProvider>(html`<omni-provider api=${env.apiUrl} key=${env.publishableKey} channel="fax">
        <omni-stock-badge sku=${env.fixtures.inStock.sku}></omni-stock-badge>
      </omni-provider>`);
      expect(el.client).to.equal(undefined);
      const badge = el.querySelector<OmniStockBadge>('omni-stock-badge')!;
      await waitUntil(() => badge.status === 'error', `badge stayed ${badge.status}`);
      // The provider says why; the badge repeats the refused input it got from the SDK.
      const said = warnings.map((w) => String((w as unknown[])[0]));
      expect(said.filter((w) => w.startsWith('[omnikit] <omni-provider>: ') && w.includes('channel'))).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('without a key: widgets show their error state (not an endless skeleton), no request, one warning', async () => {
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    const requests: string[] = [];
    const observer = new PerformanceObserver((list) => requests.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource', buffered: false });
    try {
      const el = await fixture<OmniProvider>(html`<omni-provider api=${env.apiUrl}>
        <omni-stock-badge sku=${env.fixtures.inStock.sku}></omni-stock-badge><omni-price sku=${env.fixtures.inStock.sku}></omni-price>
      </omni-provider>`);
      const badge = el.querySelector<OmniStockBadge>('omni-stock-badge')!;
      const price = el.querySelector('omni-price')!;
      await waitUntil(() => badge.status === 'error' && price.matches(':state(error)'), `badge ${badge.status}`);
      expect(warnings).to.have.length(1);
      expect(String((warnings[0] as unknown[])[0])).to.contain('publishable-key');
      expect(requests.filter((r) => r.startsWith(env.apiUrl))).to.deep.equal([]);
      await expect(badge).to.be.accessible();
      // The key arrives later (a framework that sets it after mounting): the widgets recover.
      el.setAttribute('publishable-key', env.publishableKey);
      await waitUntil(() => badge.status === 'in-stock', `badge stayed ${badge.status}`, { timeout: 5000 });
    } finally {
      observer.disconnect();
      console.warn = warn;
    }
  });

  it('publishable-key (the attribute frameworks leave alone) works like key, and wins over it', async () => {
    const el = await fixture<OmniProvider>(html`<omni-provider api=${env.apiUrl} key="pk_wrong" publishable-key=${env.publishableKey}
      store=${env.fixtures.inStock.storeId}><omni-stock-badge sku=${env.fixtures.inStock.sku}></omni-stock-badge></omni-provider>`);
    expect(el.client?.config.publishableKey).to.equal(env.publishableKey);
    const badge = el.querySelector<OmniStockBadge>('omni-stock-badge')!;
    await waitUntil(() => badge.status === 'in-stock', `badge stayed ${badge.status}`, { timeout: 5000 });
  });

  it('a key set in the same task as the element is created never shows an error', async () => {
    const el = document.createElement('omni-provider') as OmniProvider;
    el.api = env.apiUrl;
    el.innerHTML = `<omni-stock-badge sku="${env.fixtures.inStock.sku}" store="${env.fixtures.inStock.storeId}"></omni-stock-badge>`;
    const states: string[] = [];
    el.addEventListener('omni-stock-change', (e) => states.push((e as unknown as { state: string }).state));
    document.body.append(el);
    el.publishableKey = env.publishableKey; // as React sets props after insertion, same task
    const badge = el.querySelector<OmniStockBadge>('omni-stock-badge')!;
    try {
      await waitUntil(() => badge.status === 'in-stock', `badge stayed ${badge.status}`, { timeout: 5000 });
      expect(states).to.deep.equal(['in-stock']);
    } finally {
      el.remove();
    }
  });

  it('theme="dark" sets the tokens for every widget inside', async () => {
    const client = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch: createFixtureFetch(DEFAULT_FIXTURES), storage: null });
    const el = await fixture<OmniProvider>(html`<omni-provider .client=${client} store=${FIXTURE_STORE} theme="dark">
      <omni-stock-badge sku=${FIXTURE_SKUS.inStock}></omni-stock-badge>
    </omni-provider>`);
    const badge = el.querySelector('omni-stock-badge')!;
    await waitUntil(() => badge.status === 'in-stock');
    const color = getComputedStyle(badge.shadowRoot!.querySelector('[part~=label]')!).color;
    expect(color).to.equal('rgb(230, 237, 243)');
    await expect(badge).to.be.accessible();
    el.theme = 'light';
    await el.updateComplete;
    expect(getComputedStyle(badge.shadowRoot!.querySelector('[part~=label]')!).color).to.equal('rgb(31, 35, 40)');
    client.close();
  });

  it('reaches widgets that were defined before it (a provider that upgrades late)', async () => {
    // npm users may import a widget before the provider; the widget's context request then
    // finds no one. The provider must still reach it once its own tag is defined.
    const tag = 'omni-provider-late-test';
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.innerHTML = `<${tag} api="${env.apiUrl}" key="${env.publishableKey}" store="${env.fixtures.inStock.storeId}" locale="en">
      <omni-stock-badge sku="${env.fixtures.inStock.sku}"></omni-stock-badge></${tag}>`;
    const badge = host.querySelector<OmniStockBadge>('omni-stock-badge')!;
    await badge.updateComplete;
    expect(badge.status).to.equal('loading');
    customElements.define(tag, class extends OmniProvider {});
    await waitUntil(() => badge.status === 'in-stock', `badge stayed ${badge.status}`, { timeout: 5000 });
    await expect(badge).to.be.accessible();
  });

  it('widgets link to the nearest provider (also across a shadow root), and follow a move to another', async () => {
    const fetch = createFixtureFetch(DEFAULT_FIXTURES);
    const a = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test_a', fetch, storage: null });
    const b = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test_b', fetch, storage: null });
    const outer = await fixture<OmniProvider>(html`<omni-provider .client=${a} store=${FIXTURE_STORE}>
      <div id="shadow-host"></div>
      <omni-provider .client=${b} store=${FIXTURE_STORE}><omni-stock-badge sku=${FIXTURE_SKUS.lowStock}></omni-stock-badge></omni-provider>
    </omni-provider>`);
    const inner = outer.querySelector<OmniProvider>('omni-provider')!;
    const badge = inner.querySelector<OmniStockBadge>('omni-stock-badge')!;
    const ctxOf = (el: Element) => (el as unknown as { ctx: OmniContext | undefined }).ctx;
    await waitUntil(() => badge.status === 'low-stock', `badge stayed ${badge.status}`);
    expect(ctxOf(badge)!.client).to.equal(b);
    // A widget in another component's shadow root reaches the provider around that component.
    const root = outer.querySelector('#shadow-host')!.attachShadow({ mode: 'open' });
    const shadowed = document.createElement('omni-stock-badge');
    shadowed.sku = FIXTURE_SKUS.inStock;
    root.append(shadowed);
    await waitUntil(() => shadowed.status === 'in-stock', `shadowed badge stayed ${shadowed.status}`);
    expect(ctxOf(shadowed)!.client).to.equal(a);
    // Moved out of the inner provider: the outer one's client, and changes from it arrive.
    outer.append(badge);
    await badge.updateComplete;
    expect(ctxOf(badge)!.client).to.equal(a);
    outer.locale = 'sv';
    await outer.updateComplete;
    await badge.updateComplete;
    expect(ctxOf(badge)!.locale).to.equal('sv');
    // The inner provider no longer tells the moved badge anything.
    inner.locale = 'fi';
    await inner.updateComplete;
    expect(ctxOf(badge)!.locale).to.equal('sv');
    a.close();
    b.close();
  });

  it('answers other consumers of omniContext through the context-request event', async () => {
    // omniContext is public: a third-party element consumes it with @lit/context directly.
    class ThirdParty extends LitElement {
      readonly consumer = new ContextConsumer(this, { context: omniContext, subscribe: true });
    }
    customElements.define('third-party-omni-consumer', ThirdParty);
    const client = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test', fetch: createFixtureFetch(DEFAULT_FIXTURES), storage: null });
    const el = await fixture<OmniProvider>(html`<omni-provider .client=${client} store=${FIXTURE_STORE}>
      <third-party-omni-consumer></third-party-omni-consumer>
    </omni-provider>`);
    const consumer = el.querySelector<ThirdParty>('third-party-omni-consumer')!.consumer;
    expect(consumer.value?.client).to.equal(client);
    expect(consumer.value?.storeId).to.equal(FIXTURE_STORE);
    el.store = 'STORE-2';
    await el.updateComplete;
    expect(consumer.value?.storeId).to.equal('STORE-2');
    client.close();
  });
});
