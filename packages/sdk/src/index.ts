/**
 * `@omnikit/sdk`: the typed client of the Omnikit API for browsers, kiosks and Node.
 * Resources are plain functions taking a client (tree-shakable); {@link createClient} also
 * exposes them as namespaces. Live state for widgets comes as nanostores atoms.
 * @packageDocumentation
 */
export {
  createClient,
  createBaseClient,
  type ClientOptions,
  type ResolvedConfig,
  type BaseClient,
  type OmnikitClient,
  type ClientLike,
} from './full-client.js';
export * from './errors.js';
export type { FetchLike, CallOptions } from './transport.js';
export type { RealtimeOptions, RealtimeStatus, ConnectionState } from './realtime.js';
export { listStores, getStore, type ListStoresInput } from './resources/stores.js';
export { getProduct } from './resources/products.js';
export { getProducts } from './resources/products-many.js';
export { searchProducts, listCategories, type SearchProductsInput } from './resources/catalog.js';
export { getManyAvailability } from './resources/availability-many.js';
export {
  getAvailability,
  watchAvailability,
  type WatchOptions,
  MAX_AVAILABILITY_SKUS,
  MAX_AVAILABILITY_STORES,
  MAX_AVAILABILITY_PAIRS,
  type AvailabilityKey,
  type AvailabilityManyQuery,
} from './resources/availability.js';
export { getNearestAvailability, type NearestInput } from './resources/nearest.js';
export { SELECTED_STORE_KEY, type StorageLike } from './stores/selected-store.js';
export { availabilityStore } from './stores/availability.js';
export { productStore } from './stores/product.js';
export { nearbyStockStore, type NearbyStockQuery } from './stores/nearby.js';
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
  stockTopic,
  ONLINE_LOCATION,
  type Availability,
  type NearbyStock,
  type Product,
  type Store,
  type StockStatus,
  type Category,
  type ProductPage,
  type ErrorCode,
  type Channel,
  type Currency,
} from '@omnikit/contract';
