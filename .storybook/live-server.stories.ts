import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../packages/elements/src/price/define.js';
import '../packages/elements/src/provider/define.js';
import '../packages/elements/src/stock-badge/define.js';

interface Args {
  api: string;
  key: string;
  store: string;
  locale: string;
  skus: string;
}

/**
 * The real thing: widgets talking to a reference server. Start one with `npm start`
 * (http://127.0.0.1:8787, demo key `pk_test_omnikit_demo`), then change stock with the admin
 * API or the till simulation and watch the badges follow.
 */
const meta: Meta<Args> = {
  title: 'Live server/Product grid',
  args: {
    api: 'http://127.0.0.1:8787',
    key: 'pk_test_omnikit_demo',
    store: 'se-stockholm-drottninggatan',
    locale: 'sv-SE',
    skus: 'OK-10001,OK-10002,OK-10003,OK-10004,OK-10005,OK-10006,OK-10007,OK-10008',
  },
  argTypes: {
    store: {
      control: 'select',
      options: ['se-stockholm-drottninggatan', 'se-stockholm-gotgatan', 'no-oslo-karl-johan', 'dk-kobenhavn-stroget'],
    },
    locale: { control: 'select', options: ['en', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI'] },
  },
  render: (args, { globals }) => html`
    <omni-provider api=${args.api} key=${args.key} store=${args.store} locale=${args.locale} theme=${globals.theme}>
      <ul style="list-style:none;padding:0;display:grid;gap:.5rem;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))">
        ${args.skus.split(',').map(
          (sku) => html`<li style="padding:.5rem;border:1px solid #8884;border-radius:6px">
            <code>${sku}</code><br />
            <omni-price sku=${sku.trim()}></omni-price><br />
            <omni-stock-badge sku=${sku.trim()}></omni-stock-badge>
          </li>`,
        )}
      </ul>
    </omni-provider>
  `,
};
export default meta;

/** Prices and live stock for a few seeded products at one store. */
export const ProductGrid: StoryObj<Args> = {};
