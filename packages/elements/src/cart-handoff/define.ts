import { define } from '../internal/define.js';
import { OmniCartHandoff } from './cart-handoff.js';

define('omni-cart-handoff', OmniCartHandoff);

export { OmniCartHandoff };
export { OmniCartResumeEvent } from './events.js';

declare global {
  interface HTMLElementTagNameMap {
    'omni-cart-handoff': OmniCartHandoff;
  }
}
