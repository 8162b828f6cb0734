import type { FulfillmentChoice } from '@omnikit/sdk/cart';

/**
 * Fired by `<omni-click-collect>` when the shopper chooses how to get the goods (an option or a
 * pickup slot): `detail` (also `choice`) is the new {@link FulfillmentChoice}, already recorded
 * as the client's choice that `<omni-add-to-cart>` follows. Bubbles and crosses shadow roots.
 * Not fired for the preselection the widget shows before any choice.
 */
export class OmniFulfillmentChangeEvent extends CustomEvent<FulfillmentChoice> {
  static readonly type = 'omni-fulfillment-change';
  constructor(choice: FulfillmentChoice) {
    super(OmniFulfillmentChangeEvent.type, { bubbles: true, composed: true, detail: choice });
  }

  /** The choice (the same object as `detail`). */
  get choice(): FulfillmentChoice {
    return this.detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-fulfillment-change': OmniFulfillmentChangeEvent;
  }
}
