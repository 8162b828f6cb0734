import { createBaseClient } from '@omnikit/sdk';
import { cartOf, type FulfillmentChoice } from '@omnikit/sdk/cart';
import { FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/define.js';
import '../add-to-cart/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniClient } from '../internal/context.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { recordPageErrors } from '../internal/testing/page-errors.js';
import { failureSuite, renderStory, storiesOf } from '../internal/testing/suites.js';
import type { OmniClickCollect } from './click-collect.js';
import { OmniFulfillmentChangeEvent } from './event.js';
import './define.js';
import { en, loadMessages, messagesOf } from './messages.js';
import meta, * as stories from './click-collect.stories.js';

const F = env.fixtures;
const STORE = F.defaultStoreId;
/** The Stockholm store with curbside pickup. */
const MALL = 'se-solna-mall-of-scandinavia';

const root = (el: OmniClickCollect) => el.shadowRoot!;
const options = (el: OmniClickCollect) => [...root(el).querySelectorAll<HTMLElement>('[part=option]')];
const slots = (el: OmniClickCollect) => [...root(el).querySelectorAll<HTMLElement>('[part=slot]')];
const checked = (list: HTMLElement[]) => list.find((o) => o.getAttribute('aria-checked') === 'true');
const focused = (el: OmniClickCollect) => root(el).activeElement as HTMLElement | null;
const text = (n: Element | null | undefined) => n?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const settled = (el: OmniClickCollect) =>
  waitUntil(() => el.status !== 'loading' && el.state.slots.status !== 'loading', 'click-collect stayed loading', { timeout: 8000 });

const clients: OmniClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

/** A client of the reference server (no storage: a fresh device), with a store chosen through the SDK. */
function serverClient(store?: string) {
  const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null });
  clients.push(client);
  if (store) client.selectStore(store);
  return client;
}

async function mount(client: OmniClient, sku: string, { qty = 1, locale = 'en', withAdd = false } = {}) {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider .client=${client} locale=${locale}
      ><button id="before">before</button><omni-click-collect sku=${sku} qty=${qty}></omni-click-collect
      >${withAdd ? html`<omni-add-to-cart sku=${sku} qty=${qty}></omni-add-to-cart>` : ''}</omni-provider
    >
  `);
  const el = provider.querySelector('omni-click-collect')!;
  await settled(el);
  return { el, provider };
}

/** Presses a key and waits for the widget to show what it chose. */
async function press(el: OmniClickCollect, key: string) {
  await sendKeys({ press: key });
  await el.updateComplete;
  await settled(el);
  await el.updateComplete;
}

describe('<omni-click-collect> against the reference server', () => {
  it('the options as one radio group: the default checked, ready times in the store zone, the slots of the ready day', async () => {
    const { el } = await mount(serverClient(STORE), F.inStock.sku);
    expect(el.status).to.equal('ready');
    expect(el.matches(':state(ready)')).to.be.true;
    const group = root(el).querySelector('[role=radiogroup]')!;
    expect(group.getAttribute('aria-labelledby')).to.equal('legend');
    expect(text(root(el).getElementById('legend'))).to.equal(en.legend);
    const list = options(el);
    expect(list.map((o) => o.dataset.id)).to.deep.equal(el.state.options.map((o) => o.id));
    const counter = el.state.options[0]!;
    expect(checked(list)!.dataset.id).to.equal(counter.id);
    // One tab stop: the checked radio.
    expect(list.map((o) => o.tabIndex)).to.deep.equal(list.map((o) => (o === checked(list) ? 0 : -1)));
    // The ready time, in Stockholm's zone, as the SDK decided the day.
    const t = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Europe/Stockholm' }).format(new Date(counter.readyAt!));
    const said = counter.readyDay === 'today' ? en.readyToday(t) : counter.readyDay === 'tomorrow' ? en.readyTomorrow(t) : undefined;
    if (said) expect(text(list[0]!.querySelector('[part=detail]'))).to.equal(said);
    else expect(text(list[0]!.querySelector('[part=detail]'))).to.contain(t);
    const delivery = list.at(-1)!;
    expect(text(delivery.querySelector('[part=detail]'))).to.match(/^Delivered \w{3}, \d{1,2} \w{3}$|^Delivered \w{3} \d{1,2} \w{3}$|^Delivered \w{3}, \w{3} \d{1,2}$/);
    // The store of the pickup and the slot group of the ready day.
    expect(text(root(el).querySelector('[part=store] span'))).to.equal(en.pickupAt(counter.storeName!));
    expect(root(el).querySelector('[part=slots] [role=radiogroup]')).to.exist;
    expect(slots(el).length).to.equal(el.state.slots.items.length);
    for (const [i, s] of el.state.slots.items.entries()) {
      expect(slots(el)[i]!.getAttribute('aria-disabled')).to.equal(String(!s.available));
      if (s.reason) expect(text(slots(el)[i]!.querySelector('[part=detail]'))).to.equal(en.slotReason[s.reason]);
    }
    await expect(el).to.be.accessible();
  });

  it('keyboard only: Tab to the group, arrows move and choose (skipping what cannot be had), Tab to the slots, Space chooses; each choice fires omni-fulfillment-change', async () => {
    const client = serverClient(STORE);
    const { el, provider } = await mount(client, F.inStock.sku);
    const events: FulfillmentChoice[] = [];
    provider.addEventListener(OmniFulfillmentChangeEvent.type, (e) => {
      expect(e).to.be.instanceOf(OmniFulfillmentChangeEvent);
      expect(e.bubbles && e.composed).to.be.true;
      events.push(e.detail);
    });
    provider.querySelector<HTMLButtonElement>('#before')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.dataset.id).to.equal(el.state.selectedId);
    // Curbside is not offered at this store: the arrow goes past it to the first locker.
    expect(el.state.options[1]!.possible).to.be.false;
    await press(el, 'ArrowDown');
    const locker = el.state.options[2]!;
    expect(el.state.selectedId).to.equal(locker.id);
    expect(focused(el)?.dataset.id).to.equal(locker.id);
    expect(checked(options(el))!.dataset.id).to.equal(locker.id);
    expect(events.at(-1)).to.deep.equal({ kind: 'locker', storeId: (locker.fulfillment as { storeId: string }).storeId, nearStoreId: STORE });
    expect(root(el).querySelector('[part=slots]'), 'a locker has no slots').to.not.exist;
    await expect(el).to.be.accessible();
    await press(el, 'End');
    expect(el.state.selected!.kind).to.equal('delivery');
    expect(events.at(-1)).to.deep.equal({ kind: 'delivery' });
    await press(el, 'Home');
    expect(el.state.selected!.kind).to.equal('in_store');
    expect(events.at(-1)).to.deep.equal({ kind: 'in_store', storeId: STORE });
    // Tab: past the store button to the slots, on the first that can be had.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.getAttribute('part')).to.equal('store-button');
    await sendKeys({ press: 'Tab' });
    const first = el.state.slots.items.find((s) => s.available)!;
    expect(first, 'a slot of the ready day can be had').to.exist;
    expect(focused(el)?.dataset.id).to.equal(first.id);
    await press(el, ' ');
    expect(el.state.slots.selectedId).to.equal(first.id);
    expect(checked(slots(el))!.dataset.id).to.equal(first.id);
    expect(events.at(-1)).to.deep.equal({ kind: 'in_store', storeId: STORE, slotId: first.id });
    await expect(el).to.be.accessible();
    expect(events.length).to.equal(4);
  });

  it('the add-to-cart line gets the chosen fulfilment and slot: curbside at a store that has it', async () => {
    const client = serverClient(MALL);
    const { el, provider } = await mount(client, F.inStock.sku, { withAdd: true });
    const curb = el.state.options.find((o) => o.kind === 'curbside')!;
    expect(curb.possible).to.be.true;
    options(el).find((o) => o.dataset.id === curb.id)!.click();
    await waitUntil(() => el.state.selectedId === curb.id && el.state.slots.status === 'ready', 'curbside chosen');
    await el.updateComplete;
    const slot = el.state.slots.items.find((s) => s.available)!;
    slots(el).find((s) => s.dataset.id === slot.id)!.click();
    await waitUntil(() => el.state.slots.selectedId === slot.id, 'slot chosen');
    const add = provider.querySelector('omni-add-to-cart')!;
    await waitUntil(() => add.state.kind === 'available' && add.state.slotId === slot.id, 'add-to-cart follows the choice');
    expect(add.state.fulfillment).to.deep.equal({ type: 'pickup', storeId: MALL, method: 'curbside' });
    const added = oneEvent(document, 'omni-add-to-cart');
    add.shadowRoot!.querySelector<HTMLButtonElement>('[part=base]')!.click();
    await added;
    const cart = await cartOf(client).get();
    expect(cart!.lines.map((l) => l.fulfillment)).to.deep.equal([{ type: 'pickup', storeId: MALL, method: 'curbside' }]);
    await waitUntil(() => cartOf(client).$cart.get()?.groups[0]?.slot?.id === slot.id, 'the slot is on the cart');
  });

  it('an option that cannot be had is disabled with the reason and what to have instead', async () => {
    const { el } = await mount(serverClient(STORE), F.onlineOnly.sku);
    const counter = options(el)[0]!;
    expect(counter.getAttribute('aria-disabled')).to.equal('true');
    expect(counter.tabIndex).to.equal(-1);
    const instead = el.state.options.find((o) => o.id === el.state.options[0]!.insteadId)!;
    expect(instead.possible).to.be.true;
    expect(text(counter.querySelector('[part=detail]'))).to.contain(en.problem.online_only);
    expect(text(counter.querySelector('[part=detail]'))).to.contain(en.instead(text(options(el).find((o) => o.dataset.id === instead.id)!.querySelector('[part=name]'))));
    counter.click();
    await el.updateComplete;
    expect(el.state.selectedId).to.not.equal(counter.dataset.id);
    await expect(el).to.be.accessible();
  });

  it('a full slot is disabled with the reason', async () => {
    const client = serverClient(STORE);
    const { el } = await mount(client, F.inStock.sku);
    const slot = el.state.slots.items.find((s) => s.available)!;
    // Fill it: one checkout per place (each a device of its own), of a SKU no other test counts
    // the stock of (the server is shared by every test file of the run).
    const filler = (F as typeof F & { reducedVat: { sku: string } }).reducedVat.sku;
    for (let i = 0; i < slot.remaining; i++) {
      const other = serverClient();
      const c = cartOf(other);
      await c.addLine({ sku: filler, quantity: 1, fulfillment: { type: 'pickup', storeId: STORE } });
      await c.setPickupSlot({ storeId: STORE, slotId: slot.id });
      await c.checkout({ payment: { method: 'in_store' }, contact: { email: `full${i}@example.com` } });
    }
    // Another page shows the day afresh.
    const { el: again } = await mount(serverClient(STORE), F.inStock.sku);
    const full = slots(again).find((s) => s.dataset.id === slot.id)!;
    expect(full.getAttribute('aria-disabled')).to.equal('true');
    expect(text(full.querySelector('[part=detail]'))).to.equal(en.slotReason.full);
    full.click();
    await again.updateComplete;
    expect(again.state.slots.selectedId).to.be.undefined;
    await expect(again).to.be.accessible();
    expect(el.state.slots.items.length).to.be.greaterThan(0);
  });

  it('no store: home delivery only and a button that opens the store picker; the store chosen there is followed', async () => {
    const client = serverClient();
    const { el } = await mount(client, F.inStock.sku);
    expect(el.state.needsStore).to.be.true;
    expect(options(el).map((o) => o.dataset.id)).to.deep.equal(['delivery']);
    const button = root(el).querySelector<HTMLButtonElement>('[part=store-button]')!;
    expect(text(button)).to.equal(en.chooseStore);
    await expect(el).to.be.accessible();
    button.click();
    await el.updateComplete;
    const picker = root(el).querySelector('omni-store-picker')!;
    expect(picker.getAttribute('mode')).to.equal('dialog');
    expect(picker.getAttribute('sku')).to.equal(F.inStock.sku);
    // What the picker does: set the shared store, then tell the page.
    client.selectStore(STORE);
    picker.dispatchEvent(new Event('omni-store-change', { bubbles: true, composed: true }));
    await waitUntil(() => el.state.storeId === STORE && el.status === 'ready', 'the chosen store is followed', { timeout: 8000 });
    await el.updateComplete;
    expect(root(el).querySelector('omni-store-picker')).to.not.exist;
    expect(options(el).length).to.be.greaterThan(1);
  });

  it('loading and error keep the same height; bad input is an error, nothing thrown', async () => {
    const rec = recordPageErrors();
    const never = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null, fetch: () => new Promise(() => {}), timeout: 2_147_483_647 });
    clients.push(never);
    never.selectStore(STORE);
    const loading = await fixture<OmniProvider>(html`<omni-provider .client=${never}><omni-click-collect sku=${F.inStock.sku}></omni-click-collect></omni-provider>`);
    const l = loading.querySelector('omni-click-collect')!;
    await l.updateComplete;
    expect(l.status).to.equal('loading');
    expect(l.matches(':state(loading)')).to.be.true;
    await expect(l).to.be.accessible();
    const { el: bad } = await mount(serverClient(STORE), F.inStock.sku, { qty: 0 });
    expect(bad.status).to.equal('error');
    expect(bad.state.error!.code).to.equal('validation_failed');
    expect(text(root(bad).querySelector('[part=message]'))).to.equal(en.badInput);
    await expect(bad).to.be.accessible();
    const h = (e: OmniClickCollect) => root(e).querySelector('[part=base]')!.getBoundingClientRect().height;
    expect(h(l)).to.equal(h(bad));
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });

  it('speaks the page language: Swedish', async () => {
    await loadMessages('sv');
    const sv = messagesOf('sv')!;
    const { el } = await mount(serverClient(STORE), F.inStock.sku, { locale: 'sv-SE' });
    expect(text(root(el).getElementById('legend'))).to.equal(sv.legend);
    expect(text(options(el)[0]!.querySelector('[part=name]'))).to.equal(sv.kind.in_store);
    await expect(el).to.be.accessible();
  });
});

failureSuite({
  tag: 'omni-click-collect',
  render: (client) => html`<omni-provider .client=${client} store=${FIXTURE_STORE}><omni-click-collect sku=${FIXTURE_SKUS.inStock}></omni-click-collect></omni-provider>`,
});

describe('<omni-click-collect> stories', () => {
  for (const [name, story] of storiesOf(stories)) {
    it(`${name}: renders, accessible`, async () => {
      const host = await renderStory(meta, story);
      const el = host.querySelector('omni-click-collect')!;
      await waitUntil(() => el.status !== 'loading' || name === 'Loading', `${name} stayed loading`, { timeout: 5000 });
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  }
});
