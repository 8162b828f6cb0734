/**
 * Omnikit web components. This entry exports the classes and `configure()` without
 * registering any tag; import `@omnikit/elements/<widget>.js` to register one.
 * @packageDocumentation
 */
export { OmniProvider } from './provider/provider.js';
export { OmniStockBadge } from './stock-badge/stock-badge.js';
export { OmniPrice } from './price/price.js';
export { OmniCartCount, type CartCountState } from './cart-count/cart-count.js';
export { OmniAddToCart, type AddToCartStatus } from './add-to-cart/add-to-cart.js';
export { OmniAddToCartEvent } from './add-to-cart/event.js';
export { OmniCart, OmniCheckoutEvent, type CartState } from './cart/cart.js';
export { OmniClickCollect, type ClickCollectStatus } from './click-collect/click-collect.js';
export { OmniFulfillmentChangeEvent } from './click-collect/event.js';
export { OmniCartHandoff, OmniCartResumeEvent, type CartHandoffState, type CartHandoffResumeState, type CartHandoffMode } from './cart-handoff/cart-handoff.js';
export { OmniOrderStatus } from './order-status/order-status.js';
export { OmniPickupQueue } from './pickup-queue/pickup-queue.js';
export { OmniStorePicker, type StorePickerStatus } from './store-picker/store-picker.js';
export { OmniStoreChangeEvent, type StoreChangeDetail } from './store-picker/event.js';
export { OmniElement } from './internal/omni-element.js';
export { configure, type ConfigureOptions } from './internal/configure.js';
export { omniContext, type OmniContext, type OmniClient } from './internal/context.js';
export { OmniStockChangeEvent, type StockState } from './internal/events.js';
export { define } from './internal/define.js';
