import type { StockStateKind } from '@omnikit/sdk/base';

/**
 * What a stock badge shows: the kind of the SDK's `stockStateStore` state. Also exposed as
 * custom states (`omni-stock-badge:state(low-stock)`). `nearby`: out of stock at this store,
 * available at stores nearby.
 */
export type StockState = StockStateKind;

/**
 * Fired by `<omni-stock-badge>` when the stock it shows changes: the first resolved state, and
 * every later change of state or quantity (live updates, another store, another SKU).
 * Bubbles and crosses shadow roots, so one listener on `document` sees every badge.
 */
export class OmniStockChangeEvent extends Event {
  static readonly type = 'omni-stock-change';
  constructor(
    /** The SKU shown. */
    readonly sku: string,
    /** The location the stock is for: a store id, or `online`. */
    readonly storeId: string,
    /** What the badge now shows. */
    readonly state: StockState,
    /** Units available at `storeId`, when known. */
    readonly available: number | undefined,
    /** What the badge showed before; `undefined` on the first resolved state. */
    readonly previousState: StockState | undefined,
  ) {
    super(OmniStockChangeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-stock-change': OmniStockChangeEvent;
  }
}
