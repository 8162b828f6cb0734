import { define } from '../internal/define.js';
import { OmniPrice } from './price.js';

define('omni-price', OmniPrice);

export { OmniPrice };

declare global {
  interface HTMLElementTagNameMap {
    'omni-price': OmniPrice;
  }
}
