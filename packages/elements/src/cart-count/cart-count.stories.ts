import { createBaseClient } from '@omnikit/sdk';
import { CART_STORAGE_KEY, type Cart } from '@omnikit/sdk/cart';
import { createFixtureFetch, DEFAULT_FIXTURES } from '@omnikit/sdk/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../provider/define.js';
import type { OmniClient } from '../internal/context.js';
import './define.js';

type Scenario = 'count' | 'empty' | 'loading' | 'network' | 'malformed';

interface Args {
  scenario: Scenario;
  /** Items in the story's cart (scenario `count`). */
  items: number;
  max: number;
  locale: string;
}

const CART_ID = 'c_story';
const now = new Date().toISOString();

/**
 * The cart read a server would answer, with only what the count shows (no lines): the SDK's
 * fixture server has no cart routes, and a story must not price a cart of its own.
 */
function storyCart(itemCount: number): Cart {
  return {
    id: CART_ID, version: 1, status: 'open', currency: 'SEK', country: 'SE', channel: 'web', channels: ['web'],
    signedIn: false, lines: [], groups: [], discounts: [], itemCount, ready: true, createdAt: now, updatedAt: now,
    totals: { currency: 'SEK', subtotal: 0, discount: 0, delivery: 0, total: 0, vat: [], vatTotal: 0 },
  };
}

const clients = new Map<string, OmniClient>();

/** One client per scenario (and count), kept across re-renders so a story opens no second stream. */
function storyClient(scenario: Scenario, items: number): OmniClient {
  const key = `${scenario}:${items}`;
  let client = clients.get(key);
  if (client) return client;
  const fixture = createFixtureFetch({
    ...DEFAULT_FIXTURES,
    ...(scenario === 'loading' ? { fail: 'timeout' as const } : scenario === 'network' || scenario === 'malformed' ? { fail: scenario } : {}),
  });
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (scenario === 'count' && url.pathname === `/v1/carts/${CART_ID}`) {
      return Promise.resolve(new Response(JSON.stringify(storyCart(items)), { headers: { 'content-type': 'application/json' } }));
    }
    return fixture(input, init);
  };
  // A returning shopper: this device knows a cart (except in `empty`).
  const stored = new Map<string, string>(scenario === 'empty' ? [] : [[CART_STORAGE_KEY, JSON.stringify({ id: CART_ID, secret: 'cs_story' })]]);
  client = createBaseClient({
    // A host per client: clients of one origin share their cart across tabs (BroadcastChannel),
    // and the stories of a docs page must not show each other's cart.
    baseUrl: `https://${scenario}-${items}.fixture.test`,
    publishableKey: 'pk_test_fixture',
    fetch,
    retry: 0,
    timeout: scenario === 'loading' ? 2_147_483_647 : 2000,
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) },
  });
  clients.set(key, client);
  return client;
}

/**
 * A cart icon with the live item count, inside the page's own link to its cart page. Fixture
 * transport; against a real server see `Live server`.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Cart count',
  component: 'omni-cart-count',
  args: { scenario: 'count', items: 3, max: 99, locale: 'en' },
  argTypes: {
    scenario: { control: 'select', options: ['count', 'empty', 'loading', 'network', 'malformed'] },
    items: { control: { type: 'number', min: 0, max: 2000 } },
    max: { control: { type: 'number', min: 1 } },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
  },
  render: (args, { globals }) => html`
    <omni-provider .client=${storyClient(args.scenario, args.items)} locale=${args.locale} theme=${globals.theme}>
      <a href="#cart" style="display:inline-block;padding:0.5em;color:inherit">
        <omni-cart-count max=${args.max}></omni-cart-count>
      </a>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Three items: the number on a pill over the icon; screen readers hear "Cart, 3 items". */
export const Count: Story = {};

/** More than `max`: the badge shows `99+`, the label keeps the exact number. */
export const OverMax: Story = { args: { items: 1250 } };

/** No cart on this device: the icon alone, read as "Cart, empty". No request is made. */
export const Empty: Story = { args: { scenario: 'empty' } };

/** While the cart is read: the icon dimmed, the same box as later (no layout shift). */
export const Loading: Story = { args: { scenario: 'loading' } };

/** The API is unreachable: the icon alone, read as "Cart", never a wrong number. */
export const ErrorNetwork: Story = { args: { scenario: 'network' } };

/** The API answers something that is not JSON: the same as unreachable. */
export const ErrorMalformed: Story = { args: { scenario: 'malformed' } };

/** Swedish: "Varukorg, 3 varor". */
export const Swedish: Story = { args: { locale: 'sv-SE' } };

/** A custom icon through `slot="icon"` and the badge colours through custom properties. */
export const CustomIcon: Story = {
  render: (args) => html`
    <omni-provider .client=${storyClient(args.scenario, args.items)} locale=${args.locale}>
      <a href="#cart" style="display:inline-block;padding:0.5em;color:inherit">
        <omni-cart-count style="--omni-cart-count-size:2em;--omni-cart-count-badge-background:#1a7f37">
          <svg slot="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.75"><circle cx="9" cy="20" r="1.5" /><circle cx="18" cy="20" r="1.5" /><path d="M2 3h3l3 12h11l2-8H6" /></svg>
        </omni-cart-count>
      </a>
    </omni-provider>
  `,
};
