import { createBaseClient } from '@omnikit/sdk';
import { CART_STORAGE_KEY, cartOf, cartViewOf, MAX_LINE_QUANTITY, type Cart } from '@omnikit/sdk/cart';
import { createFixtureFetch, DEFAULT_FIXTURES, type FixtureFailure } from '@omnikit/sdk/testing';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../provider/define.js';
import type { OmniProvider } from '../provider/provider.js';
import type { OmniClient } from '../internal/context.js';
import { formatMoney } from '../internal/format.js';
import { env } from '../internal/testing/env.js';
import { afterEach, describe, it } from '../internal/testing/mocha.js';
import { recordPageErrors } from '../internal/testing/page-errors.js';
import type { OmniCart } from './cart.js';
import type { OmniCheckoutEvent } from './checkout-event.js';
import './define.js';
import { en, loadMessages, messagesOf } from './messages.js';
import meta, * as stories from './cart.stories.js';

// The seed's SKUs taxed at the reduced and low rates (the test env carries every SEED_FIXTURES entry).
const F = env.fixtures as typeof env.fixtures & { reducedVat: { sku: string }; lowVat: { sku: string } };
const delivery = { type: 'delivery' } as const;
const pickup = (storeId: string) => ({ type: 'pickup', storeId }) as const;

const q = <T extends Element = HTMLElement>(el: OmniCart, sel: string) => el.shadowRoot!.querySelector<T & Element>(sel) as T | null;
const qa = <T extends Element = HTMLElement>(el: OmniCart, sel: string) => [...el.shadowRoot!.querySelectorAll<T & Element>(sel)] as T[];
const text = (n: Element | null | undefined) => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The rows of a `dl` as "term value" texts. */
const pairs = (dl: Element | null) => [...(dl?.querySelectorAll('div') ?? [])].map((d) => `${text(d.querySelector('dt'))} ${text(d.querySelector('dd'))}`);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const lineEl = (el: OmniCart, lineId: string) => q(el, `[part=line][data-row="${lineId}"]`);
const active = (el: OmniCart) => el.shadowRoot!.activeElement as HTMLElement | null;
const announced = () => [...(document.querySelector('[data-omni-announcer]')?.children ?? [])].map((n) => n.textContent);
const clearAnnouncer = () => document.querySelector('[data-omni-announcer]')?.replaceChildren();
const settled = (el: OmniCart, state = 'ready') => waitUntil(() => el.status === state, `did not reach ${state} (is ${el.status})`, { timeout: 8000 });
const serverCart = (client: OmniClient) => cartOf(client).get() as Promise<Cart>;

const clients: OmniClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  clearAnnouncer();
});

function storageWith(handle?: { id: string; secret: string }) {
  const m = new Map<string, string>(handle ? [[CART_STORAGE_KEY, JSON.stringify(handle)]] : []);
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

function serverClient(fetch?: typeof globalThis.fetch, storage: ReturnType<typeof storageWith> | null = null) {
  const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage, ...(fetch ? { fetch } : {}), retry: 0 });
  clients.push(client);
  return client;
}

/** A fetch whose event stream never opens: the client learns of other devices' changes only when it asks. */
const noStream: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname === '/v1/events') return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  return fetch(input, init);
};

async function mount(client: OmniClient, locale = 'en', width?: number) {
  const provider = await fixture<OmniProvider>(html`
    <omni-provider .client=${client} locale=${locale}>
      <div style=${width ? `width:${width}px` : ''}><omni-cart><a slot="empty" href="/">Continue shopping</a></omni-cart></div>
    </omni-provider>
  `);
  return provider.querySelector('omni-cart')!;
}

describe('<omni-cart> against the reference server', () => {
  it('lines grouped by fulfilment, with prices, totals and VAT per rate; accessible', async () => {
    const client = serverClient();
    const cart = cartOf(client);
    await cart.addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: delivery });
    await cart.addLine({ sku: F.reducedVat.sku, quantity: 1, fulfillment: delivery });
    const c = await cart.addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: pickup(F.defaultStoreId) });
    const el = await mount(client);
    await settled(el);
    expect(el.matches(':state(ready)')).to.be.true;
    const money = (n: number) => norm(formatMoney(n, c.currency, 'en'));

    const groups = qa(el, '[part=group]');
    expect(groups.length).to.equal(c.groups.length);
    expect(groups.map((g) => text(g.querySelector('[part=group-heading]')))).to.deep.equal(
      c.groups.map((g) => (g.fulfillment.type === 'delivery' ? en.delivery : en.pickupAt(g.storeName!))),
    );
    // Lines in the server's groups and order.
    expect(groups.map((g) => [...g.querySelectorAll('[part=line]')].map((l) => l.getAttribute('data-row')))).to.deep.equal(c.groups.map((g) => g.lineIds));
    for (const l of c.lines) {
      const row = lineEl(el, l.id)!;
      expect(text(row.querySelector('[part=name]'))).to.equal(l.name);
      expect(row.querySelector('[part=image]')!.getAttribute('src')).to.equal(l.imageUrl);
      expect(text(row.querySelector('[part=price]'))).to.equal(`${en.unitPrice} ${money(l.unitPrice)}`);
      expect(text(row.querySelector('[part=line-total]'))).to.equal(`${en.lineTotal} ${money(l.lineTotal)}`);
      expect(row.querySelector<HTMLInputElement>('[part=stepper] input')!.value).to.equal(String(l.quantity));
      expect(row.querySelector('[part=stepper] input')!.getAttribute('aria-label')).to.equal(`Quantity of ${l.name}`);
      if (l.compareAtPrice !== undefined && l.compareAtPrice > l.unitPrice) expect(text(row.querySelector('[part=compare-at]'))).to.contain(money(l.compareAtPrice));
    }
    // Every group's subtotal; the delivery group its fee.
    const del = c.groups.find((g) => g.fulfillment.type === 'delivery')!;
    const delEl = groups[c.groups.indexOf(del)]!;
    expect(pairs(delEl.querySelector('[part=group-summary]'))).to.deep.equal([
      `${en.subtotal} ${money(del.subtotal)}`, `${en.deliveryFee} ${del.fee ? money(del.fee) : en.free}`,
    ]);
    if (del.missingForFreeDelivery) expect(text(delEl)).to.contain(en.moreForFree(money(del.missingForFreeDelivery)));

    // Totals with VAT per rate: 25, 12 and 6 % (Sweden).
    const totals = q(el, '[part=totals]')!;
    expect(pairs(totals)).to.include(`${en.total} ${money(c.totals.total)}`);
    expect(pairs(totals)).to.include(`${en.subtotal} ${money(c.totals.subtotal)}`);
    expect(pairs(totals)).to.include(`${en.deliveryFee} ${c.totals.delivery ? money(c.totals.delivery) : en.free}`);
    const vat = pairs(totals).filter((p) => p.startsWith('VAT'));
    expect(c.totals.vat.map((v) => v.rate).sort((x, y) => x - y)).to.deep.equal([600, 1200, 2500]);
    expect(vat).to.deep.equal(c.totals.vat.map((v) => `VAT ${v.rate / 100} % ${money(v.vat)}`));
    // A cart with a pickup line: every payment method allowed.
    expect(qa<HTMLInputElement>(el, '[part=payment] input').map((i) => [i.value, i.disabled])).to.deep.equal([['online', false], ['in_store', false], ['invoice', false]]);
    await expect(el).to.be.accessible();
  });

  it('a take-now line (a kiosk in the store): its own group, "Take now at <store>"', async () => {
    const client = createBaseClient({ baseUrl: env.apiUrl, publishableKey: env.publishableKey, storage: null, channel: 'kiosk', retry: 0 });
    clients.push(client);
    await cartOf(client).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: delivery });
    const c = await cartOf(client).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: { type: 'take_now', storeId: F.defaultStoreId } });
    const el = await mount(client);
    await settled(el);
    const take = c.groups.find((g) => g.fulfillment.type === 'take_now')!;
    expect(qa(el, '[part=group-heading]').map(text)).to.include(en.takeNowAt(take.storeName!));
    expect(qa(el, '[part=line]').length).to.equal(2);
    await expect(el).to.be.accessible();
  });

  it('Swedish money and VAT: "Moms 25 %" with kronor', async () => {
    const client = serverClient();
    const c = await cartOf(client).addLine({ sku: F.reducedVat.sku, quantity: 3, fulfillment: delivery });
    const el = await mount(client, 'sv-SE');
    await settled(el);
    const [v] = c.totals.vat;
    expect(pairs(q(el, '[part=totals]')).filter((p) => p.startsWith('Moms'))).to.deep.equal([`Moms 12 % ${norm(formatMoney(v!.vat, 'SEK', 'sv-SE'))}`]);
    expect(formatMoney(v!.vat, 'SEK', 'sv-SE')).to.match(/kr$/);
    expect(text(q(el, '[part=group-heading]'))).to.equal('Hemleverans');
  });

  it('a cart of delivery lines only: pay in store is disabled, with why', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    const el = await mount(client);
    await settled(el);
    const inStore = q<HTMLInputElement>(el, '[part=payment] input[value=in_store]')!;
    expect(inStore.disabled).to.be.true;
    const why = q(el, `#${inStore.getAttribute('aria-describedby')}`);
    expect(text(why)).to.equal(en.refused.no_store_visit);
    expect(q<HTMLInputElement>(el, '[part=payment] input[value=online]')!.checked).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('the stepper: −/+ and the input change the quantity on the server, within 1..999, and announce it', async () => {
    const client = serverClient();
    const c = await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    const id = c.lines[0]!.id;
    const el = await mount(client);
    await settled(el);
    const [minus, plus] = [...lineEl(el, id)!.querySelectorAll<HTMLButtonElement>('[part=stepper] button')];
    expect(minus!.getAttribute('aria-disabled')).to.equal('true', '1 is the least');
    minus!.click();
    plus!.click();
    plus!.click();
    await waitUntil(async () => (await serverCart(client)).lines[0]!.quantity === 3, 'two taps of + did not reach 3');
    await waitUntil(() => announced().includes('Quantity of ' + c.lines[0]!.name + ': 3.'), 'the change was not announced');
    const input = lineEl(el, id)!.querySelector<HTMLInputElement>('input')!;
    input.value = '7';
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => cartOf(client).$cart.get()!.lines[0]!.quantity === 7, 'typing 7 did not set 7');
    input.value = '5000';
    input.dispatchEvent(new Event('change'));
    await waitUntil(() => cartOf(client).$cart.get()!.lines[0]!.quantity === MAX_LINE_QUANTITY, 'above the max did not clamp');
    await el.updateComplete;
    expect(input.value).to.equal(String(MAX_LINE_QUANTITY));
    expect(lineEl(el, id)!.querySelectorAll('[part=stepper] button')[1]!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('remove: the line goes, focus is on Undo; Undo brings the same SKU, quantity and fulfilment back', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 2, fulfillment: pickup(F.defaultStoreId) });
    const c = await cartOf(client).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: pickup(F.defaultStoreId) });
    const target = c.lines.find((l) => l.sku === F.inStock.sku)!;
    const el = await mount(client);
    await settled(el);
    lineEl(el, target.id)!.querySelector<HTMLButtonElement>('[part=remove]')!.click();
    await waitUntil(() => q(el, '[part=removed]'), 'no removed row');
    expect(lineEl(el, target.id)).to.equal(null);
    expect(active(el)?.getAttribute('part')).to.equal('undo');
    expect(active(el)?.getAttribute('aria-label')).to.equal(en.undoName(target.name));
    await waitUntil(async () => !(await serverCart(client)).lines.some((l) => l.id === target.id), 'not removed on the server');
    await waitUntil(() => announced().includes(en.removed(target.name)), 'removal not announced');
    await expect(el).to.be.accessible();
    active(el)!.click();
    await waitUntil(() => !q(el, '[part=removed]'), 'the undo stayed');
    const back = (await serverCart(client)).lines.find((l) => l.sku === target.sku)!;
    expect([back.quantity, back.fulfillment.type, 'storeId' in back.fulfillment && back.fulfillment.storeId]).to.deep.equal([2, 'pickup', F.defaultStoreId]);
    await waitUntil(() => active(el) === lineEl(el, back.id), 'focus did not go to the restored line');
    expect(announced()).to.include(en.restored(target.name));
  });

  it('an undo that expires: the row goes and focus moves to the next line (not the first)', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    await cartOf(client).addLine({ sku: F.reducedVat.sku, quantity: 1, fulfillment: delivery });
    const c = await cartOf(client).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: delivery });
    cartViewOf(client, { undoMs: 400 });
    const el = await mount(client);
    await settled(el);
    const [, second, third] = c.groups[0]!.lineIds;
    lineEl(el, second!)!.querySelector<HTMLButtonElement>('[part=remove]')!.click();
    await waitUntil(() => active(el)?.getAttribute('part') === 'undo', 'focus not on undo');
    await waitUntil(() => !q(el, '[part=removed]'), 'the undo did not expire', { timeout: 3000 });
    await waitUntil(() => active(el) === lineEl(el, third!), 'focus did not move to the next line');
  });

  it('a line that cannot be had: its problem and one-click fixes; a fix moves it and the cart is ready', async () => {
    const o = F.outOfReach;
    const client = serverClient();
    const c = await cartOf(client).addLine({ sku: o.sku, quantity: 1, fulfillment: pickup(o.storeId) });
    const line = c.lines[0]!;
    const el = await mount(client);
    await settled(el);
    const problem = lineEl(el, line.id)!.querySelector('[part=problem]')!;
    expect(text(problem.querySelector('p'))).to.equal(en.problem.out_of_stock('0'));
    const fixes = [...problem.querySelectorAll<HTMLButtonElement>('[part=fix]')];
    expect(fixes.map(text)).to.deep.equal(
      line.availability.alternatives.map((a) =>
        a.fulfillment.type === 'delivery' ? en.deliverInstead : en.pickUpInstead(a.storeName!, String(a.available), a.distanceKm?.toLocaleString('en', { maximumFractionDigits: 1 }))),
    );
    expect(text(fixes[0])).to.match(/^Pick up at .+ instead \(25 in stock, [\d.]+ km\)$/);
    expect(text(q(el, '#not-ready'))).to.equal(en.notReady);
    await expect(el).to.be.accessible();
    fixes[0]!.click();
    await waitUntil(() => cartOf(client).$cart.get()?.ready === true, 'the fix did not make the cart ready');
    await el.updateComplete;
    const now = cartOf(client).$cart.get()!;
    expect(now.lines[0]!.fulfillment).to.deep.include({ type: 'pickup', storeId: o.farStoreId });
    expect(q(el, '[part=problem]')).to.equal(null);
    expect(text(q(el, '[part=group-heading]'))).to.equal(en.pickupAt(now.groups[0]!.storeName!));
    await waitUntil(() => active(el) === lineEl(el, now.lines[0]!.id), 'focus did not follow the line');
    expect(announced().at(-1)).to.equal(en.movedTo(line.name, en.pickupAt(now.groups[0]!.storeName!).toLowerCase()));
  });

  it('checkout refused for a line: the line is named and its fixes shown; focus goes to it', async () => {
    const o = F.outOfReach;
    const client = serverClient();
    const c = await cartOf(client).addLine({ sku: o.sku, quantity: 1, fulfillment: pickup(o.storeId) });
    const el = await mount(client);
    await settled(el);
    const email = q<HTMLInputElement>(el, '[part=email]')!;
    email.value = 'shopper@example.com';
    email.dispatchEvent(new Event('input'));
    q<HTMLButtonElement>(el, '[part=checkout]')!.click();
    await waitUntil(() => lineEl(el, c.lines[0]!.id)?.classList.contains('blocked'), 'the line was not named');
    expect(text(lineEl(el, c.lines[0]!.id)!.querySelector('[part=problem] p'))).to.contain(en.blocked);
    expect(lineEl(el, c.lines[0]!.id)!.querySelectorAll('[part=fix]').length).to.be.greaterThan(0);
    await waitUntil(() => active(el) === lineEl(el, c.lines[0]!.id), 'focus not on the blocked line');
    expect(announced()).to.include(en.refusedLines(1));
    expect(el.status).to.equal('ready');
    await expect(el).to.be.accessible();
  });

  it('checkout: the e-mail is required; then checking-out, ordered, and omni-checkout with the order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowCheckout: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname.endsWith('/checkout')) await gate;
      return fetch(input, init);
    };
    const client = serverClient(slowCheckout);
    // A SKU no other widget test counts the stock of: the order reserves a unit of it.
    await cartOf(client).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: pickup(F.defaultStoreId) });
    const el = await mount(client);
    await settled(el);
    const button = q<HTMLButtonElement>(el, '[part=checkout]')!;
    button.click();
    await waitUntil(() => q(el, '#email-error'), 'no e-mail error');
    expect(text(q(el, '#email-error'))).to.equal(en.emailMissing);
    const email = q<HTMLInputElement>(el, '[part=email]')!;
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => active(el) === email, 'focus not on the e-mail field');
    await expect(el).to.be.accessible();
    email.value = 'not an address';
    email.dispatchEvent(new Event('input'));
    button.click();
    await waitUntil(() => text(q(el, '#email-error')) === en.emailInvalid, 'an invalid address was not refused');

    email.value = 'shopper@example.com';
    email.dispatchEvent(new Event('input'));
    q<HTMLInputElement>(el, '[part=payment] input[value=in_store]')!.click();
    const event = oneEvent(document, 'omni-checkout') as Promise<OmniCheckoutEvent>;
    q<HTMLButtonElement>(el, '[part=checkout]')!.click();
    await settled(el, 'checking-out');
    expect(el.matches(':state(checking-out)')).to.be.true;
    expect(text(q(el, '[part=checkout]'))).to.equal(en.checkingOut);
    expect(q(el, '[part=base]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    release();
    const e = await event;
    expect(e).to.be.instanceOf(Event);
    expect(e.bubbles && e.composed).to.be.true;
    expect(e.order.payment.method).to.equal('in_store');
    expect(e.order.lines[0]!.sku).to.equal(F.lowVat.sku);
    await settled(el, 'ordered');
    expect(text(q(el, '[part=message]'))).to.equal(en.ordered(e.order.number));
    await waitUntil(() => active(el) === q(el, '[part=message]'), 'focus not on the confirmation');
    expect(announced()).to.include(en.ordered(e.order.number));
    await expect(el).to.be.accessible();
  });

  it('empty: the text and the page\'s "continue shopping" link; accessible', async () => {
    const client = serverClient();
    const el = await mount(client);
    await settled(el, 'empty');
    expect(el.matches(':state(empty)')).to.be.true;
    expect(text(q(el, '[part=message]'))).to.equal(en.empty);
    const slot = q<HTMLSlotElement>(el, 'slot[name=empty]')!;
    expect(slot.assignedElements().map((n) => n.textContent)).to.deep.equal(['Continue shopping']);
    await expect(el).to.be.accessible();
  });

  it('conflict: another device removed the line being changed; the current cart shows, and it says so', async () => {
    const kiosk = serverClient(noStream);
    const c1 = await cartOf(kiosk).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    await cartOf(kiosk).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: delivery });
    const { code } = await cartOf(kiosk).handoff();
    const phone = serverClient();
    await cartOf(phone).resume(code);
    const el = await mount(kiosk);
    await settled(el);
    const id = c1.lines[0]!.id;
    await cartOf(phone).removeLine({ lineId: id });
    lineEl(el, id)!.querySelectorAll<HTMLButtonElement>('[part=stepper] button')[1]!.click();
    await settled(el, 'conflict');
    expect(el.matches(':state(conflict)')).to.be.true;
    expect(text(q(el, '[part=message]'))).to.equal(en.conflict);
    expect(lineEl(el, id)).to.equal(null);
    expect(qa(el, '[part=line]').length).to.equal(1);
    expect(announced()).to.include(en.conflict);
    await expect(el).to.be.accessible();
  });

  it('error, then retry: the cart shows', async () => {
    let down = true;
    const flaky: typeof fetch = (input, init) => (down ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init));
    const storage = storageWith();
    const seed = serverClient(undefined, storage);
    await cartOf(seed).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    const client = serverClient(flaky, storage);
    const el = await mount(client);
    await settled(el, 'error');
    expect(text(q(el, '[part=message]'))).to.equal(en.error);
    await expect(el).to.be.accessible();
    down = false;
    q<HTMLButtonElement>(el, '[part=retry]')!.click();
    await settled(el);
    expect(qa(el, '[part=line]').length).to.equal(1);
  });

  it('the dark theme keeps its contrast (axe), the checkout text near black on the light accent', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: F.outOfStockAvailableNearby.sku, quantity: 1, fulfillment: pickup(F.outOfStockAvailableNearby.storeId) });
    const provider = await fixture<OmniProvider>(html`
      <omni-provider .client=${client} locale="en"><div style="background:#0d1117;color:#e6edf3;padding:1em"><omni-cart theme="dark"></omni-cart></div></omni-provider>
    `);
    const el = provider.querySelector('omni-cart')!;
    await settled(el);
    // The dark surface colour (#151b23) on the dark accent.
    expect(getComputedStyle(q(el, '[part=checkout]')!).color).to.equal('rgb(21, 27, 35)');
    await expect(provider.querySelector('div')!).to.be.accessible();
  });

  it('works at 360 px wide: nothing wider than the screen', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: F.outOfStockAvailableNearby.sku, quantity: 1, fulfillment: pickup(F.outOfStockAvailableNearby.storeId) });
    await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 12, fulfillment: delivery });
    const el = await mount(client, 'fi-FI', 360);
    await settled(el);
    const base = q(el, '[part=base]')!;
    expect(base.getBoundingClientRect().width).to.be.at.most(360);
    for (const n of qa(el, '[part=base] *')) expect(n.getBoundingClientRect().right - base.getBoundingClientRect().left, n.outerHTML.slice(0, 80)).to.be.at.most(361);
    await expect(el).to.be.accessible();
  });
});

describe('<omni-cart> languages', () => {
  it('sv, nb, da and fi load on demand, say everything English says, and render in the page language', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: delivery });
    for (const locale of ['sv-SE', 'nb-NO', 'da-DK', 'fi-FI']) {
      await loadMessages(locale);
      const m = messagesOf(locale)!;
      expect(m, locale).to.not.equal(en);
      expect(Object.keys(m).sort(), locale).to.deep.equal(Object.keys(en).sort());
      expect(Object.keys(m.problem).sort()).to.deep.equal(Object.keys(en.problem).sort());
      const el = await mount(client, locale);
      await settled(el);
      expect(text(q(el, '[part=group-heading]'))).to.equal(m.delivery);
      expect(text(q(el, '[part=checkout]'))).to.equal(m.checkout);
      await expect(el).to.be.accessible();
    }
  });
});

describe('<omni-cart> by keyboard alone', () => {
  /** The element focused, across shadow roots. */
  const deepActive = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a as HTMLElement | null;
  };
  const name = (n: HTMLElement | null) => n?.getAttribute('aria-label') ?? n?.getAttribute('part') ?? (n as HTMLInputElement | null)?.value ?? n?.tagName;

  it('tab order, Enter and Space on the controls, and focus kept after a removal', async () => {
    const client = serverClient();
    await cartOf(client).addLine({ sku: F.inStock.sku, quantity: 1, fulfillment: pickup(F.defaultStoreId) });
    const c = await cartOf(client).addLine({ sku: F.lowVat.sku, quantity: 1, fulfillment: pickup(F.defaultStoreId) });
    const [a, b] = c.groups[0]!.lineIds.map((id) => c.lines.find((l) => l.id === id)!);
    const provider = await fixture<OmniProvider>(html`<omni-provider .client=${client} locale="en"><button id="before">before</button><omni-cart></omni-cart></omni-provider>`);
    const el = provider.querySelector('omni-cart')!;
    await settled(el);
    provider.querySelector<HTMLButtonElement>('#before')!.focus();
    const order: (string | undefined | null)[] = [];
    for (let i = 0; i < 11; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(name(deepActive()));
    }
    expect(order).to.deep.equal([
      `One less ${a!.name}`, `Quantity of ${a!.name}`, `One more ${a!.name}`, `Remove ${a!.name}`,
      `One less ${b!.name}`, `Quantity of ${b!.name}`, `One more ${b!.name}`, `Remove ${b!.name}`,
      'online', 'email', 'checkout',
    ]);
    // Enter on + of the first line.
    lineEl(el, a!.id)!.querySelectorAll<HTMLButtonElement>('[part=stepper] button')[1]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cartOf(client).$cart.get()!.lines.find((l) => l.id === a!.id)!.quantity === 2, 'Enter on + did nothing');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => cartOf(client).$cart.get()!.lines.find((l) => l.id === a!.id)!.quantity === 3, 'Space on + did nothing');
    // Typing into the quantity, then Enter.
    const input = lineEl(el, a!.id)!.querySelector<HTMLInputElement>('input')!;
    input.focus();
    input.select();
    await sendKeys({ type: '5' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cartOf(client).$cart.get()!.lines.find((l) => l.id === a!.id)!.quantity === 5, 'typing 5 and Enter did nothing');
    // Space on remove: focus lands on Undo; Enter on Undo brings the line back and focus on it.
    lineEl(el, a!.id)!.querySelector<HTMLButtonElement>('[part=remove]')!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => deepActive()?.getAttribute('part') === 'undo', 'focus not on undo after remove');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive()?.getAttribute('part') === 'line', 'focus not on the restored line');
    const back = cartOf(client).$cart.get()!.lines.find((l) => l.sku === a!.sku)!;
    expect(back.quantity).to.equal(5);
    expect(deepActive()?.dataset.row).to.equal(back.id);
    // The payment radios: arrows move the choice.
    q<HTMLInputElement>(el, '[part=payment] input[value=online]')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => cartViewOf(client).$view.get().paymentMethod === 'in_store', 'arrow did not choose in_store');
  });
});

describe('<omni-cart> with the fixture transport', () => {
  function fixtureClient(fail?: FixtureFailure, timeout = 300) {
    const client = createBaseClient({
      baseUrl: 'https://fixture.test', publishableKey: 'pk_test_fixture', fetch: createFixtureFetch({ ...DEFAULT_FIXTURES, ...(fail ? { fail } : {}) }),
      timeout, retry: 0, storage: storageWith({ id: 'c_00000000000000000000000000', secret: 'cs_fixture' }),
    });
    clients.push(client);
    return client;
  }

  it('loading: busy, the space reserved, accessible', async () => {
    const el = await mount(fixtureClient('timeout', 2_147_483_647));
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    expect(el.matches(':state(loading)')).to.be.true;
    expect(q(el, '[part=base]')!.getAttribute('aria-busy')).to.equal('true');
    expect(q(el, '[part=base]')!.getBoundingClientRect().height).to.be.greaterThan(100);
    // The skeleton fills the reserved space (the grid stretches it; it has no height of its own).
    expect(q(el, '.skeleton')!.getBoundingClientRect().height).to.be.greaterThan(100);
    await expect(el).to.be.accessible();
  });

  // The shared failure suite's cases, with a stored cart (without one the cart is empty without a request).
  for (const fail of ['network', 'timeout', 'malformed', 'http500', 'schema'] as const) {
    it(`"${fail}": error with a retry, accessible, no uncaught error`, async () => {
      const rec = recordPageErrors();
      const el = await mount(fixtureClient(fail));
      await waitUntil(() => el.matches(':state(error)'), 'did not reach :state(error)', { timeout: 5000 });
      expect(text(q(el, '[part=message]'))).to.equal(en.error);
      expect(text(q(el, '[part=retry]'))).to.equal(en.retry);
      await expect(el).to.be.accessible();
      await new Promise((r) => setTimeout(r, 50));
      rec.stop();
      expect(rec.errors).to.deep.equal([]);
    });
  }

  it('without a provider yet: loading, accessible', async () => {
    const el = await fixture<OmniCart>(html`<omni-cart></omni-cart>`);
    expect(el.status).to.equal('loading');
    await expect(el).to.be.accessible();
  });
});

describe('<omni-cart> stories', () => {
  const expected: Record<string, string> = {
    Ready: 'ready', LineProblem: 'ready', Empty: 'empty', Loading: 'loading', LoadError: 'error', Conflict: 'conflict',
    CheckingOut: 'checking-out', Ordered: 'ordered', Swedish: 'ready', Narrow: 'ready',
  };
  const all = Object.entries(stories).filter(([n]) => n !== 'default') as [string, { args?: object; render?: typeof meta.render; play?: (c: { canvasElement: HTMLElement }) => Promise<void> }][];
  it('covers every story', () => {
    expect(all.map(([n]) => n).sort()).to.deep.equal(Object.keys(expected).sort());
  });
  for (const [name, story] of all) {
    it(`${name}: ${expected[name]}, accessible`, async () => {
      const args = { ...meta.args, ...story.args } as Parameters<NonNullable<typeof meta.render>>[0];
      const host = await fixture<HTMLElement>((story.render ?? meta.render)!(args, { globals: {} } as never) as ReturnType<typeof html>);
      await story.play?.({ canvasElement: host });
      const el = host.querySelector('omni-cart')!;
      await waitUntil(() => el.status === expected[name], `${name} did not reach ${expected[name]} (is ${el.status})`, { timeout: 6000 });
      await expect(el).to.be.accessible();
    });
  }
});
