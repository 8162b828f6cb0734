import type { Order } from '@omnikit/sdk/cart';

/**
 * Fired by `<omni-cart>` when the shopper's order is placed: the cart became `order` (the
 * server's, with its number, status and totals; the SDK keeps the secret to read it later).
 * Bubbles and crosses shadow roots, so a page listens once on `document` to show its
 * confirmation page or report the purchase.
 */
export class OmniCheckoutEvent extends Event {
  static readonly type = 'omni-checkout';
  constructor(
    /** The order placed. */
    readonly order: Order,
  ) {
    super(OmniCheckoutEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-checkout': OmniCheckoutEvent;
  }
}
