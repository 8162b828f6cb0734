/**
 * `@omnikit/elements/ssr`: renders Omnikit widgets on a Node server with `@lit-labs/ssr`
 * (declarative shadow DOM), from real data that the SDK reads for them, and gives the page the
 * answers it used so the browser's client starts from them (`@omnikit/elements/ssr-client.js`).
 *
 * ```js
 * import { html } from 'lit';
 * import { renderWidgets } from '@omnikit/elements/ssr';
 * const page = await renderWidgets((client) => html`
 *   <omni-provider .client=${client} api=${API} publishable-key=${KEY} store=${store} locale="en">
 *     <omni-price sku=${sku}></omni-price> <omni-stock-badge sku=${sku}></omni-stock-badge>
 *   </omni-provider>`, { baseUrl: API, publishableKey: KEY });
 * // page.html goes into <body>, page.script anywhere before the client script.
 * ```
 * @packageDocumentation
 */
import { ContextEvent } from '@lit/context';
import { LitElementRenderer, render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { createBaseClient, createReadRecorder, serializeReads, type ClientOptions, type ReadSnapshot } from '@omnikit/sdk';
import type { PropertyValues } from 'lit';
import type { ReadableAtom } from 'nanostores';
import { omniContext, type OmniClient, type OmniContext } from '../internal/context.js';
import { OmniElement } from '../internal/omni-element.js';
import './catalogs.js';
import { StoreController } from '../internal/store-controller.js';
import { OmniProvider } from '../provider/provider.js';
import '../provider/define.js';
import '../stock-badge/define.js';
import '../price/define.js';

// Server-side rendering calls only willUpdate and render: no connect, no update, no controller
// hooks. These patches (here, so browsers never load them) give the widgets what the browser's
// lifecycle gives them: the provider publishes its context in willUpdate, each widget asks for
// it (the SSR DOM shim carries the context request to the provider rendered around it) and
// derives its state, and a store controller reads the store of the current inputs as it is now.
type WillUpdate = { willUpdate(changed: PropertyValues): void };
type Widget = { provided: OmniContext | undefined; derive(): void };
const widgetWillUpdate = (OmniElement.prototype as unknown as WillUpdate).willUpdate;
(OmniElement.prototype as unknown as WillUpdate).willUpdate = function (this: OmniElement & Widget, changed) {
  this.dispatchEvent(new ContextEvent(omniContext, this, (v) => (this.provided = v)));
  this.derive();
  widgetWillUpdate.call(this, changed);
};
const providerWillUpdate = (OmniProvider.prototype as unknown as WillUpdate).willUpdate;
(OmniProvider.prototype as unknown as WillUpdate).willUpdate = function (this: OmniProvider & { publish(): void }, changed) {
  providerWillUpdate.call(this, changed);
  this.publish();
};
/** During a render: the stores read, kept started until it ends (answers arrive between passes). */
let keep: Array<() => void> | undefined;
Object.defineProperty(StoreController.prototype, 'value', {
  get(this: { select(): ReadableAtom<unknown> | undefined }) {
    const store = this.select();
    if (store && keep) keep.push(store.listen(() => {}));
    return store?.get();
  },
});

// The provider runs its connectedCallback on the server too: that attaches its (shimmed) shadow
// root, through which the widgets' context request reaches it from its slot. The widgets need
// no connect: they ask in willUpdate (see OmniElement).
LitElementRenderer.renderOptions.push((el) => (el.localName === 'omni-provider' ? { connectedCallback: true } : undefined));

/** The `id` of the script element that carries the snapshot; `ssr-client.js` reads it. */
export const READS_ELEMENT_ID = 'omnikit-reads';

/** Options of {@link renderWidgets}: the server-side client's options, and a time limit. */
export interface RenderWidgetsOptions extends Omit<ClientOptions, 'storage'> {
  /** Most milliseconds to wait for the widgets' reads (default 5 000); then the render fails. */
  timeout?: number;
}

/** What {@link renderWidgets} gives the page. */
export interface RenderedWidgets {
  /** The rendered template: widgets with their shadow roots as `<template shadowrootmode>`. */
  html: string;
  /** The read answers the widgets were rendered from. */
  snapshot: ReadSnapshot;
  /** `<script type="application/json" id="omnikit-reads">` with the snapshot, for the page. */
  script: string;
}

/**
 * Renders a template of Omnikit widgets on the server. `template` gets the server-side client
 * to bind on its providers (`.client=${client}`; give them `api` and `publishable-key` too, for
 * the browser) and may be async (e.g. to read the product the page is about, through the same
 * client). The template is rendered twice: the first pass lets every widget ask the SDK for
 * its data (batched as in a browser), the second renders once every answer is in; the client is
 * closed afterwards (no event stream is left open). Rejects when the reads take longer than
 * `timeout`, or when the template throws.
 */
export async function renderWidgets(template: (client: OmniClient) => unknown, options: RenderWidgetsOptions): Promise<RenderedWidgets> {
  const { timeout, fetch, ...clientOptions } = options;
  const recorder = createReadRecorder(fetch);
  const client = createBaseClient({ ...clientOptions, fetch: recorder.fetch, storage: null });
  const kept: Array<() => void> = [];
  try {
    keep = kept;
    collectResultSync(render(await template(client)));
    await recorder.settled(timeout);
    const html = collectResultSync(render(await template(client)));
    const snapshot = recorder.snapshot();
    return { html, snapshot, script: `<script type="application/json" id="${READS_ELEMENT_ID}">${serializeReads(snapshot)}</script>` };
  } finally {
    keep = undefined;
    for (const unbind of kept) unbind();
    client.close();
  }
}
