import { define } from '../internal/define.js';
import { OmniPickupQueue } from './pickup-queue.js';

define('omni-pickup-queue', OmniPickupQueue);

export { OmniPickupQueue };

declare global {
  interface HTMLElementTagNameMap {
    'omni-pickup-queue': OmniPickupQueue;
  }
}
