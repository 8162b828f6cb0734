import { createBaseClient } from '@omnikit/sdk';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../provider/define.js';
import '../stock-badge/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniStockBadge } from '../stock-badge/stock-badge.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { recordPageErrors } from '../internal/testing/page-errors.js';
import { failureSuite } from '../internal/testing/suites.js';
import './define.js';
import type { OmniStoreChangeEvent } from './event.js';
import { en } from './messages.js';
import type { OmniStorePicker } from './store-picker.js';

const f = env.fixtures;

interface Mount {
  sku?: string;
  geo?: boolean;
  mode?: 'inline' | 'dialog';
  badge?: string;
}

async function mount(o: Mount = {}) {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider api=${env.apiUrl} key=${env.publishableKey} locale="en">
      <omni-store-picker sku=${ifDefined(o.sku)} ?use-geolocation=${o.geo} mode=${ifDefined(o.mode)}></omni-store-picker>
      ${o.badge ? html`<omni-stock-badge sku=${o.badge} nearby="off"></omni-stock-badge>` : ''}
    </omni-provider>
  `);
  return { provider, picker: provider.querySelector('omni-store-picker')!, badge: provider.querySelector('omni-stock-badge') as OmniStockBadge | null };
}

const root = (el: OmniStorePicker) => el.shadowRoot!;
const input = (el: OmniStorePicker) => root(el).querySelector<HTMLInputElement>('[part~=input]')!;
const listbox = (el: OmniStorePicker) => root(el).querySelector<HTMLElement>('[role=listbox]');
const options = (el: OmniStorePicker) => [...root(el).querySelectorAll<HTMLElement>('[role=option]')];
const names = (el: OmniStorePicker) => options(el).map((o) => o.querySelector('[part~=name]')!.textContent);

async function until(el: OmniStorePicker, cond: () => boolean, what: string) {
  await waitUntil(cond, `${what} (picker is ${el.status})`, { timeout: 8000 });
  await el.updateComplete;
}

/** A key pressed on the element that has focus inside the picker, as a keyboard would. */
function press(target: Element, key: string) {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
}

async function type(el: OmniStorePicker, text: string) {
  const i = input(el);
  i.focus();
  i.value = text;
  i.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  press(i, 'Enter');
  await el.updateComplete;
}

afterEach(() => localStorage.clear());

describe('<omni-store-picker> against the reference server', () => {
  it('lists the stores: name, open state, services; accessible', async () => {
    const { picker } = await mount();
    await until(picker, () => picker.status === 'ready', 'ready');
    expect(options(picker).length).to.equal(f.storeCount);
    const first = options(picker)[0]!;
    expect(first.querySelector('[part~=hours]')!.textContent).to.match(/^(Open until|Closed, opens|Open around|Closed)/);
    expect(first.querySelector('[part~=services]')!.textContent).to.contain('Click & collect');
    expect(first.getAttribute('aria-selected')).to.equal('false');
    expect(picker.matches(':state(ready)')).to.be.true;
    await expect(picker).to.be.accessible();
  });

  it('searches by city (debounced), by postcode, and shows the empty state', async () => {
    const { picker } = await mount();
    await until(picker, () => picker.status === 'ready', 'ready');
    const i = input(picker);
    i.value = 'Oslo';
    i.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await until(picker, () => names(picker).length === 2, 'the debounced search');
    expect(names(picker).every((n) => n!.includes('Oslo'))).to.be.true;
    // Distances from the typed place.
    expect(root(picker).querySelector('[part~=distance]')!.textContent).to.equal('0 km');
    await type(picker, '11826');
    await until(picker, () => names(picker).length === 1, 'the postcode search');
    await type(picker, 'Reykjavik');
    await until(picker, () => picker.status === 'empty', 'empty');
    expect(root(picker).querySelector('[part~=status]')!.textContent).to.equal(en.empty('Reykjavik'));
    expect(listbox(picker) === null).to.be.true;
    await expect(picker).to.be.accessible();
  });

  it('is fully usable by keyboard: arrows, Home, End, Enter; Escape clears the search', async () => {
    const { picker, provider } = await mount();
    await until(picker, () => picker.status === 'ready', 'ready');
    await type(picker, 'Stockholm');
    await until(picker, () => names(picker).length >= 2, 'the Stockholm stores');
    const n = options(picker).length;
    press(input(picker), 'ArrowDown');
    await picker.updateComplete;
    const lb = listbox(picker)!;
    expect(root(picker).activeElement === lb).to.be.true;
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o0');
    press(lb, 'ArrowDown');
    await picker.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o1');
    press(lb, 'End');
    await picker.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal(`o${n - 1}`);
    press(lb, 'Home');
    await picker.updateComplete;
    expect(lb.getAttribute('aria-activedescendant')).to.equal('o0');
    press(lb, 'ArrowDown');
    let event: OmniStoreChangeEvent | undefined;
    document.addEventListener('omni-store-change', (e) => (event = e), { once: true });
    press(lb, 'Enter');
    await picker.updateComplete;
    const chosen = options(picker)[1]!;
    expect(chosen.getAttribute('aria-selected')).to.equal('true');
    expect(chosen.querySelector('[part~=check]')!.textContent).to.equal(en.selected);
    expect(event!.detail.storeId).to.equal(provider.client!.$selectedStore.get());
    expect(event!.detail.store.name).to.equal(chosen.querySelector('[part~=name]')!.textContent);
    expect(event!.bubbles && event!.composed).to.be.true;
    expect(localStorage.getItem('omnikit:store')).to.equal(event!.detail.storeId);
    await expect(picker).to.be.accessible();
    // Escape in the list (inline) clears the search and returns to the field.
    press(lb, 'Escape');
    await until(picker, () => options(picker).length === f.storeCount, 'the cleared search');
    expect(input(picker).value).to.equal('');
    expect(root(picker).activeElement === input(picker)).to.be.true;
    // ArrowDown from the field lands on the chosen store; ArrowUp from the first row returns to the field.
    press(input(picker), 'ArrowDown');
    await picker.updateComplete;
    expect(listbox(picker)!.getAttribute('aria-activedescendant')).to.equal(`o${picker.state.rows.findIndex((r) => r.selected)}`);
    press(listbox(picker)!, 'Home');
    press(listbox(picker)!, 'ArrowUp');
    expect(root(picker).activeElement === input(picker)).to.be.true;
  });

  it('the choice moves every widget: a stock badge on the page follows it', async () => {
    const sku = f.outOfStockAvailableNearby.sku;
    const { picker, badge } = await mount({ sku, badge: sku });
    await until(picker, () => picker.status === 'ready' && picker.state.rows.every((r) => r.stock?.kind !== 'loading'), 'rows with stock');
    const out = options(picker).findIndex((o) => o.querySelector('[part~=name]')!.textContent!.endsWith(picker.state.rows.find((r) => r.store.id === f.outOfStockAvailableNearby.storeId)!.store.name));
    const has = picker.state.rows.findIndex((r) => r.store.id === f.outOfStockAvailableNearby.nearbyStoreId);
    expect(options(picker)[out]!.querySelector('[part~=stock]')!.textContent).to.equal(en.stock['out-of-stock']);
    options(picker)[has]!.click();
    await until(picker, () => badge!.status === 'in-stock' || badge!.status === 'low-stock', 'the badge at the chosen store');
    options(picker)[out]!.click();
    await until(picker, () => badge!.status === 'out-of-stock', 'the badge follows the second choice');
    await expect(picker).to.be.accessible();
  });

  it('asks for the position only after the tap on "use my location", then sorts by distance', async () => {
    const geo = navigator.geolocation;
    let calls = 0;
    const stub = {
      getCurrentPosition(ok: PositionCallback) {
        calls++;
        ok({ coords: { latitude: 60.17, longitude: 24.94 } } as GeolocationPosition);
      },
    };
    Object.defineProperty(navigator, 'geolocation', { value: stub, configurable: true });
    try {
      const { picker } = await mount({ geo: true });
      await until(picker, () => picker.status === 'ready', 'ready');
      await new Promise((r) => setTimeout(r, 100));
      expect(calls).to.equal(0);
      const locate = root(picker).querySelector<HTMLButtonElement>('[part~=locate]')!;
      expect(locate.textContent).to.equal(en.useLocation);
      locate.click();
      expect(calls).to.equal(1);
      await until(picker, () => picker.state.origin === 'device' && picker.status === 'ready', 'the list by distance');
      expect(names(picker)[0]).to.contain('Helsinki');
      const d = picker.state.rows.map((r) => r.distanceKm!);
      expect(d).to.deep.equal([...d].sort((a, b) => a - b));
      await expect(picker).to.be.accessible();
    } finally {
      Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true });
    }
  });

  it('a refused position says so, and the search still works', async () => {
    const geo = navigator.geolocation;
    Object.defineProperty(navigator, 'geolocation', {
      value: { getCurrentPosition: (_ok: PositionCallback, fail: PositionErrorCallback) => fail({ code: 1 } as GeolocationPositionError) },
      configurable: true,
    });
    try {
      const { picker } = await mount({ geo: true });
      await until(picker, () => picker.status === 'ready', 'ready');
      root(picker).querySelector<HTMLButtonElement>('[part~=locate]')!.click();
      await picker.updateComplete;
      expect(root(picker).querySelector('[part~=status]')!.textContent).to.equal(en.locationFailed);
      await expect(picker).to.be.accessible();
    } finally {
      Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true });
    }
  });

  it('dialog mode: the trigger opens a modal dialog; choosing closes it and names the store; Escape closes', async () => {
    const { picker } = await mount({ mode: 'dialog' });
    await until(picker, () => picker.status === 'idle', 'idle while closed');
    const trigger = root(picker).querySelector<HTMLButtonElement>('[part~=trigger]')!;
    expect(trigger.textContent).to.equal(en.choose);
    expect(root(picker).querySelector('[role=listbox]') === null).to.be.true;
    await expect(picker).to.be.accessible();
    trigger.click();
    await until(picker, () => picker.status === 'ready', 'the list in the dialog');
    const dialog = root(picker).querySelector('dialog')!;
    expect(dialog.open).to.be.true;
    expect(picker.matches(':state(open)')).to.be.true;
    expect(root(picker).activeElement === input(picker)).to.be.true;
    await expect(picker).to.be.accessible();
    await type(picker, 'Bergen');
    await until(picker, () => names(picker).length === 1, 'Bergen');
    press(input(picker), 'ArrowDown');
    await picker.updateComplete;
    press(listbox(picker)!, 'Enter');
    await until(picker, () => !dialog.open && picker.status === 'idle' && !!picker.state.selected, 'closed, with the chosen store');
    expect(trigger.textContent).to.equal(en.yourStore(picker.state.selected!.shortName!));
    // Escape closes the dialog (native `cancel`); on the field it first clears the search.
    trigger.click();
    await until(picker, () => picker.status === 'ready', 'open again');
    await type(picker, 'x');
    press(input(picker), 'Escape');
    await picker.updateComplete;
    expect(input(picker).value).to.equal('');
    expect(dialog.open).to.be.true;
    dialog.dispatchEvent(new Event('cancel'));
    dialog.close();
    await until(picker, () => !picker.matches(':state(open)'), 'closed');
  });

  it('dialog mode: the open attribute opens the dialog from another control; closing fires close and clears it', async () => {
    const { picker } = await mount({ mode: 'dialog' });
    await until(picker, () => picker.status === 'idle', 'idle while closed');
    let closes = 0;
    picker.addEventListener('close', () => closes++);
    picker.setAttribute('open', '');
    await until(picker, () => picker.status === 'ready', 'the list in the dialog');
    const dialog = root(picker).querySelector('dialog')!;
    expect(dialog.open).to.be.true;
    await expect(picker).to.be.accessible();
    root(picker).querySelector<HTMLButtonElement>('[part~=close]')!.click();
    await until(picker, () => closes === 1 && !dialog.open, 'closed, with close fired');
    expect(picker.open).to.be.false;
    expect(picker.hasAttribute('open')).to.be.false;
  });

  it('loading keeps the list box size (no layout shift) and is accessible', async () => {
    // A transport that never answers: the loading state as long as the test needs it.
    const client = createBaseClient({ baseUrl: 'https://slow.test', publishableKey: 'pk_test_slow', fetch: () => new Promise<Response>(() => undefined), storage: null });
    const host = await fixture(html`<omni-provider .client=${client}><omni-store-picker></omni-store-picker></omni-provider>`);
    const picker = host.querySelector('omni-store-picker')!;
    await picker.updateComplete;
    expect(picker.status).to.equal('loading');
    const box = root(picker).querySelector<HTMLElement>('[part~=list]')!;
    expect(box.getAttribute('aria-busy')).to.equal('true');
    const loadingHeight = box.getBoundingClientRect().height;
    await expect(picker).to.be.accessible();
    client.close();
    const { picker: ready } = await mount();
    await until(ready, () => ready.status === 'ready', 'ready');
    expect(root(ready).querySelector<HTMLElement>('[part~=list]')!.getBoundingClientRect().height).to.equal(loadingHeight);
  });

  it('a malformed sku is an error state with a message, never a throw', async () => {
    const rec = recordPageErrors();
    const { picker } = await mount({ sku: 'bad sku!' });
    await until(picker, () => picker.status === 'error', 'error');
    expect(root(picker).querySelector('[part~=status]')!.textContent).to.equal(en.error);
    await expect(picker).to.be.accessible();
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });

  it('speaks the page language (Swedish)', async () => {
    const provider = await fixture<OmniProvider>(html`<omni-provider api=${env.apiUrl} key=${env.publishableKey} locale="sv-SE"><omni-store-picker></omni-store-picker></omni-provider>`);
    const picker = provider.querySelector('omni-store-picker')!;
    await until(picker, () => picker.status === 'ready' && input(picker).placeholder === 'Ort, postnummer eller butiksnamn', 'Swedish');
  });
});

failureSuite({ tag: 'omni-store-picker', render: (client) => html`<omni-provider .client=${client}><omni-store-picker></omni-store-picker></omni-provider>` });
