import { cartCountStore } from '@omnikit/sdk/cart';
import { html, svg, type PropertyValues } from 'lit';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import { OmniElement } from '../internal/omni-element.js';
import { StoreController } from '../internal/store-controller.js';
import { hostStyles } from '../internal/theme.js';
import { styles } from './cart-count.styles.js';
import { messages } from './messages.js';

/** What the cart count shows; also its custom states (`omni-cart-count:state(count)`). */
export type CartCountState = 'loading' | 'empty' | 'count' | 'error';
const STATES: readonly CartCountState[] = ['loading', 'empty', 'count', 'error'];

// A shopping bag drawn with the text colour; `slot="icon"` replaces it.
const bag = svg`<path d="M6 7h12l-1 13H7L6 7Z" /><path d="M9 10V6a3 3 0 0 1 6 0v4" />`;

/** Formats a count in the locale (grouping above 999), falling back to English on a bad tag. */
function formatCount(n: number, locale: string): string {
  try {
    return n.toLocaleString(locale);
  } catch {
    return n.toLocaleString('en');
  }
}

/**
 * The live number of items in the shopper's cart, for a header cart icon. The count is the
 * server's (`cart.itemCount` from the SDK's `cartCountStore`), follows changes made on this
 * page, in other tabs and on other devices, and is read by screen readers as "Cart, 3 items";
 * changes after the first render are announced politely. Put it inside the page's own link or
 * button (`<a href="/cart"><omni-cart-count></omni-cart-count></a>`): the widget names the
 * icon, the host element does the navigation.
 *
 * @summary A cart icon with the live item count.
 * @tag omni-cart-count
 * @slot icon - Replaces the built-in bag icon (decorative: the widget's label names it).
 * @csspart base - The wrapper of the icon and the count, with the accessible label.
 * @csspart icon - The icon's box.
 * @csspart count - The number, on a pill over the icon's corner (not rendered when the cart is empty).
 * @cssprop --omni-cart-count-size - Size of the icon (default `1.5em`).
 * @cssprop --omni-cart-count-color - Colour of the icon (default `--omni-color-text`).
 * @cssprop --omni-cart-count-badge-background - Background of the count (default `--omni-color-accent`).
 * @cssprop --omni-cart-count-badge-color - Colour of the count's text (default white, near black in dark mode).
 */
export class OmniCartCount extends OmniElement {
  static override styles = [hostStyles, styles];
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties = { max: { type: Number } };

  /** Counts above this show as `max+` on the badge (the label keeps the exact number). */
  max = 99;

  private readonly store = new StoreController(this, () => {
    const c = this.ctx?.client;
    return c ? cartCountStore(c) : undefined;
  });

  private current: { state: CartCountState; count?: number } = { state: 'loading' };
  /** The last count rendered, `undefined` before the first: only later changes are announced. */
  private shown: number | undefined;
  private announcement = '';

  /** What is shown now: `loading`, `empty`, `count` or `error`. */
  get status(): CartCountState {
    return this.current.state;
  }

  /** The number of items shown, or `undefined` while loading or after an error. */
  get count(): number | undefined {
    return this.current.count;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The page's one live region must exist before the first change is announced into it.
    prepareAnnouncer();
  }

  protected override update(changed: PropertyValues<this>): void {
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const v = this.store.value;
    if (!v || v.status === 'loading') this.current = { state: 'loading' };
    else if (v.status === 'error') this.current = { state: 'error' };
    else this.current = { state: v.data > 0 ? 'count' : 'empty', count: v.data };
    const n = this.current.count;
    if (n === undefined) return;
    if (this.shown !== undefined && n !== this.shown) {
      const m = this.messages(messages);
      this.announcement = n > 0 ? m.inCart(n, formatCount(n, this.resolvedLocale)) : m.nowEmpty;
    }
    this.shown = n;
  }

  protected override updated(): void {
    this.setCustomStates(STATES, [this.current.state]);
    if (this.announcement) announce(this.announcement);
    this.announcement = '';
  }

  protected override render() {
    const m = this.messages(messages);
    const { state, count } = this.current;
    const locale = this.resolvedLocale;
    const label =
      state === 'count' ? `${m.cart}, ${m.items(count!, formatCount(count!, locale))}` : state === 'empty' ? `${m.cart}, ${m.empty}` : m.cart;
    const max = Number.isFinite(this.max) && this.max > 0 ? Math.floor(this.max) : 99;
    const badge = count! > max ? `${formatCount(max, locale)}+` : formatCount(count ?? 0, locale);
    return html`<span part="base" role="img" aria-label=${label} aria-busy=${state === 'loading' ? 'true' : 'false'}
      ><span part="icon" aria-hidden="true"
        ><slot name="icon"
          ><svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linejoin="round" stroke-linecap="round">
            ${bag}
          </svg></slot
        ></span
      >${state === 'count' ? html`<span part="count" aria-hidden="true">${badge}</span>` : null}</span
    >`;
  }
}
