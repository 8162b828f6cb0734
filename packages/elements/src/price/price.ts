import { productStore } from '@omnikit/sdk/base';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { formatMoney } from '../internal/format.js';
import { OmniElement } from '../internal/omni-element.js';
import { hostStyles } from '../internal/theme.js';
import { StoreController } from '../internal/store-controller.js';
import { messages } from './messages.js';
import { styles } from './price.styles.js';

/**
 * The one price every channel shows for a product, in the provider's currency and locale, with
 * the previous price struck through when the product is on sale (read as "was ... now ..." by
 * screen readers).
 *
 * @summary The price of one product, with its compare-at price when on sale.
 * @tag omni-price
 * @csspart base - The wrapper of both prices.
 * @csspart price - The current price.
 * @csspart compare-at - The previous price, struck through.
 * @cssprop --omni-price-color - Text colour (default `--omni-color-text`).
 * @cssprop --omni-price-sale-color - Current price colour when on sale (default `--omni-color-sale`).
 * @cssprop --omni-price-compare-at-color - Previous price colour (default `--omni-color-text-muted`).
 * @cssprop --omni-price-font-size - Size of the current price (default `1em`).
 * @cssprop --omni-price-font-weight - Weight of the current price (default `--omni-font-weight-strong`).
 * @cssprop --omni-price-min-width - Width reserved while loading (default `5em`).
 */
export class OmniPrice extends OmniElement {
  static override styles = [hostStyles, styles];

  /** The product SKU, e.g. `OK-10001`. */
  @property() sku = '';

  private readonly product = new StoreController(this, () => {
    const c = this.ctx?.client;
    if (!c || !this.sku) return undefined;
    try {
      return productStore(c, this.sku);
    } catch {
      return undefined;
    }
  });

  protected override render() {
    const m = this.messages(messages);
    const p = this.product.value;
    if (this.ctx && (!this.sku || (p?.status === 'ready' && !p.data.active))) return this.unavailable(m.unavailable);
    if (!p || p.status === 'loading') {
      this.setCustomState('loading');
      return html`<span part="base" aria-busy="true"
        ><span class="skeleton" aria-hidden="true"></span><span class="sr-only">${m.loading}</span></span
      >`;
    }
    if (p.status === 'error') return this.unavailable(m.unavailable, 'error');
    const currency = this.resolvedCurrency;
    const price = p.data.prices[currency as keyof typeof p.data.prices];
    if (!price) return this.unavailable(m.unavailable);
    const locale = this.resolvedLocale;
    const now = formatMoney(price.amount, currency, locale);
    const sale = price.compareAt !== undefined && price.compareAt > price.amount;
    this.setCustomState(sale ? 'sale' : 'ready');
    if (!sale) return html`<span part="base"><span part="price">${now}</span></span>`;
    const was = formatMoney(price.compareAt!, currency, locale);
    return html`<span part="base" class="sale"
      ><span part="price"><span class="sr-only">${m.now} </span>${now}</span
      ><s part="compare-at"><span class="sr-only">${m.was} </span>${was}</s></span
    >`;
  }

  private unavailable(text: string, state = 'unavailable') {
    this.setCustomState(state);
    return html`<span part="base" class="unavailable">${text}</span>`;
  }
}
