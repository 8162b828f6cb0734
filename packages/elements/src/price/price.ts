import { productStore } from '@omnikit/sdk/base';
import { html, type PropertyValues } from 'lit';
import { formatMoney } from '../internal/format.js';
import { OmniElement } from '../internal/omni-element.js';
import { hostStyles } from '../internal/theme.js';
import { StoreController } from '../internal/store-controller.js';
import { messagesOf, type PriceMessages } from './messages.js';
import { styles } from './price.styles.js';

/** Custom states of the price: `sale` comes with `ready`. */
const STATES = ['loading', 'ready', 'sale', 'unavailable', 'error'];

interface PriceView {
  state: 'loading' | 'ready' | 'unavailable' | 'error';
  /** The current price, formatted (when ready). */
  now?: string;
  /** The previous price, formatted, when on sale. */
  was?: string;
}

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
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties = { sku: {} };

  /** The product SKU, e.g. `OK-10001`. */
  sku = '';

  private readonly product = new StoreController(this, () => {
    const c = this.ctx?.client;
    if (!c || !this.sku) return undefined;
    try {
      return productStore(c, this.sku);
    } catch {
      return undefined;
    }
  });

  private current: PriceView = { state: 'loading' };
  private m: PriceMessages | undefined;

  /** What to show, from the SDK's product state (in `update`, where the controller follows the inputs). */
  private view(): PriceView {
    const p = this.product.value;
    if (this.ctx && (!this.sku || (p?.status === 'ready' && !p.data.active))) return { state: 'unavailable' };
    if (!p || p.status === 'loading') return { state: 'loading' };
    if (p.status === 'error') return { state: 'error' };
    const currency = this.resolvedCurrency;
    const price = p.data.prices[currency as keyof typeof p.data.prices];
    if (!price) return { state: 'unavailable' };
    const locale = this.resolvedLocale;
    const sale = price.compareAt !== undefined && price.compareAt > price.amount;
    return {
      state: 'ready',
      now: formatMoney(price.amount, currency, locale),
      ...(sale ? { was: formatMoney(price.compareAt!, currency, locale) } : {}),
    };
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    // The page's language may still be on its way (its own chunk): loading until it is here.
    this.m = messagesOf(this.resolvedLocale, () => this.requestUpdate());
    this.current = this.m ? this.view() : { state: 'loading' };
  }

  protected override updated(): void {
    // Custom states follow what was rendered, as independent flags: a sale price is also ready.
    const v = this.current;
    this.setCustomStates(STATES, v.was ? [v.state, 'sale'] : [v.state]);
  }

  protected override render() {
    // derive() left `m` undefined only in the loading state.
    const { m, current: v } = this;
    if (v.state === 'loading') {
      return html`<span part="base" aria-busy="true"><span class="skeleton" aria-hidden="true"></span><span class="sr-only">${m?.loading}</span></span>`;
    }
    if (v.state !== 'ready') return html`<span part="base" class="unavailable">${m!.unavailable}</span>`;
    if (!v.was) return html`<span part="base"><span part="price">${v.now}</span></span>`;
    // Templates on few lines: their whitespace ships as it is written.
    return html`<span part="base" class="sale"><span part="price"><span class="sr-only">${m!.now} </span>${v.now}</span><s part="compare-at"><span class="sr-only">${m!.was} </span>${v.was}</s></span>`;
  }
}
