import { createBaseClient, type FulfillmentOptions, type PickupSlotList } from '@omnikit/sdk';
import { createFixtureFetch, DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../provider/define.js';
import type { OmniClient } from '../internal/context.js';
import './define.js';

type Answer = 'default' | 'impossible' | 'transfer' | 'fullSlots' | 'loading' | 'error';

interface Args {
  sku: string;
  qty: number;
  /** The provider's store; empty for none (home delivery only, and a button for the picker). */
  store: string;
  locale: string;
  /** What the stories' transport answers for the options and slots. */
  answer: Answer;
}

const hour = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const today = () => new Date().toISOString().slice(0, 10);

/** The options the reference server would give, made up around now. */
function optionsOf(answer: Answer, storeId: string | undefined, quantity: number): FulfillmentOptions {
  const now = Date.now();
  const ready = answer === 'transfer' ? now + 26 * hour : now + 2 * hour;
  const line = (possible: boolean, extra: object = {}) => ({ sku: FIXTURE_SKUS.inStock, quantity, possible, available: possible ? 12 : 0, ...extra });
  const delivery = { id: 'delivery', kind: 'delivery' as const, fulfillment: { type: 'delivery' as const }, possible: true, deliveryDate: iso(now + 48 * hour).slice(0, 10), source: 'on_hand' as const, lines: [line(true)] };
  if (!storeId) return { computedAt: iso(now), options: [delivery], defaultOptionId: 'delivery' };
  const impossible = answer === 'impossible';
  const pickup = (kind: 'in_store' | 'curbside', possible: boolean, problem?: 'online_only' | 'service_unavailable') => ({
    id: `pickup:${storeId}:${kind}`, kind, fulfillment: { type: 'pickup' as const, storeId, method: kind }, storeName: 'Drottninggatan', timeZone: 'Europe/Stockholm',
    possible, ...(problem ? { problem } : { readyAt: iso(ready), source: answer === 'transfer' ? ('transfer' as const) : ('on_hand' as const) }),
    lines: [line(possible, problem ? { problem } : {})],
  });
  const locker = {
    id: 'pickup:se-stockholm-t-centralen-locker:locker', kind: 'locker' as const, fulfillment: { type: 'pickup' as const, storeId: 'se-stockholm-t-centralen-locker', method: 'locker' as const },
    storeName: 'T-Centralen', timeZone: 'Europe/Stockholm', distanceKm: 0.6, possible: true, readyAt: iso(ready + 2 * hour), source: 'transfer' as const, lines: [line(true)],
  };
  const options = [
    pickup('in_store', !impossible, impossible ? 'online_only' : undefined),
    pickup('curbside', false, impossible ? 'online_only' : 'service_unavailable'),
    locker,
    delivery,
  ];
  return { storeId, computedAt: iso(now), options, defaultOptionId: options.find((o) => o.possible)!.id };
}

/** A day of hourly slots from 10 to 18 in Stockholm, each full in `fullSlots`. */
function slotsOf(answer: Answer, storeId: string, date: string): PickupSlotList {
  const items = Array.from({ length: 8 }, (_, i) => {
    const start = Date.parse(`${date}T${String(9 + i).padStart(2, '0')}:00:00Z`) - hour;
    const full = answer === 'fullSlots' ? i % 2 === 0 : i === 5;
    return { id: `${storeId}@${date}T${String(10 + i).padStart(2, '0')}:00`, startsAt: iso(start), endsAt: iso(start + hour), capacity: 5, remaining: full ? 0 : 3, available: !full, ...(full ? { reason: 'full' as const } : {}) };
  });
  return { storeId, date, timeZone: 'Europe/Stockholm', items };
}

const clients = new Map<Answer, OmniClient>();
/** A client on the SDK's fixture transport, with the options and slots answered here. */
function storyClient(answer: Answer): OmniClient {
  let c = clients.get(answer);
  if (c) return c;
  const fixtures = createFixtureFetch(DEFAULT_FIXTURES);
  const json = (body: unknown, status = 200) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const slots = /^\/v1\/stores\/([a-z0-9-]+)\/slots$/.exec(url.pathname);
    if (url.pathname === '/v1/fulfillment/options' || slots) {
      if (answer === 'loading') return new Promise(() => {});
      if (answer === 'error') return json({ error: { code: 'internal_error', message: 'story' } }, 500);
      if (slots) return json(slotsOf(answer, slots[1]!, url.searchParams.get('date') ?? today()));
      return json(optionsOf(answer, url.searchParams.get('storeId') ?? undefined, Number(url.searchParams.get('quantity') ?? 1)));
    }
    return fixtures(input as never, init as never);
  };
  c = createBaseClient({ baseUrl: 'https://fixture.test', publishableKey: 'pk_test_fixture', fetch, storage: null, retry: 0, timeout: answer === 'loading' ? 2_147_483_647 : 2000 });
  clients.set(answer, c);
  return c;
}

/**
 * How the shopper gets the product: pickup at the counter or the curb, a parcel locker, or home
 * delivery, with ready times in the store's zone and the pickup times of the ready day. The
 * stories answer the options and slots on a transport of their own (no server); choosing works,
 * the choice is the stories' client's. The store is `se-stockholm-drottninggatan`.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Click and collect',
  component: 'omni-click-collect',
  args: { sku: FIXTURE_SKUS.inStock, qty: 1, store: FIXTURE_STORE, locale: 'en', answer: 'default' },
  argTypes: {
    qty: { control: { type: 'number', min: 0, max: 1000 } },
    store: { control: 'select', options: [FIXTURE_STORE, ''] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
    answer: { control: 'select', options: ['default', 'impossible', 'transfer', 'fullSlots', 'loading', 'error'] },
  },
  render: (args, { globals }) => html`
    <omni-provider .client=${storyClient(args.answer)} store=${args.store} locale=${args.locale} theme=${globals.theme}>
      <omni-click-collect sku=${args.sku} qty=${args.qty}></omni-click-collect>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Pickup at the counter preselected (ready in two hours), curbside not offered here, a locker and delivery. */
export const Pickup: Story = {};

/** Stock comes from another location first: ready tomorrow. */
export const Transfer: Story = { args: { answer: 'transfer' } };

/** Stores never carry it: pickup disabled with the reason and what to have instead. */
export const Impossible: Story = { args: { answer: 'impossible' } };

/** Every other pickup time is full: disabled, saying so. */
export const FullSlots: Story = { args: { answer: 'fullSlots' } };

/** No store chosen: home delivery only, and a button that opens the store picker. */
export const NoStore: Story = { args: { store: '' } };

/** In Swedish. */
export const Swedish: Story = { args: { locale: 'sv-SE' } };

/** The options are on their way: placeholders of the same height. */
export const Loading: Story = { args: { answer: 'loading' } };

/** The options could not be read. */
export const Failed: Story = { args: { answer: 'error' } };
