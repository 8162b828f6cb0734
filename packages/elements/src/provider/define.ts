import { define } from '../internal/define.js';
import { OmniProvider } from './provider.js';

define('omni-provider', OmniProvider);

export { OmniProvider };

declare global {
  interface HTMLElementTagNameMap {
    'omni-provider': OmniProvider;
  }
}
