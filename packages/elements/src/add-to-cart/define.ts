import { define } from '../internal/define.js';
import { OmniAddToCart } from './add-to-cart.js';

define('omni-add-to-cart', OmniAddToCart);

export { OmniAddToCart };

declare global {
  interface HTMLElementTagNameMap {
    'omni-add-to-cart': OmniAddToCart;
  }
}
