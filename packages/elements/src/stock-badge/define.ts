import { define } from '../internal/define.js';
import { OmniStockBadge } from './stock-badge.js';

define('omni-stock-badge', OmniStockBadge);

export { OmniStockBadge };

declare global {
  interface HTMLElementTagNameMap {
    'omni-stock-badge': OmniStockBadge;
  }
}
