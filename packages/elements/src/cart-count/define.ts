import { define } from '../internal/define.js';
import { OmniCartCount } from './cart-count.js';

define('omni-cart-count', OmniCartCount);

export { OmniCartCount };

declare global {
  interface HTMLElementTagNameMap {
    'omni-cart-count': OmniCartCount;
  }
}
