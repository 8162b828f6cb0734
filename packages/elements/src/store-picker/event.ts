import type { Store } from '@omnikit/sdk/base';

/** What {@link OmniStoreChangeEvent} carries. */
export interface StoreChangeDetail {
  /** The chosen store's id (now the client's selected store). */
  storeId: string;
  /** The chosen store, as listed. */
  store: Store;
}

/**
 * Fired by `<omni-store-picker>` when the shopper chooses a store, after it became the client's
 * selected store (so every widget on the page already follows it, and it is remembered).
 * Bubbles and crosses shadow roots. `detail` is `{ storeId, store }`.
 */
export class OmniStoreChangeEvent extends CustomEvent<StoreChangeDetail> {
  static readonly type = 'omni-store-change';
  constructor(detail: StoreChangeDetail) {
    super(OmniStoreChangeEvent.type, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-store-change': OmniStoreChangeEvent;
  }
}
