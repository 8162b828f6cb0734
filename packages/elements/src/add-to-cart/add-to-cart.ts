import { addToCart, addToCartStore, MAX_LINE_QUANTITY, type AddToCartQuery, type AddToCartState } from '@omnikit/sdk/cart';
import { html, type PropertyValues } from 'lit';
import { warnRejectedInput } from '#dev';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { styles } from './add-to-cart.styles.js';
import { OmniAddToCartEvent } from './event.js';
import { en, messagesOf, type AddToCartMessages } from './messages.js';

/** What the button shows; also its custom states (`omni-add-to-cart:state(unavailable)`), with `busy` and `failed` beside them. */
export type AddToCartStatus = AddToCartState['kind'];
const STATES = ['loading', 'available', 'unavailable', 'error', 'busy', 'failed'];

/** The text beside the button: why it is disabled, or how the add goes when not as asked. */
function note(m: AddToCartMessages, s: AddToCartState): string {
  const r = s.reason;
  return s.kind === 'error'
    ? s.error?.details?.issues?.[0]?.path === 'quantity'
      ? m.badQuantity(MAX_LINE_QUANTITY)
      : m.error
    : s.fallback && s.fulfillment?.type === 'delivery'
      ? m.deliveryInstead
      : r === 'not-sold'
        ? m.notSold
        : r === 'nearby-only'
          ? m.nearbyOnly(s.stock.nearby[0]!.shortName)
          : r === 'quantity-unavailable'
            ? m.onlyAvailable(s.available!)
            : s.kind === 'unavailable'
              ? m.outOfStock
              : '';
}

/**
 * A button that adds a product to the shopper's unified cart with the fulfilment the SDK
 * decides (`addToCartStore`): pickup at the chosen store when it has the quantity, else home
 * delivery, or an explicit `fulfillment` when it can be had. When nothing can be had the
 * button is disabled (`aria-disabled`, still focusable) with the reason shown beside it. The
 * decision follows stock live. While adding, the button is busy and ignores further presses;
 * the result ("Added 2 × Trail runner shoe to cart") or the server's error is announced
 * politely, and an error also shown beside the button.
 *
 * @summary Adds a product to the cart with the chosen store's fulfilment.
 * @tag omni-add-to-cart
 * @csspart base - The button.
 * @csspart label - The button's text.
 * @csspart reason - The text beside the button: why it is disabled, a fallback (home delivery), or the add's error.
 * @cssprop --omni-add-to-cart-background - Button background (default `--omni-color-accent`).
 * @cssprop --omni-add-to-cart-color - Button text (default `--omni-color-surface`: near white, near black in dark mode).
 * @cssprop --omni-add-to-cart-radius - Button corner radius (default `--omni-radius-sm`).
 * @cssprop --omni-add-to-cart-padding - Button inner spacing.
 * @cssprop --omni-add-to-cart-min-width - Width the button keeps in every state (default `10em`).
 * @fires {OmniAddToCartEvent} omni-add-to-cart - The server added the units: `cart` and `line`.
 */
export class OmniAddToCart extends OmniElement {
  static override styles = [hostStyles, styles];
  // Not decorators: each chunk would carry the decorator helper of its own.
  static override properties = { sku: {}, qty: { type: Number }, fulfillment: {} };

  /**
   * The product SKU, e.g. `OK-10001`.
   * @attr sku
   */
  sku = '';

  /**
   * Units to add: a whole number from 1 to 999 (default 1).
   * @attr qty
   */
  qty = 1;

  /**
   * `delivery`, `pickup` or `take_now` to ask for that fulfilment; honoured when it can be had
   * (`take_now` on `kiosk` and `pos` channels only), otherwise the SDK's usual choice.
   * @attr fulfillment
   */
  fulfillment: AddToCartQuery['fulfillment'];

  private readonly decision = new StoreController(this, () => {
    const c = this.ctx;
    // No SKU too: the SDK refuses it (`validation_failed`), as any other input it decides on.
    return c && addToCartStore(c.client, {
      sku: this.sku,
      storeId: c.storeId,
      quantity: this.qty,
      fulfillment: this.fulfillment || undefined,
      channel: c.channel as AddToCartQuery['channel'],
    });
  });

  private current: AddToCartState = { kind: 'loading', sku: '', quantity: 1, stock: { kind: 'loading', sku: '', storeId: 'online', nearby: [] } };
  private busy = false;
  /** The last add's error text, until the next add or another decision. */
  private failure = '';

  /** What the button shows now: `loading` (also while the page's language is on its way), `available`, `unavailable` or `error`. */
  get status(): AddToCartStatus {
    return this.m ? this.current.kind : 'loading';
  }

  /** The texts in the page's language as of the last update, or `undefined` while they load (English is always here). */
  private m: AddToCartMessages | undefined;

  /** The SDK's whole decision shown now (fulfilment, reason, stock). */
  get state(): AddToCartState {
    return this.current;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    prepareAnnouncer();
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const locale = this.resolvedLocale;
    this.m = messagesOf(locale, () => this.requestUpdate());
    const v = this.decision.value;
    const next: AddToCartState = v ?? { ...this.current, kind: 'loading', sku: this.sku };
    // An error belongs to the add it came from: another decision shows its own text.
    if (next.kind !== this.current.kind || next.fulfillment?.type !== this.current.fulfillment?.type) this.failure = '';
    this.current = next;
  }

  protected override updated(changed: PropertyValues<this>): void {
    this.setCustomStates(STATES, [this.status, this.busy ? 'busy' : '', this.failure && 'failed']);
    warnRejectedInput(this, this.current.error);
    super.updated(changed);
  }

  private async onClick(): Promise<void> {
    const s = this.current;
    // Available only with a provider's client (the decision needs one).
    if (this.busy || this.status !== 'available') return;
    const client = this.ctx!.client;
    const m = this.m!;
    this.busy = true;
    this.failure = '';
    this.requestUpdate();
    try {
      const { cart, line } = await addToCart(client, s);
      announce(m.added(s.quantity, line.name));
      const e = new OmniAddToCartEvent(cart, line, s.quantity);
      // A variable, not `new ...` inline: the manifest analyzer would take its first argument for the event's name.
      this.dispatchEvent(e);
    } catch (e) {
      const code = (e as { code?: string }).code;
      announce((this.failure = code === 'product_inactive' ? m.notSold : code === 'cart_limit_reached' ? m.cartFull : m.failed));
    } finally {
      this.busy = false;
      this.requestUpdate();
    }
  }

  protected override render() {
    const t = this.m;
    const m = t ?? en;
    const s = this.current;
    const kind = this.status;
    // No text in another language while the page's is on its way.
    const text = t ? this.failure || note(m, s) : '';
    // While adding, the button keeps its look (aria-busy) and ignores presses; only the label changes.
    return html`<button part="base" type="button" aria-disabled=${kind !== 'available'} aria-busy=${kind === 'loading' || this.busy} aria-describedby="reason" @click=${this.onClick}><span part="label">${this.busy ? m.adding : s.fulfillment?.type === 'take_now' ? m.addTakeNow : m.add}</span></button><span part="reason" id="reason" class=${this.failure || kind === 'error' ? 'error' : ''}>${text}</span>`;
  }
}
