import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createBaseClient } from '@omnikit/sdk/base';
import { html } from 'lit';
import '../provider/define.js';
import type { OmniClient } from '../internal/context.js';
import { STORY_ORDERS, storyOrdersFetch } from '../internal/testing/story-orders.js';
import './define.js';

type Scenario = keyof typeof STORY_ORDERS | 'not-found' | 'api-down';

interface Args {
  scenario: Scenario;
  locale: string;
}

const clients = new Map<string, OmniClient>();
/** One client per scenario and story, kept across re-renders. */
function client(scenario: Scenario, story: string): OmniClient {
  const key = `${scenario}-${story}`;
  let c = clients.get(key);
  if (!c) {
    c = createBaseClient({
      baseUrl: 'https://story.test', publishableKey: 'pk_test_story', storage: null, retry: 0, timeout: 2000,
      fetch: storyOrdersFetch({ fail: scenario === 'api-down' }),
    });
    clients.set(key, c);
  }
  return c;
}

const orderId = (s: Scenario) => (s === 'not-found' ? 'ord_story_missing' : s === 'api-down' ? STORY_ORDERS.placed.id : STORY_ORDERS[s].id);

/**
 * The shopper's live status of a pickup order. Orders recorded from the reference server (no
 * server needed); "I have arrived" and the choices answer as the server would.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Order status',
  component: 'omni-order-status',
  args: { scenario: 'placed', locale: 'en' },
  argTypes: {
    scenario: { control: 'select', options: [...Object.keys(STORY_ORDERS), 'not-found', 'api-down'] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
  },
  render: (args, { globals, name }) => html`
    <omni-provider .client=${client(args.scenario, `${name ?? ''}-${args.locale}`)} locale=${args.locale} theme=${globals.theme}>
      <omni-order-status order=${orderId(args.scenario)}></omni-order-status>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Placed, to be picked: the first step is the current one. */
export const Placed: Story = {};

/** A curbside order being picked: "I have arrived" with the bay and the car. */
export const Curbside: Story = { args: { scenario: 'curbside' } };

/** After "I have arrived": the store knows the shopper is here. */
export const Arrived: Story = { args: { scenario: 'arrived' } };

/** Ready at a parcel locker: the compartment and its opening code. */
export const Locker: Story = { args: { scenario: 'locker' } };

/** A stock correction took units: the server's alternatives, nothing cancelled. */
export const NeedsAttention: Story = { args: { scenario: 'attention' } };

/** Cancelled. */
export const Cancelled: Story = { args: { scenario: 'cancelled' } };

/** Another device's order (or none): a clear message. */
export const NotFound: Story = { args: { scenario: 'not-found' } };

/** The API is down: a clear message, never an exception. */
export const ApiDown: Story = { args: { scenario: 'api-down' } };

/** In Swedish. */
export const Swedish: Story = { args: { scenario: 'attention', locale: 'sv-SE' } };
