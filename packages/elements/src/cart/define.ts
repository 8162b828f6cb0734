import { define } from '../internal/define.js';
import { OmniCart } from './cart.js';

define('omni-cart', OmniCart);

export { OmniCart };
export { OmniCheckoutEvent } from './checkout-event.js';

declare global {
  interface HTMLElementTagNameMap {
    'omni-cart': OmniCart;
  }
}
