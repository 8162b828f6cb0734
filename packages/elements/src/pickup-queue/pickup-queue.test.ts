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
import type { OmniPickupQueue } from './pickup-queue.js';
import './define.js';
import { en as m } from './messages.js';
import { messages as fi } from './messages.fi.js';
import meta, * as stories from './pickup-queue.stories.js';

const SOLNA = 'se-solna-mall-of-scandinavia';
const q = (el: OmniPickupQueue, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const announced = () => [...(document.querySelector('[data-omni-announcer]')?.children ?? [])].map((n) => n.textContent);
const orderIn = (el: OmniPickupQueue, section: string, number: string) =>
  [...el.shadowRoot!.querySelectorAll(`section.${section} [part=order]`)].find((o) => text(o.querySelector('[part=number]')) === m.order(number)) as HTMLElement | undefined;

const clients: { close(): void }[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  document.querySelector('[data-omni-announcer]')?.replaceChildren();
});

const admin = () => {
  const a = createAdminClient({ baseUrl: env.apiUrl, secretKey: env.secretKey });
  clients.push(a);
  return a;
};
const pageClient = () => {
  const c = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null });
  clients.push(c);
  return c;
};

async function place(method: 'in_store' | 'curbside'): Promise<{ client: OmniClient; order: Order }> {
  const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null });
  clients.push(client);
  await cartOf(client).addLine({ sku: env.fixtures.inStock.sku, quantity: 1, fulfillment: { type: 'pickup', storeId: SOLNA, method } });
  return { client, order: await cartOf(client).checkout({ payment: { method: 'in_store' }, contact: { email: 'a@example.com' } }) };
}

async function mount(token: string | undefined, locale = 'en') {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider .client=${pageClient()} locale=${locale}><omni-pickup-queue store=${SOLNA} .staffToken=${token} theme="light"></omni-pickup-queue></omni-provider>
  `);
  const el = provider.querySelector('omni-pickup-queue')!;
  await el.updateComplete;
  return el;
}

const until = (el: OmniPickupQueue, what: string, cond: () => boolean, timeout = 8000) => waitUntil(cond, `${what} (status ${el.status})`, { timeout });

describe('<omni-pickup-queue>', () => {
  it('with a staff session: live new orders and arrivals (curb first, announced), steps by keyboard with pending; axe in each state', async () => {
    const rec = recordPageErrors();
    const a = admin();
    await a.stock.set({ sku: env.fixtures.inStock.sku, storeId: SOLNA, quantity: 100 });
    const { token } = await a.staffSessions.create({ storeId: SOLNA });
    const el = await mount(token);
    await until(el, 'ready', () => el.status === 'ready');
    expect(el.matches(':state(ready)')).to.be.true;
    expect(text(q(el, '[part=title]'))).to.equal(m.title);
    await expect(el).to.be.accessible();

    const { client, order } = await place('curbside');
    await until(el, 'the new order, live', () => !!orderIn(el, 'toPick', order.number));
    expect(announced()).to.include(m.announceNew(order.number));
    // Keyboard: focus the order's button, Enter.
    const button = orderIn(el, 'toPick', order.number)!.querySelector('button')!;
    expect(text(button)).to.equal(m.step.picking);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await until(el, 'being picked', () => !!orderIn(el, 'picking', order.number));
    await expect(el).to.be.accessible();

    const { arriveOrder } = await import('@omnikit/sdk/cart');
    await arriveOrder(client, order.id, { bay: '7', car: 'blue Saab' });
    await until(el, 'at the curb, live', () => !!orderIn(el, 'atCurb', order.number));
    expect(q(el, 'section.atCurb [part=order]'), 'the curb section is first').to.equal(q(el, '[part=order]'));
    expect(text(orderIn(el, 'atCurb', order.number)!.querySelector('[part=arrival]'))).to.contain('bay 7, blue Saab');
    expect(announced()).to.include(m.announceArrival(order.number, '7'));
    await expect(el).to.be.accessible();

    orderIn(el, 'atCurb', order.number)!.querySelector('button')!.click(); // Mark ready
    await until(el, 'still at the curb, ready', () => text(orderIn(el, 'atCurb', order.number)?.querySelector('button')) === m.step.collected);
    orderIn(el, 'atCurb', order.number)!.querySelector('button')!.click(); // Handed over
    await until(el, 'gone once handed over', () => !orderIn(el, 'atCurb', order.number));
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });

  it('without a staff session: a sign-in message, no request; a refused session: a clear error; axe clean; Finnish', async () => {
    const rec = recordPageErrors();
    const none = await mount(undefined);
    expect(none.status).to.equal('signed-out');
    expect(text(q(none, '[part=message]'))).to.equal(m.signIn);
    await expect(none).to.be.accessible();
    const secret = await mount(env.secretKey);
    expect(secret.status, 'a secret key is never used').to.equal('signed-out');

    const a = admin();
    const { token } = await a.staffSessions.create({ storeId: env.fixtures.defaultStoreId });
    const el = await mount(token, 'fi-FI');
    await until(el, 'error', () => el.status === 'error' || !!q(el, '[part=error]'));
    expect(text(q(el, '[part=error]'))).to.equal(fi.refused);
    await expect(el).to.be.accessible();
    rec.stop();
    expect(rec.errors).to.deep.equal([]);
  });
});

describe('<omni-pickup-queue> stories', () => {
  for (const [name, story] of storiesOf(stories)) {
    it(`${name}: leaves loading, axe clean, no uncaught error`, async () => {
      const rec = recordPageErrors();
      const host = await renderStory(meta, story);
      const el = host.querySelector('omni-pickup-queue')!;
      await waitUntil(() => el.status !== 'loading', `${name} stays loading`, { timeout: 5000 });
      await expect(el).to.be.accessible();
      rec.stop();
      expect(rec.errors).to.deep.equal([]);
    });
  }
});
