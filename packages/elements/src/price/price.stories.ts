import { DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Product } from '@omnikit/sdk';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../provider/define.js';
import { fixtureClient, type Scenario } from '../internal/testing/stories.js';
import './define.js';

interface Args {
  sku: string;
  locale: string;
  currency: string;
  scenario: Scenario;
}

const ON_SALE = FIXTURE_SKUS.lowStock;
// The fixture catalog with one product on sale in every currency.
const catalog = {
  ...DEFAULT_FIXTURES,
  products: DEFAULT_FIXTURES.products.map((p): Product =>
    p.sku === ON_SALE
      ? {
          ...p,
          prices: {
            SEK: { amount: 19900, compareAt: 29900 },
            NOK: { amount: 19900, compareAt: 29900 },
            DKK: { amount: 14900, compareAt: 19900 },
            EUR: { amount: 1795, compareAt: 2695 },
          },
        }
      : p,
  ),
};

/** The one price every channel shows, in the provider's currency and locale. Fixture transport. */
const meta: Meta<Args> = {
  title: 'Widgets/Price',
  component: 'omni-price',
  args: { sku: FIXTURE_SKUS.inStock, locale: 'sv-SE', currency: 'SEK', scenario: 'default' },
  argTypes: {
    sku: { control: 'select', options: [...Object.values(FIXTURE_SKUS), 'OK-99999'] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
    currency: { control: 'select', options: ['SEK', 'NOK', 'DKK', 'EUR'] },
    scenario: { control: 'select', options: ['default', 'slow', 'loading', 'network', 'timeout', 'malformed'] },
  },
  render: (args, { globals }) => html`
    <omni-provider
      .client=${fixtureClient(args.scenario, catalog, 'price').client}
      store=${FIXTURE_STORE}
      locale=${args.locale}
      currency=${args.currency}
      theme=${globals.theme}
    >
      <omni-price sku=${args.sku}></omni-price>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** A regular price. */
export const Regular: Story = {};

/** On sale: the previous price struck through; screen readers hear "now ... was ...". */
export const CompareAt: Story = { args: { sku: ON_SALE } };

/** Another currency and locale, from the provider. */
export const EuroInFinnish: Story = { args: { sku: ON_SALE, locale: 'fi-FI', currency: 'EUR' } };

/** Norwegian kroner. */
export const Norwegian: Story = { args: { locale: 'nb-NO', currency: 'NOK' } };

/** Waiting for the API: the space is reserved. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** The API is unreachable: "price unavailable", never an exception. */
export const ErrorNetwork: Story = { args: { scenario: 'network' } };

/** An unknown SKU. */
export const UnknownSku: Story = { args: { sku: 'OK-99999' } };
