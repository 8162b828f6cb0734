import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { FIXTURE_STORE } from '@omnikit/sdk/testing';
import { html } from 'lit';
import '../provider/define.js';
import '../stock-badge/define.js';
import '../price/define.js';
import { primedClient, recordPage, SSR_SKUS } from '../internal/testing/ssr.js';

/**
 * Server rendering (`@omnikit/elements/ssr` on the server, `ssr-client.js` in the page): the
 * server renders the widgets and puts its reads in the page; the page's client starts from them,
 * so the widgets show their final state at once and ask the API nothing. A story cannot show a
 * server's HTML; this shows the browser half, a client primed with a recorded snapshot.
 */
const meta: Meta = {
  title: 'Server rendering/Primed client',
  component: 'omni-provider',
};
export default meta;

/** Badges and prices from the snapshot: no data request (the transport's request log stays empty). */
export const Primed: StoryObj = {
  loaders: [async () => ({ page: await recordPage() })],
  render: (_args, { loaded }) => {
    const { client } = primedClient((loaded as { page: string }).page);
    return html`<omni-provider .client=${client} store=${FIXTURE_STORE} locale="en">
      ${SSR_SKUS.map((sku) => html`<p><omni-price sku=${sku}></omni-price> <omni-stock-badge sku=${sku}></omni-stock-badge></p>`)}
    </omni-provider>`;
  },
};
