import { DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../price/define.js';
import '../stock-badge/define.js';
import { fixtureClient } from '../internal/testing/stories.js';
import './define.js';

interface Args {
  store: string;
  locale: string;
  currency: string;
}

const stores = DEFAULT_FIXTURES.stores.filter((s) => s.type === 'store').map((s) => s.id);

/**
 * `<omni-provider>` renders nothing itself: it gives the widgets below it one client and the
 * store, locale and currency to show. Change the controls: every widget inside follows at once.
 * Runs on the SDK's fixture transport (no server).
 */
const meta: Meta<Args> = {
  title: 'Widgets/Provider',
  component: 'omni-provider',
  args: { store: FIXTURE_STORE, locale: 'sv-SE', currency: 'SEK' },
  argTypes: {
    store: { control: 'select', options: stores },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
    currency: { control: 'select', options: ['SEK', 'NOK', 'DKK', 'EUR'] },
  },
  render: (args, { globals }) => html`
    <omni-provider .client=${fixtureClient('default').client} store=${args.store} locale=${args.locale}
      currency=${args.currency} theme=${globals.theme}>
      ${[FIXTURE_SKUS.inStock, FIXTURE_SKUS.lowStock, FIXTURE_SKUS.outOfStockAvailableNearby].map(
        (sku) => html`<p><omni-price sku=${sku}></omni-price> <omni-stock-badge sku=${sku}></omni-stock-badge></p>`,
      )}
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Swedish shop, the Stockholm store. */
export const Sweden: Story = {};

/** The same widgets for a Norwegian shopper: text, currency and number format follow. */
export const Norway: Story = { args: { locale: 'nb-NO', currency: 'NOK' } };

/** Another store: every badge below shows that store's stock. */
export const AnotherStore: Story = { args: { store: stores.find((s) => s !== FIXTURE_STORE) ?? FIXTURE_STORE } };
