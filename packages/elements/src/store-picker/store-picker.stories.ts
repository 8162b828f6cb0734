import { FIXTURE_SKUS } from '@omnikit/sdk/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../provider/define.js';
import { fixtureClient, type Scenario } from '../internal/testing/stories.js';
import './define.js';

interface Args {
  sku?: string;
  useGeolocation: boolean;
  mode: 'inline' | 'dialog';
  locale: string;
  scenario: Scenario;
}

/**
 * Finds and chooses the shopper's store: search by city, postcode or name, "use my location"
 * (asked only on tap), each store with its distance, open state in its own time zone, services
 * and, with `sku`, the stock there. Every story runs on the SDK's fixture transport (no server).
 */
const meta: Meta<Args> = {
  title: 'Widgets/Store picker',
  component: 'omni-store-picker',
  args: { useGeolocation: true, mode: 'inline', locale: 'en', scenario: 'default' },
  argTypes: {
    sku: { control: 'select', options: [undefined, ...Object.values(FIXTURE_SKUS)] },
    mode: { control: 'inline-radio', options: ['inline', 'dialog'] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
    scenario: { control: 'select', options: ['default', 'slow', 'loading', 'network', 'timeout', 'malformed'] },
  },
  render: (args, { globals }) => html`
    <omni-provider .client=${fixtureClient(args.scenario).client} locale=${args.locale} theme=${globals.theme}>
      <omni-store-picker sku=${ifDefined(args.sku)} ?use-geolocation=${args.useGeolocation} mode=${args.mode}></omni-store-picker>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Every store, by name, with "Use my location". */
export const Inline: Story = {};

/** With a SKU: the stock of that product at each store. */
export const WithStock: Story = { args: { sku: FIXTURE_SKUS.lowStock } };

/** A "My store" button that opens the picker in a modal dialog. */
export const Dialog: Story = { args: { mode: 'dialog' } };

/** While the stores are read: the list box keeps its height. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** The API is unreachable: "Stores could not be loaded"; never an exception. */
export const ErrorNetwork: Story = { args: { scenario: 'network' } };

/** Swedish: "Hitta en butik". */
export const Swedish: Story = { args: { locale: 'sv-SE' } };
