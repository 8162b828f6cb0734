/**
 * `@omnikit/sdk`: the typed client of the Omnikit API for browsers, kiosks and Node.
 * Resources are plain functions taking a client (tree-shakable); {@link createClient} also
 * exposes them as namespaces. Live state for widgets comes as nanostores atoms.
 * @packageDocumentation
 */
// Everything `@omnikit/sdk/base` has (the base client, batched reads, live stores, errors), then
// the full client and the calls only page scripts and integrators make.
export * from './base.js';
export { createClient, type OmnikitClient } from './full-client.js';
export type { FetchLike, CallOptions } from './transport.js';
export type { RealtimeOptions, RealtimeStatus } from './realtime.js';
export { listStores, getStore, type ListStoresInput } from './resources/stores.js';
export { getFulfillmentOptions, type SkuFulfillmentInput, type CartFulfillmentInput } from './resources/fulfillment.js';
export { listPickupSlots, type PickupSlotsInput } from './resources/pickup.js';
export { getProducts } from './resources/products-many.js';
export { searchProducts, listCategories, type SearchProductsInput } from './resources/catalog.js';
export { getManyAvailability } from './resources/availability-many.js';
export { createReadRecorder, primeReads, serializeReads, type ReadRecorder, type ReadSnapshot, type RecordedRead } from './ssr.js';
export {
  MAX_AVAILABILITY_SKUS,
  MAX_AVAILABILITY_STORES,
  MAX_AVAILABILITY_PAIRS,
  type AvailabilityManyQuery,
} from './resources/availability.js';
export { getNearestAvailability, type NearestInput } from './resources/nearest.js';
export { SELECTED_STORE_KEY, type StorageLike } from './stores/selected-store.js';
export { nearbyStockStore, type NearbyStockQuery } from './stores/nearby.js';
export { signIn, signOut, customerTokenStore, getMyLoyalty, joinLoyalty, getMyLedger, checkIn, type LedgerInput } from './resources/loyalty.js';
export { loyaltyStore, loyaltyView, type LoyaltyState, type LoyaltyView } from './stores/loyalty.js';
export {
  tierProgress, DEFAULT_TIERS, memberTopic,
  type LoyaltyMember, type LedgerEntry, type LedgerLine, type LedgerPage, type LedgerKind, type LedgerSource, type LoyaltyResult,
  type Tier, type TierBenefits, type TierProgress, type TierStanding,
} from '@omnikit/contract/loyalty';
export {
  stockTopic,
  ONLINE_LOCATION,
  type Availability,
  type NearbyStock,
  type Product,
  type Price,
  type Prices,
  type NearbyStore,
  type Store,
  type StoreType,
  type OpenState,
  type FulfillmentOptions,
  type FulfillmentOption,
  type FulfillmentOptionLine,
  type FulfillmentOptionKind,
  type FulfillmentProblem,
  type StockSource,
  type PickupSlot,
  type PickupSlotList,
  type SlotUnavailableReason,
  type Address,
  type Coordinates,
  type OpeningHours,
  type OpeningException,
  type StoreService,
  type Country,
  type StockStatus,
  type Category,
  type ProductPage,
  type ErrorCode,
  type Channel,
  type Currency,
} from '@omnikit/contract';
// The cart: the same list as the widget-path entry @omnikit/sdk/cart.
export * from './cart.js';
