import { define } from '../internal/define.js';
import { OmniStorePicker } from './store-picker.js';

define('omni-store-picker', OmniStorePicker);

export { OmniStorePicker };

declare global {
  interface HTMLElementTagNameMap {
    'omni-store-picker': OmniStorePicker;
  }
}
