import { FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../provider/define.js';
import { fixtureClient, type Scenario } from '../internal/testing/stories.js';
import './define.js';

interface Args {
  sku: string;
  qty: number;
  fulfillment?: 'delivery' | 'pickup' | 'take_now';
  /** The provider's store; empty for none (delivery only). */
  store: string;
  channel: 'web' | 'kiosk' | 'app' | 'pos';
  locale: string;
  scenario: Scenario;
}

/**
 * A button that adds a product to the cart with the fulfilment the SDK decides from the chosen
 * store's stock and online stock. Every story runs on the SDK's fixture transport (no server),
 * which has no cart: a press there shows the add's error. The store is `se-stockholm-drottninggatan`.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Add to cart',
  component: 'omni-add-to-cart',
  args: { sku: FIXTURE_SKUS.inStock, qty: 1, store: FIXTURE_STORE, channel: 'web', locale: 'en', scenario: 'default' },
  argTypes: {
    sku: { control: 'select', options: [...Object.values(FIXTURE_SKUS), 'OK-99999'] },
    qty: { control: { type: 'number', min: 0, max: 1000 } },
    fulfillment: { control: 'select', options: [undefined, 'delivery', 'pickup', 'take_now'] },
    store: { control: 'select', options: [FIXTURE_STORE, 'se-uppsala-forumtorget', ''] },
    channel: { control: 'inline-radio', options: ['web', 'kiosk', 'app', 'pos'] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
    scenario: { control: 'select', options: ['default', 'slow', 'loading', 'network', 'timeout', 'malformed'] },
  },
  render: (args, { globals }) => html`
    <omni-provider .client=${fixtureClient(args.scenario).client} store=${args.store} channel=${args.channel} locale=${args.locale} theme=${globals.theme}>
      <omni-add-to-cart sku=${args.sku} qty=${args.qty} fulfillment=${ifDefined(args.fulfillment)}></omni-add-to-cart>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** The chosen store has it: added for pickup there. */
export const Pickup: Story = {};

/** No store chosen: home delivery from the online stock. */
export const Delivery: Story = { args: { store: '' } };

/** The store has 2, three are asked: home delivery, said beside the button. */
export const DeliveryInstead: Story = { args: { sku: FIXTURE_SKUS.lowStock, qty: 3 } };

/** `fulfillment="take_now"` on a kiosk: the shopper takes it off the shelf ("Add, take now"). */
export const TakeNow: Story = { args: { fulfillment: 'take_now', channel: 'kiosk' } };

/** None here nor online, a store nearby has it: disabled, naming that store. */
export const NearbyOnly: Story = { args: { sku: FIXTURE_SKUS.outOfStockAvailableNearby } };

/** None anywhere: disabled, "Out of stock". */
export const OutOfStock: Story = { args: { sku: FIXTURE_SKUS.outEverywhere } };

/** More than any one place has: disabled, "Only 40 available". */
export const OnlyAvailable: Story = { args: { sku: FIXTURE_SKUS.lowStock, qty: 50 } };

/** An unknown SKU: disabled, "Not sold". */
export const NotSold: Story = { args: { sku: 'OK-99999' } };

/** While the stock is read: the button in its final size, busy and disabled. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** The API is unreachable: disabled, "Stock could not be checked"; never an exception. */
export const ErrorNetwork: Story = { args: { scenario: 'network' } };

/** `qty="0"`: an error with a stable code, shown as text; nothing is sent. */
export const BadQuantity: Story = { args: { qty: 0 } };

/** Swedish: "Lägg i varukorgen". */
export const Swedish: Story = { args: { locale: 'sv-SE' } };
