import { define } from '../internal/define.js';
import { OmniClickCollect } from './click-collect.js';

define('omni-click-collect', OmniClickCollect);

export { OmniClickCollect };

declare global {
  interface HTMLElementTagNameMap {
    'omni-click-collect': OmniClickCollect;
  }
}
