import { DEFAULT_FIXTURES, FIXTURE_SKUS, FIXTURE_STORE } from '@omnikit/sdk/testing';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../provider/define.js';
import { fixtureClient, type Scenario } from '../internal/testing/stories.js';
import './define.js';

interface Args {
  sku: string;
  store?: string;
  nearby: 'on' | 'off';
  showQuantity: boolean;
  lowStockThreshold?: number;
  locale: string;
  scenario: Scenario;
}

/**
 * Live stock of one product at the shopper's store. Every story runs on the SDK's fixture
 * transport (no server): the provider's store is `se-stockholm-drottninggatan`.
 */
const meta: Meta<Args> = {
  title: 'Widgets/Stock badge',
  component: 'omni-stock-badge',
  args: { sku: FIXTURE_SKUS.inStock, nearby: 'on', showQuantity: false, locale: 'en', scenario: 'default' },
  argTypes: {
    sku: { control: 'select', options: [...Object.values(FIXTURE_SKUS), 'OK-99999'] },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
    scenario: { control: 'select', options: ['default', 'slow', 'loading', 'network', 'timeout', 'malformed'] },
    lowStockThreshold: { control: 'number' },
    nearby: { control: 'inline-radio', options: ['on', 'off'] },
  },
  render: (args, { globals }) => html`
    <omni-provider .client=${fixtureClient(args.scenario).client} store=${FIXTURE_STORE} locale=${args.locale} theme=${globals.theme}>
      <omni-stock-badge
        sku=${args.sku}
        store=${ifDefined(args.store)}
        nearby=${args.nearby}
        ?show-quantity=${args.showQuantity}
        low-stock-threshold=${ifDefined(args.lowStockThreshold)}
      ></omni-stock-badge>
    </omni-provider>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Plenty at this store. */
export const InStock: Story = {};

/** `show-quantity` adds the number of units. */
export const InStockWithQuantity: Story = { args: { showQuantity: true } };

/** At or below the threshold the server sets: "only n left". */
export const LowStock: Story = { args: { sku: FIXTURE_SKUS.lowStock } };

/** `low-stock-threshold` overrides the server's threshold for this page. */
export const CustomLowStockThreshold: Story = { args: { lowStockThreshold: 30 } };

/**
 * None here; the nearest store that has it is named by its short name, with `+n` for more
 * stores nearby. Screen readers (and the tooltip) get the full sentence.
 */
export const AvailableNearby: Story = { args: { sku: FIXTURE_SKUS.outOfStockAvailableNearby } };

/**
 * The short nearby text in a narrow product card, in every language: the pill becomes a rounded
 * box when the text wraps, the dot stays on the first line.
 */
export const NearbyShortTextInANarrowCard: Story = {
  render: (_args, { globals }) => html`
    <div style="display: grid; gap: 8px; inline-size: 160px">
      ${['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'].map(
        (locale) => html`<omni-provider .client=${fixtureClient().client} store=${FIXTURE_STORE} locale=${locale} theme=${globals.theme}>
          <omni-stock-badge sku=${FIXTURE_SKUS.outOfStockAvailableNearby}></omni-stock-badge>
        </omni-provider>`,
      )}
    </div>
  `,
};

/** `nearby="off"` for a list of stores: just "out of stock", no look at stores nearby. */
export const NearbyOff: Story = { args: { sku: FIXTURE_SKUS.outOfStockAvailableNearby, nearby: 'off' } };

/** None here, none nearby. */
export const OutOfStock: Story = { args: { sku: FIXTURE_SKUS.outEverywhere } };

/** Sold online only: stores never carry it. */
export const OnlineOnly: Story = { args: { sku: FIXTURE_SKUS.onlineOnly } };

/** An unknown SKU (or a discontinued product): not sold. */
export const NotSold: Story = { args: { sku: 'OK-99999' } };

/** Waiting for the API: the badge keeps its space so nothing below moves. */
export const Loading: Story = { args: { scenario: 'loading' } };

/** The API is unreachable: a quiet fallback text, never an exception. */
export const ErrorNetwork: Story = { args: { scenario: 'network' } };

/** The API answers with something that is not JSON: same quiet fallback. */
export const ErrorMalformed: Story = { args: { scenario: 'malformed' } };

/** In Swedish; the locale comes from the provider (then `<html lang>`, then English). */
export const Swedish: Story = { args: { locale: 'sv-SE', sku: FIXTURE_SKUS.lowStock } };

/** Themed with page tokens and parts, from outside the shadow root. */
export const Themed: Story = {
  render: (args, { globals }) => html`
    <style>
      .brand {
        --omni-color-surface: #fff4e5;
        --omni-color-success: #0a7d4f;
        --omni-font-family: Georgia, serif;
        --omni-stock-badge-radius: 4px;
      }
      .brand omni-stock-badge::part(label) {
        font-weight: 600;
      }
    </style>
    <div class="brand">
      <omni-provider .client=${fixtureClient().client} store=${FIXTURE_STORE} locale=${args.locale} theme=${globals.theme}>
        <omni-stock-badge sku=${args.sku}></omni-stock-badge>
      </omni-provider>
    </div>
  `,
};

let liveTimer: ReturnType<typeof setInterval> | undefined;

/** Stock changes every two seconds; the change is announced to screen readers. */
export const LiveUpdates: Story = {
  render: (args, { globals }) => {
    const { client, fetch } = fixtureClient('default', DEFAULT_FIXTURES, 'live');
    let onHand = 6;
    clearInterval(liveTimer); // one ticking story at a time, however often it re-renders
    liveTimer = setInterval(() => {
      onHand = onHand <= 0 ? 6 : onHand - 2;
      fetch.setStock({ sku: FIXTURE_SKUS.inStock, storeId: FIXTURE_STORE, onHand });
    }, 2000);
    return html`<omni-provider .client=${client} store=${FIXTURE_STORE} locale=${args.locale} theme=${globals.theme}>
      <omni-stock-badge sku=${FIXTURE_SKUS.inStock} show-quantity></omni-stock-badge>
    </omni-provider>`;
  },
};
