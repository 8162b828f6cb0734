import { stockStateStore, type StockState as SdkStockState } from '@omnikit/sdk/base';
import { html, type PropertyValues } from 'lit';
import { warnRejectedInput } from '#dev';
import { announce, prepareAnnouncer } from '../internal/announce.js';
import { OmniStockChangeEvent, type StockState } from '../internal/events.js';
import { OmniElement } from '../internal/omni-element.js';
import { hostStyles } from '../internal/theme.js';
import { StoreController } from '../internal/store-controller.js';
import { messagesOf, type StockBadgeMessages } from './messages.js';
import { styles } from './stock-badge.styles.js';

const ONLINE = 'online';

/** The words for an SDK stock state: `full` for screen readers, `short` when the visible text differs. */
function words(m: StockBadgeMessages, s: SdkStockState, showQuantity: boolean): { full: string; short?: string } {
  switch (s.kind) {
    case 'in-stock':
      return { full: showQuantity && s.available ? m.inStockQuantity(s.available) : m.inStock };
    case 'low-stock':
      return { full: m.lowStock(s.available ?? 0) };
    case 'out-of-stock':
      return { full: m.outOfStock };
    case 'nearby': {
      const first = s.nearby[0]!;
      return { full: m.nearby(s.nearby.length, first.name), short: m.nearbyShort(first.shortName, s.nearby.length - 1) };
    }
    case 'online-only':
      return { full: m.onlineOnly };
    case 'not-sold':
      return { full: m.notSold };
    case 'error':
      return { full: m.error };
    default:
      return { full: m.loading };
  }
}

/**
 * Live stock for one SKU at the shopper's store: in stock, low stock (n left), out of stock
 * but available at stores nearby, online only, or not sold. Updates live as stock changes and
 * announces changes politely to screen readers (never the first render).
 *
 * @summary Live stock of one product at the selected store.
 * @tag omni-stock-badge
 * @csspart base - The badge box (its coloured dot is a background layer: set its colour with the properties below).
 * @csspart label - The text (the same box as `base` once the state is known).
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
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties = { sku: {}, store: {}, showQuantity: { type: Boolean, attribute: 'show-quantity' }, lowStockThreshold: { type: Number, attribute: 'low-stock-threshold' }, nearby: {} };

  /** The product SKU, e.g. `OK-10001`. */
  sku = '';

  /** Store id for this badge only; overrides the provider's store and the selected store. */
  store: string | undefined;

  /** Also show the number of units when in stock. */
  showQuantity = false;

  /** Show "n left" at or below this many units; by default the threshold the server sets. */
  lowStockThreshold: number | undefined;

  /**
   * `off` to decide on this store alone: "out of stock" instead of pointing to stores nearby,
   * for lists of stores (no nearby or online requests; watches the store's own topic).
   */
  nearby: 'on' | 'off' = 'on';

  // One SDK store per badge: the whole stock decision (see stockStateStore).
  private readonly stock = new StoreController(this, () => {
    const c = this.ctx?.client;
    if (!c || !this.sku) return undefined;
    const t = this.lowStockThreshold;
    return stockStateStore(c, {
      sku: this.sku,
      storeId: this.location,
      // A garbled attribute (NaN) falls back to the server's threshold.
      ...(typeof t === 'number' && Number.isFinite(t) ? { lowStockThreshold: t } : {}),
      nearby: this.nearby !== 'off',
    });
  });

  private current: SdkStockState = { kind: 'loading', sku: '', storeId: ONLINE, nearby: [] };
  private m: StockBadgeMessages | undefined;
  private lastKey: string | undefined;
  private pending: OmniStockChangeEvent | undefined;
  private announcement = '';
  /** The custom state on now (`''`: none yet, turning it off is a no-op). */
  private shownKind = '';

  override connectedCallback(): void {
    super.connectedCallback();
    // The page's one live region must exist before the first change is announced into it.
    prepareAnnouncer();
  }

  /** What the badge shows now. */
  get status(): StockState {
    return this.current.kind;
  }

  /** The location shown: this badge's store, the provider's store, or `online`. */
  private get location(): string {
    return this.store || this.ctx?.storeId || ONLINE;
  }

  protected override update(changed: PropertyValues<this>): void {
    // Derived here, after the controller followed this update's inputs (hostUpdate), and
    // before super.update renders: the state set here costs no second update.
    this.derive();
    super.update(changed);
  }

  protected override derive(): void {
    const location = this.location;
    // The page's language may still be on its way (its own chunk): loading until it is here.
    const m = (this.m = messagesOf(this.resolvedLocale, () => this.requestUpdate()));
    const v: SdkStockState =
      this.ctx && !this.sku
        ? { kind: 'error', sku: '', storeId: location, nearby: [] }
        : (m && this.stock.value) || { kind: 'loading', sku: this.sku, storeId: location, nearby: [] };
    this.current = v;
    if (v.kind !== 'loading') {
      const key = `${this.sku}@${location}:${v.kind}:${v.available}:${v.nearby.length}:${v.nearby[0]?.storeId}`;
      if (key !== this.lastKey) {
        const previous = this.lastKey?.split(':')[1] as StockState | undefined;
        // Announce changes, never the first answer (that is just the page loading).
        if (this.lastKey !== undefined && m) this.announcement = words(m, v, this.showQuantity).full;
        this.lastKey = key;
        this.pending = new OmniStockChangeEvent(this.sku, location, v.kind, v.available, previous);
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const v = this.current;
    // The kinds exclude each other: only the one shown before turns off (not a pass over all eight).
    if (v.kind !== this.shownKind) {
      this.toggleCustomState(this.shownKind, false);
      this.toggleCustomState((this.shownKind = v.kind), true);
    }
    warnRejectedInput(this, v.error);
    if (this.announcement) announce(this.announcement);
    this.announcement = '';
    const e = this.pending;
    this.pending = undefined;
    if (e) this.dispatchEvent(e);
    super.updated(changed);
  }

  protected override render() {
    const { current: v, m } = this;
    if (v.kind === 'loading' || !m) {
      return html`<span part="base" class="loading" aria-busy="true"><span class="skeleton" aria-hidden="true"></span><span class="sr-only">${m?.loading}</span></span>`;
    }
    const w = words(m, v, this.showQuantity);
    // One node for the common states (the dot is a background layer): a page renders hundreds.
    // The nearby state shows a short text and gives screen readers the full sentence.
    return w.short
      ? html`<span part="base label" class=${v.kind} title=${w.full}><span aria-hidden="true">${w.short}</span><span class="sr-only">${w.full}</span></span>`
      : html`<span part="base label" class=${v.kind}>${w.full}</span>`;
  }
}
