import { define } from '../internal/define.js';
import { OmniOrderStatus } from './order-status.js';

define('omni-order-status', OmniOrderStatus);

export { OmniOrderStatus };

declare global {
  interface HTMLElementTagNameMap {
    'omni-order-status': OmniOrderStatus;
  }
}
