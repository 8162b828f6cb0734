import { availabilityStore, nearbyStockStore, productStore } from '@omnikit/sdk/base';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OmniStockChangeEvent, type StockState } from '../internal/events.js';
import { OmniElement } from '../internal/omni-element.js';
import { hostStyles } from '../internal/theme.js';
import { StoreController } from '../internal/store-controller.js';
import { messages } from './messages.js';
import { styles } from './stock-badge.styles.js';

type ValueOf<F extends (...args: never[]) => { get(): unknown }> = ReturnType<ReturnType<F>['get']>;
type RemoteAvailability = ValueOf<typeof availabilityStore>;
type RemoteNearby = ValueOf<typeof nearbyStockStore>;
type RemoteProduct = ValueOf<typeof productStore>;

/** What the badge renders, derived from SDK store state only. */
interface View {
  state: StockState;
  available?: number | undefined;
  nearbyCount?: number;
  nearest?: string;
}

const ONLINE = 'online';
const NOT_SOLD_CODES = new Set(['unknown_sku', 'not_found']);

/**
 * Maps the SDK's remote states to what the badge shows. Pure: the SDK decides stock status
 * (server thresholds, live events); this only picks the message, and applies the page's own
 * `low-stock-threshold` when one is set.
 */
function view(
  here: RemoteAvailability | undefined,
  online: RemoteAvailability | undefined,
  nearby: RemoteNearby | undefined,
  product: RemoteProduct | undefined,
  threshold: number | undefined,
): View {
  if (!here || here.status === 'loading') return { state: 'loading' };
  if (here.status === 'error') return { state: NOT_SOLD_CODES.has(here.error.code) ? 'not-sold' : 'error' };
  const a = here.data;
  const p = product?.status === 'ready' ? product.data : undefined;
  if (p && !p.active) return { state: 'not-sold' };
  if (a.available > 0 && a.status !== 'not_stocked') {
    const low = threshold === undefined ? a.status === 'low_stock' : a.available <= threshold;
    return { state: low ? 'low-stock' : 'in-stock', available: a.available };
  }
  if (p?.onlineOnly) return { state: 'online-only', available: 0 };
  // The remaining cases need a second look; stay "loading" until it arrives.
  if (product?.status === 'loading' || nearby?.status === 'loading') return { state: 'loading' };
  // Stores nearby that have it (a listed store may have sold out since: live data).
  const list = nearby?.status === 'ready' ? nearby.data.filter((n) => n.availability.available > 0) : [];
  const first = list[0];
  if (first) return { state: 'nearby', available: 0, nearbyCount: list.length, nearest: first.store.name };
  if (a.status === 'out_of_stock') return { state: 'out-of-stock', available: 0 };
  // Not carried here nor nearby: sold online, or not sold at all.
  if (online?.status === 'loading') return { state: 'loading' };
  const onlineAvailable = online?.status === 'ready' ? online.data.available : 0;
  return onlineAvailable > 0 ? { state: 'online-only', available: 0 } : { state: 'not-sold' };
}

/**
 * Live stock for one SKU at the shopper's store: in stock, low stock (n left), out of stock
 * but available at stores nearby, online only, or not sold. Updates live as stock changes and
 * announces changes politely to screen readers (never the first render).
 *
 * @summary Live stock of one product at the selected store.
 * @tag omni-stock-badge
 * @csspart base - The badge box.
 * @csspart indicator - The coloured dot before the text.
 * @csspart label - The text.
 * @cssprop --omni-stock-badge-background - Badge background (default `--omni-color-surface`).
 * @cssprop --omni-stock-badge-color - Text colour (default `--omni-color-text`).
 * @cssprop --omni-stock-badge-radius - Corner radius (default `--omni-radius-pill`).
 * @cssprop --omni-stock-badge-padding - Inner spacing.
 * @cssprop --omni-stock-badge-min-width - Width reserved while loading (default `7em`).
 * @cssprop --omni-stock-badge-in-stock-color - Indicator colour when in stock (default `--omni-color-success`).
 * @cssprop --omni-stock-badge-low-stock-color - Indicator colour when low or only nearby (default `--omni-color-warning`).
 * @cssprop --omni-stock-badge-out-of-stock-color - Indicator colour when out of stock (default `--omni-color-danger`).
 * @cssprop --omni-stock-badge-online-only-color - Indicator colour when online only (default `--omni-color-accent`).
 * @fires {OmniStockChangeEvent} omni-stock-change - The state or quantity shown changed (also the first resolved state).
 */
export class OmniStockBadge extends OmniElement {
  static override styles = [hostStyles, styles];

  /** The product SKU, e.g. `OK-10001`. */
  @property() sku = '';

  /** Store id for this badge only; overrides the provider's store and the selected store. */
  @property() store: string | undefined;

  /** Also show the number of units when in stock. */
  @property({ type: Boolean, attribute: 'show-quantity' }) showQuantity = false;

  /** Show "n left" at or below this many units; by default the threshold the server sets. */
  @property({ type: Number, attribute: 'low-stock-threshold' }) lowStockThreshold: number | undefined;

  @state() private announcement = '';

  private readonly here = new StoreController(this, () => this.select(this.location));
  private readonly online = new StoreController(this, () =>
    this.location === ONLINE ? undefined : this.select(ONLINE),
  );
  // Second looks, subscribed only when the first answer needs them.
  private readonly nearby = new StoreController(this, () => {
    const c = this.ctx?.client;
    const a = this.here.value;
    return c && this.location !== ONLINE && a?.status === 'ready' && a.data.available === 0
      ? nearbyStockStore(c, { sku: this.sku, storeId: this.location })
      : undefined;
  });
  private readonly product = new StoreController(this, () => {
    const c = this.ctx?.client;
    const a = this.here.value;
    return c && a?.status === 'ready' && a.data.available === 0
      ? productStore(c, this.sku)
      : undefined;
  });

  private current: View = { state: 'loading' };
  /** The SDK refused this badge's input (e.g. a malformed SKU) while selecting its stores. */
  private invalid = false;
  private lastKey: string | undefined;
  private pending: OmniStockChangeEvent | undefined;

  /** What the badge shows now. */
  get status(): StockState {
    return this.current.state;
  }

  /** The location shown: this badge's store, the provider's store, or `online`. */
  private get location(): string {
    return this.store || this.ctx?.storeId || ONLINE;
  }

  private select(storeId: string) {
    const c = this.ctx?.client;
    if (!c || !this.sku) return undefined;
    try {
      return availabilityStore(c, { sku: this.sku, storeId });
    } catch {
      // The SDK rejected the input synchronously: show the fallback, never throw into the page.
      this.invalid = true;
      return undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.invalid = false;
    const here = this.here.value; // (re)selects, which may flag invalid input
    const v =
      this.ctx && (!this.sku || this.invalid)
        ? { state: 'error' as const }
        : view(here, this.online.value, this.nearby.value, this.product.value, this.lowStockThreshold);
    this.current = v;
    this.setCustomState(v.state);
    if (v.state === 'loading') return;
    const key = `${this.sku}@${this.location}:${v.state}:${v.available}:${v.nearbyCount}`;
    if (key === this.lastKey) return;
    const previous = this.lastKey === undefined ? undefined : this.lastKey.split(':')[1];
    // Announce changes, never the first answer (that is just the page loading).
    if (this.lastKey !== undefined) this.announcement = this.label(v);
    this.lastKey = key;
    this.pending = new OmniStockChangeEvent(this.sku, this.location, v.state, v.available, previous as StockState | undefined);
  }

  protected override updated(): void {
    const e = this.pending;
    this.pending = undefined;
    if (e) this.dispatchEvent(e);
  }

  private label(v: View): string {
    const m = this.messages(messages);
    switch (v.state) {
      case 'in-stock':
        return this.showQuantity && v.available ? m.inStockQuantity(v.available) : m.inStock;
      case 'low-stock':
        return m.lowStock(v.available ?? 0);
      case 'out-of-stock':
        return m.outOfStock;
      case 'nearby':
        return m.nearby(v.nearbyCount ?? 0, v.nearest ?? '');
      case 'online-only':
        return m.onlineOnly;
      case 'not-sold':
        return m.notSold;
      case 'error':
        return m.error;
      default:
        return m.loading;
    }
  }

  protected override render() {
    const v = this.current;
    const loading = v.state === 'loading';
    return html`<span part="base" class=${v.state} aria-busy=${loading ? 'true' : nothing}
        >${loading
          ? html`<span class="skeleton" aria-hidden="true"></span><span class="sr-only">${this.label(v)}</span>`
          : html`<span part="indicator" aria-hidden="true"></span><span part="label">${this.label(v)}</span>`}</span
      ><span class="sr-only" role="status">${this.announcement}</span>`;
  }
}
