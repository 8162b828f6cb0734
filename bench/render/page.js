// Page code of the render benchmark, bundled by bench/render/run.mjs with esbuild. Three ways
// to put 1000 stock labels on a page, measured the same way:
// - `badge`: the real <omni-stock-badge> inside an <omni-provider> whose client reads through
//   the SDK's fixture fetch, with the SDK cache warmed beforehand (no network in the timing);
// - `lit`: a minimal Lit element rendering text from a nanostore (the framework floor);
// - `plain`: a plain custom element with a shadow root and its text (the platform floor).
// window.bench.run(kind) returns milliseconds from appending 1000 elements to all of them
// showing their final text, laid out.
import { createBaseClient, getManyAvailability } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_STORE } from '@omnikit/sdk/testing';
import '@omnikit/elements/provider.js';
import '@omnikit/elements/stock-badge.js';
import { LitElement, html, css } from 'lit';
import { atom } from 'nanostores';

const N = 1000;
const AT = '2026-01-01T08:00:00.000Z';
const skus = Array.from({ length: N }, (_, i) => `BENCH-${String(i).padStart(5, '0')}`);
const base = DEFAULT_FIXTURES.products[0];
// Mostly in stock, every tenth low: the common states, which need no second lookup.
const availability = skus.flatMap((sku, i) => {
  const onHand = i % 10 === 0 ? 2 : 20;
  return [FIXTURE_STORE, 'online'].map((storeId) => ({
    sku, storeId, onHand, reserved: 0, available: onHand,
    status: onHand <= 3 ? 'low_stock' : 'in_stock', lowStockThreshold: 3, updatedAt: AT,
  }));
});
const fetch = createFixtureFetch({
  stores: DEFAULT_FIXTURES.stores,
  products: skus.map((sku) => ({ ...base, sku, name: `Bench product ${sku}` })),
  availability,
});
const client = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test_bench', fetch, storage: null });

// ---- the framework floor: Lit + a nanostore per element ----
const texts = skus.map((_, i) => atom(i % 10 === 0 ? 'Low stock, 2 left' : 'In stock'));
class BenchLit extends LitElement {
  static properties = { index: { type: Number } };
  static styles = css`:host { display: inline-block; }`;
  constructor() {
    super();
    this.index = 0;
  }
  connectedCallback() {
    super.connectedCallback();
    this.unlisten = texts[this.index].listen(() => this.requestUpdate());
  }
  disconnectedCallback() {
    super.disconnectedCallback();
    this.unlisten?.();
  }
  render() {
    return html`<span part="label">${texts[this.index].get()}</span>`;
  }
}
customElements.define('bench-lit', BenchLit);

// ---- the platform floor: a plain custom element with a shadow root ----
const sheet = new CSSStyleSheet();
sheet.replaceSync(':host { display: inline-block; }');
class BenchPlain extends HTMLElement {
  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet];
      const span = document.createElement('span');
      span.part.add('label');
      root.append(span);
    }
    this.shadowRoot.firstChild.textContent = texts[Number(this.getAttribute('index'))].get();
  }
}
customElements.define('bench-plain', BenchPlain);

// ---- harness ----
const provider = document.createElement('omni-provider');
provider.client = client;
provider.setAttribute('store', FIXTURE_STORE);
const host = document.createElement('div');
provider.append(host);
document.body.append(provider);

/** Yields to the event loop (a macrotask, without setTimeout's clamping). */
const channel = new MessageChannel();
const macrotask = () => new Promise((resolve) => {
  channel.port1.onmessage = resolve;
  channel.port2.postMessage(0);
});

const make = {
  badge: (i) => {
    const el = document.createElement('omni-stock-badge');
    el.setAttribute('sku', skus[i]);
    return el;
  },
  lit: (i) => {
    const el = document.createElement('bench-lit');
    el.index = i;
    return el;
  },
  plain: (i) => {
    const el = document.createElement('bench-plain');
    el.setAttribute('index', String(i));
    return el;
  },
};

/** Every element shows its final text. */
const done = {
  badge: (els) => els.every((el) => el.status !== 'loading' && el.shadowRoot?.querySelector('[part~=label]')),
  lit: (els) => els.every((el) => el.shadowRoot?.querySelector('[part=label]')?.textContent),
  plain: (els) => els.every((el) => el.shadowRoot?.firstChild?.textContent),
};

async function settle(els) {
  for (;;) {
    await Promise.all(els.map((el) => el.updateComplete));
    if (done[kindOf(els[0])](els)) return;
    await macrotask();
  }
}
const kindOf = (el) => (el.localName === 'omni-stock-badge' ? 'badge' : el.localName === 'bench-lit' ? 'lit' : 'plain');

window.bench = {
  N,
  /** Warms the SDK cache: what the badges need is fetched once before any timing. */
  async warm() {
    await getManyAvailability(client, { skus, storeIds: [FIXTURE_STORE, 'online'] });
  },
  /** Removes the previous run's elements. */
  clear() {
    host.replaceChildren();
  },
  async run(kind) {
    host.replaceChildren();
    const els = Array.from({ length: N }, (_, i) => make[kind](i));
    const before = fetch.requests.length;
    const started = performance.now();
    const fragment = document.createDocumentFragment();
    fragment.append(...els);
    host.append(fragment);
    await settle(els);
    void document.body.offsetHeight; // style and layout of the result count too
    const ms = performance.now() - started;
    // Requests the fixture saw during the run, by path: availability reads mean a cold cache.
    const during = fetch.requests.slice(before).map((r) => r.url.pathname);
    const requests = Object.fromEntries([...new Set(during)].map((p) => [p, during.filter((x) => x === p).length]));
    const sample = els[0].shadowRoot?.textContent.trim();
    const states = kind === 'badge' ? [...new Set(els.map((el) => el.status))] : [];
    return { ms, sample, states, requests };
  },
};
