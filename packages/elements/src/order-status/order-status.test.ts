import { createBaseClient } from '@omnikit/sdk';
import { createAdminClient } from '@omnikit/sdk/admin';
import { cartOf, type Order } from '@omnikit/sdk/cart';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniClient } from '../internal/context.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { recordPageErrors } from '../internal/testing/page-errors.js';
import { renderStory, storiesOf } from '../internal/testing/suites.js';
import type { OmniOrderStatus } from './order-status.js';
import './define.js';
import { en as m } from './messages.js';
import { messages as sv } from './messages.sv.js';
import meta, * as stories from './order-status.stories.js';

const SOLNA = 'se-solna-mall-of-scandinavia';
const q = (el: OmniOrderStatus, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const all = (el: OmniOrderStatus, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const text = (el: OmniOrderStatus, sel: string) => q(el, sel)?.textContent?.replace(/\s+/g, ' ').trim();
const announced = () => [...(document.querySelector('[data-omni-announcer]')?.children ?? [])].map((n) => n.textContent);

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
}

const clients: { close(): void }[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  document.querySelector('[data-omni-announcer]')?.replaceChildren();
});

function admin() {
  const a = createAdminClient({ baseUrl: env.apiUrl, secretKey: env.secretKey });
  clients.push(a);
  return a;
}

/** A shopper's device with a placed pickup order of one unit. */
async function placed(sku: string, storeId: string, method: 'in_store' | 'curbside' | 'locker'): Promise<{ client: OmniClient; order: Order }> {
  const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: memoryStorage(), realtime: { debounceMs: 5 } });
  clients.push(client);
  await cartOf(client).addLine({ sku, quantity: 1, fulfillment: { type: 'pickup', storeId, method } });
  const order = await cartOf(client).checkout({ payment: { method: 'in_store' }, contact: { email: 'shopper@example.com' } });
  return { client, order };
}

async function mount(client: OmniClient, order: string, locale = 'en') {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider .client=${client} locale=${locale}><omni-order-status order=${order} theme="light"></omni-order-status></omni-provider>
  `);
  const el = provider.querySelector('omni-order-status')!;
  await el.updateComplete;
  return el;
}

const until = (el: OmniOrderStatus, what: string, cond: () => boolean, timeout = 8000) =>
  waitUntil(cond, `${what} (status ${el.status}, order ${el.orderStatus})`, { timeout });

describe('<omni-order-status>', () => {
  it('curbside: steps live, "I have arrived" by keyboard with the bay, pending then the note; announced politely; axe in each state', async () => {
    const rec = recordPageErrors();
    const staff = admin();
    await staff.stock.set({ sku: env.fixtures.inStock.sku, storeId: SOLNA, quantity: 50 });
    const { client, order } = await placed(env.fixtures.inStock.sku, SOLNA, 'curbside');
    const el = await mount(client, order.id);
    expect(el.matches(':state(loading)') || el.status === 'ready').to.be.true;
    await until(el, 'ready', () => el.status === 'ready');
    expect(text(el, '[part=title]')).to.equal(m.title(order.number));
    expect(text(el, '[part=status]')).to.equal(m.step.placed);
    expect(el.matches(':state(placed)')).to.be.true;
    expect(q(el, '[part=step][aria-current=step]')?.textContent).to.contain(m.step.placed);
    expect(q(el, '[part=arrive]'), 'no arrival before picking').to.equal(null);
    await expect(el).to.be.accessible();

    await staff.orders.startPicking(order.id);
    await until(el, 'picking, live', () => el.matches(':state(picking)'));
    expect(announced()).to.include(m.changed(m.step.picking));
    expect(q(el, '[part=arrive]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    // Keyboard only: focus the bay field, type, Tab to the car, Tab to the button, Enter.
    (q(el, 'input[name=bay]') as HTMLInputElement).focus();
    await sendKeys({ type: '12' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'red Volvo' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await until(el, 'the arrival note', () => !!q(el, '[part=arrival]'));
    expect(text(el, '[part=arrival]')).to.equal(m.arrived('12', 'red Volvo'));
    await expect(el).to.be.accessible();

    await staff.orders.markReady(order.id);
    await until(el, 'ready for pickup', () => el.matches(':state(ready-for-pickup)'));
    expect(text(el, '[part=method]')).to.contain(m.method.curbside);
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });

  it('needs attention: the server\'s alternatives as buttons, chosen by keyboard, the order moves; axe clean', async () => {
    const staff = admin();
    // A SKU no other test file reads (the run shares one server): the move reserves at the
    // nearby store, which would change the low-stock fixture's count there for the badge's tests.
    const sku = 'OK-10263';
    await staff.stock.set({ sku, storeId: SOLNA, quantity: 1 });
    await staff.stock.set({ sku, storeId: env.fixtures.nearbyStoreId, quantity: 5 });
    const { client, order } = await placed(sku, SOLNA, 'in_store');
    await staff.orders.markReady(order.id);
    const el = await mount(client, order.id);
    await until(el, 'ready for pickup', () => el.matches(':state(ready-for-pickup)'));
    await staff.stock.correct({ sku, storeId: SOLNA, onHand: 0 });
    await until(el, 'needs attention, live', () => el.matches(':state(needs-attention)'));
    expect(text(el, '[part=attention] h3')).to.equal(m.attentionTitle);
    expect(announced()).to.include(m.changed(m.attentionTitle));
    const buttons = all(el, '[part=choices] button');
    expect(buttons.length).to.be.greaterThan(1);
    expect(buttons.at(-1)!.textContent!.trim()).to.equal(m.cancel);
    await expect(el).to.be.accessible();
    const move = buttons.find((b) => b.textContent!.includes('Pick it up at'))!;
    expect(move, 'a move is offered').to.exist;
    move.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, 'moved, placed again', () => el.orderStatus === 'confirmed');
    expect(q(el, '[part=attention]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a locker order shows the compartment and code when ready', async () => {
    const staff = admin();
    await staff.stock.set({ sku: env.fixtures.inStock.sku, storeId: SOLNA, quantity: 50 });
    const { client, order } = await placed(env.fixtures.inStock.sku, SOLNA, 'locker');
    const el = await mount(client, order.id);
    await until(el, 'ready', () => el.status === 'ready');
    await staff.orders.markReady(order.id);
    await until(el, 'the code', () => !!q(el, '[part=locker]'));
    expect(text(el, '[part=locker]')).to.match(/^Compartment \d+, code \d{6}$/);
    await expect(el).to.be.accessible();
  });

  it('an order not on this device: a clear message, no uncaught error, accessible; in Swedish too', async () => {
    const rec = recordPageErrors();
    const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: memoryStorage() });
    clients.push(client);
    const el = await mount(client, 'ord_doesnotexist0000000000', 'sv-SE');
    await until(el, 'error', () => el.status === 'error');
    expect(el.matches(':state(error)')).to.be.true;
    expect(text(el, '[part=message]')).to.equal(sv.notFound);
    await expect(el).to.be.accessible();
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });
});

describe('<omni-order-status> stories', () => {
  for (const [name, story] of storiesOf(stories)) {
    it(`${name}: leaves loading, axe clean, no uncaught error`, async () => {
      const rec = recordPageErrors();
      const host = await renderStory(meta, story);
      const el = host.querySelector('omni-order-status')!;
      await waitUntil(() => el.status !== 'loading', `${name} stays loading`, { timeout: 5000 });
      await expect(el).to.be.accessible();
      rec.stop();
      expect(rec.errors).to.deep.equal([]);
    });
  }
});
