/**
 * `@omnikit/sdk/base`: the base client, the batched reads and the live stores, without the full
 * client's namespaces and the catalog calls. The widgets import this entry so the code they share
 * carries only what they run (a bundler follows every module an entry imports). `@omnikit/sdk`
 * re-exports all of it.
 * @packageDocumentation
 */
export { createBaseClient, type BaseClient, type ClientOptions, type ResolvedConfig, type ClientLike, type ConnectionState } from './base-client.js';
export * from './errors.js';
export { getAvailability, watchAvailability, type AvailabilityKey, type WatchOptions } from './resources/availability.js';
export { getProduct } from './resources/products.js';
export { availabilityStore } from './stores/availability.js';
export { productStore } from './stores/product.js';
export {
  stockStateStore,
  NEARBY_STORES_LISTED,
  type StockState,
  type StockStateKind,
  type StockStateQuery,
  type NearbyStoreStock,
} from './stores/stock-state.js';
export type { Remote } from './stores/remote.js';
export {
  storePickerStore,
  type StorePickerState,
  type StorePickerKind,
  type StorePickerQuery,
  type StorePickerRow,
  type StorePickerOpen,
  type StorePickerOrigin,
  type StorePickerStockKind,
} from './stores/store-picker.js';
export type { Store, StoreService, StoreType, OpenState } from '@omnikit/contract';
