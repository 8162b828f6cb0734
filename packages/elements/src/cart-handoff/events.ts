import type { Cart } from '@omnikit/sdk/cart';

/**
 * Fired by `<omni-cart-handoff>` when a cart was opened here by its code: the cart is this
 * device's now (the SDK's `$cart`, so every cart widget on the page shows it). Bubbles and
 * crosses shadow roots.
 */
export class OmniCartResumeEvent extends Event {
  static readonly type = 'omni-cart-resume';
  constructor(
    /** The cart opened, as the server answered. */
    readonly cart: Cart,
  ) {
    super(OmniCartResumeEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'omni-cart-resume': OmniCartResumeEvent;
  }
}
