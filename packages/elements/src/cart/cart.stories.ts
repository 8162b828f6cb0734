import { createBaseClient } from '@omnikit/sdk';
import { CART_STORAGE_KEY, type Cart, type CartLine, type Order } from '@omnikit/sdk/cart';
import { createFixtureFetch, DEFAULT_FIXTURES } from '@omnikit/sdk/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../provider/define.js';
import type { OmniClient } from '../internal/context.js';
import type { OmniCart } from './cart.js';
import './define.js';

type Scenario = 'ready' | 'problem' | 'empty' | 'loading' | 'error' | 'conflict' | 'checking-out' | 'ordered';

interface Args {
  scenario: Scenario;
  locale: string;
  /** Width of the story's box in px (0: the page's). */
  width: number;
}

const CART_ID = 'c_story';
const now = '2026-01-15T10:00:00.000Z';
const image = (hue: number) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="hsl(${hue} 40% 70%)"/></svg>`)}`;
const ok = { ok: true, available: 30, alternatives: [] };

// Answers as the reference server gives them (hand-written: the SDK's fixture server has no cart
// routes, and a story must not price a cart itself). Sweden, SEK, VAT included.
const beanie: CartLine = {
  id: 'l_beanie', sku: 'OK-10001', quantity: 2, fulfillment: { type: 'delivery' }, groupId: 'delivery', name: 'Merino beanie',
  imageUrl: image(20), unitPrice: 24900, compareAtPrice: 29900, lineTotal: 49800, vatRate: 2500, availability: ok,
};
const coffee: CartLine = {
  id: 'l_coffee', sku: 'OK-10401', quantity: 1, fulfillment: { type: 'delivery' }, groupId: 'delivery', name: 'Coffee beans, 500 g',
  imageUrl: image(30), unitPrice: 12900, lineTotal: 12900, vatRate: 1200, availability: ok,
};
const cookbook: CartLine = {
  id: 'l_cookbook', sku: 'OK-10402', quantity: 1, fulfillment: { type: 'pickup', storeId: 'se-stockholm-gotgatan', method: 'in_store' },
  groupId: 'pickup:se-stockholm-gotgatan:in_store', name: 'Nordic cookbook', imageUrl: image(200), unitPrice: 34900, lineTotal: 34900, vatRate: 600,
  availability: ok,
};
const jacket: CartLine = {
  id: 'l_jacket', sku: 'OK-10003', quantity: 1, fulfillment: { type: 'pickup', storeId: 'se-stockholm-drottninggatan', method: 'in_store' },
  groupId: 'pickup:se-stockholm-drottninggatan:in_store', name: 'Rain jacket', imageUrl: image(120), unitPrice: 89900, lineTotal: 89900, vatRate: 2500,
  availability: {
    ok: false, available: 0, problem: 'out_of_stock', alternatives: [
      { fulfillment: { type: 'pickup', storeId: 'se-stockholm-gotgatan', method: 'in_store' }, available: 25, storeName: 'Götgatan', distanceKm: 1.6 },
      { fulfillment: { type: 'delivery' }, available: 212 },
    ],
  },
};

const base: Pick<Cart, 'id' | 'version' | 'status' | 'currency' | 'country' | 'channel' | 'channels' | 'signedIn' | 'discounts' | 'createdAt' | 'updatedAt'> = {
  id: CART_ID, version: 4, status: 'open', currency: 'SEK', country: 'SE', channel: 'web', channels: ['web'], signedIn: false,
  discounts: [], createdAt: now, updatedAt: now,
};

const readyCart: Cart = {
  ...base,
  lines: [beanie, coffee, cookbook],
  groups: [
    { id: 'delivery', fulfillment: { type: 'delivery' }, lineIds: ['l_beanie', 'l_coffee'], subtotal: 62700, fee: 4900, freeDeliveryFrom: 99900, missingForFreeDelivery: 37200 },
    { id: cookbook.groupId, fulfillment: cookbook.fulfillment, lineIds: ['l_cookbook'], storeName: 'Götgatan', subtotal: 34900, fee: 0 },
  ],
  totals: {
    currency: 'SEK', subtotal: 97600, discount: 0, delivery: 4900, total: 102500, vatTotal: 14297,
    vat: [
      { rate: 2500, gross: 54700, net: 43760, vat: 10940 },
      { rate: 1200, gross: 12900, net: 11518, vat: 1382 },
      { rate: 600, gross: 34900, net: 32925, vat: 1975 },
    ],
  },
  itemCount: 4,
  ready: true,
};

const problemCart: Cart = {
  ...base,
  lines: [jacket, cookbook],
  groups: [
    { id: jacket.groupId, fulfillment: jacket.fulfillment, lineIds: ['l_jacket'], storeName: 'Drottninggatan', subtotal: 89900, fee: 0 },
    { id: cookbook.groupId, fulfillment: cookbook.fulfillment, lineIds: ['l_cookbook'], storeName: 'Götgatan', subtotal: 34900, fee: 0 },
  ],
  totals: {
    currency: 'SEK', subtotal: 124800, discount: 0, delivery: 0, total: 124800, vatTotal: 19955,
    vat: [{ rate: 2500, gross: 89900, net: 71920, vat: 17980 }, { rate: 600, gross: 34900, net: 32925, vat: 1975 }],
  },
  itemCount: 2,
  ready: false,
};

const order: Order = {
  id: 'o_story', number: 'OK-4F7K2Q', status: 'awaiting_payment', cartId: CART_ID, channel: 'web', currency: 'SEK', country: 'SE',
  payment: { method: 'online', status: 'pending', dueAt: now },
  lines: readyCart.lines.map(({ id, sku, name, quantity, fulfillment, groupId, unitPrice, lineTotal, vatRate }) => ({ id, sku, name, quantity, fulfillment, groupId, unitPrice, lineTotal, vatRate })),
  groups: readyCart.groups, discounts: [], totals: readyCart.totals, storeIds: ['se-stockholm-gotgatan'], createdAt: now, updatedAt: now,
};

const json = (body: unknown, status = 200) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

const clients = new Map<string, OmniClient>();

/** One client per scenario and locale, kept across re-renders so a story opens no second stream. */
function storyClient(scenario: Scenario, locale: string): OmniClient {
  const key = `${scenario}:${locale}`;
  let client = clients.get(key);
  if (client) return client;
  const fixture = createFixtureFetch({
    ...DEFAULT_FIXTURES,
    ...(scenario === 'loading' ? { fail: 'timeout' as const } : scenario === 'error' ? { fail: 'network' as const } : {}),
  });
  const cart = scenario === 'problem' ? problemCart : readyCart;
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (scenario !== 'loading' && scenario !== 'error' && url.pathname.startsWith(`/v1/carts/${CART_ID}`)) {
      if (url.pathname.endsWith('/checkout')) {
        return scenario === 'checking-out' ? new Promise<Response>(() => {}) : json(order, 201);
      }
      if (method === 'PATCH' && scenario === 'conflict') {
        return json({ error: { code: 'cart_version_conflict', message: 'The cart changed on another device.', requestId: 'req_story' } }, 409);
      }
      return json(cart);
    }
    return fixture(input, init);
  };
  // A returning shopper: this device knows a cart (except in `empty`).
  const stored = new Map<string, string>(scenario === 'empty' ? [] : [[CART_STORAGE_KEY, JSON.stringify({ id: CART_ID, secret: 'cs_story' })]]);
  client = createBaseClient({
    // A host per client: clients of one origin share their cart across tabs (BroadcastChannel).
    baseUrl: `https://${scenario}-${locale.toLowerCase()}.fixture.test`,
    publishableKey: 'pk_test_fixture',
    fetch,
    retry: 0,
    timeout: scenario === 'loading' ? 2_147_483_647 : 2000,
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) },
  });
  clients.set(key, client);
  return client;
}

/** Waits for the story's cart to show its lines, then runs `then` on it. */
async function whenReady(canvas: HTMLElement, then: (el: OmniCart) => void): Promise<void> {
  const el = canvas.querySelector('omni-cart')!;
  for (let i = 0; i < 200 && el.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
  await el.updateComplete;
  then(el);
}

function checkoutWith(el: OmniCart): void {
  const email = el.shadowRoot!.querySelector<HTMLInputElement>('[part=email]')!;
  email.value = 'shopper@example.com';
  email.dispatchEvent(new Event('input'));
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part=checkout]')!.click();
}

/**
 * The shopper's cart page: lines by fulfilment group, steppers, remove with undo, problems
 * with one-click fixes, totals with VAT per rate, payment and checkout. Fixture transport with
 * hand-written server answers.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Cart',
  component: 'omni-cart',
  args: { scenario: 'ready', locale: 'en', width: 0 },
  argTypes: {
    scenario: { control: 'select', options: ['ready', 'problem', 'empty', 'loading', 'error', 'conflict', 'checking-out', 'ordered'] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
    width: { control: { type: 'number', min: 0 } },
  },
  render: (args, { globals }) => html`
    <omni-provider .client=${storyClient(args.scenario, args.locale)} locale=${args.locale} theme=${globals.theme}>
      <div style=${args.width ? `max-width:${args.width}px` : 'max-width:48rem'}>
        <omni-cart><a slot="empty" href="#shop">Continue shopping</a><a slot="ordered" href="#order">See your order</a></omni-cart>
      </div>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Two groups (home delivery with its fee and "more for free delivery", pickup at Götgatan), a sale price, VAT at 25, 12 and 6 %. */
export const Ready: Story = {};

/** A line out of stock at its store, with one-click fixes: pick up at Götgatan instead, or deliver. */
export const LineProblem: Story = { args: { scenario: 'problem' } };

/** No cart on this device: the text and the page's "continue shopping" link (slot `empty`). */
export const Empty: Story = { args: { scenario: 'empty' } };

/** While the cart is read: the space reserved. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** The cart could not be read: the text and a retry. */
export const LoadError: Story = { args: { scenario: 'error' } };

/** Another device changed the cart and the SDK gave up re-applying a + tap: the current cart, and a note that says so. */
export const Conflict: Story = {
  args: { scenario: 'conflict' },
  play: ({ canvasElement }) => whenReady(canvasElement, (el) => el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=stepper] button')[1]!.click()),
};

/** The order is being placed (the answer never comes in this story). */
export const CheckingOut: Story = { args: { scenario: 'checking-out' }, play: ({ canvasElement }) => whenReady(canvasElement, checkoutWith) };

/** The order placed: the confirmation with its number and the page's link (slot `ordered`). */
export const Ordered: Story = { args: { scenario: 'ordered' }, play: ({ canvasElement }) => whenReady(canvasElement, checkoutWith) };

/** Swedish: "Hemleverans", "Moms 12 %", kronor. */
export const Swedish: Story = { args: { locale: 'sv-SE' } };

/** 360 px wide, as on a phone: one column. */
export const Narrow: Story = { args: { scenario: 'problem', width: 360 } };
