import type { Cart, CartLine } from '@omnikit/sdk/cart';

/**
 * Fired by `<omni-add-to-cart>` after the server added the units: the updated cart and the line
 * they went to (a new line, or the one with the same SKU and fulfilment, grown). Bubbles and
 * crosses shadow roots, so one listener on `document` sees every button (analytics, a mini
 * cart that opens). Not fired when the add failed.
 */
export class OmniAddToCartEvent extends Event {
  static readonly type = 'omni-add-to-cart';
  constructor(
    /** The cart after the add. */
    readonly cart: Cart,
    /** The line the units went to. */
    readonly line: CartLine,
    /** The units this add put in (the line may hold more). */
    readonly quantity: number,
  ) {
    super(OmniAddToCartEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-add-to-cart': OmniAddToCartEvent;
  }
}
