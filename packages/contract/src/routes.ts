import type { RouteDef } from './route-def.js';
import { healthRoute } from './health.js';
import { getStoreRoute, listStoresRoute } from './stores.js';
import { getProductRoute, listProductsRoute } from './products.js';
import { listCategoriesRoute } from './categories.js';
import { getAvailabilityRoute } from './availability.js';
import { nearestAvailabilityRoute } from './nearest.js';
import { eventsPostRoute, eventsRoute } from './events.js';
import { AdjustStockBody, SetStockBody, StockParams, adjustStockRoute, setStockRoute } from './stock.js';
import { CreateCustomerTokenBody, DemoSignInBody, createCustomerTokenRoute, demoSignInRoute } from './auth.js';
import {
  AddLineBody, CartLineParams, CartParams, CreateCartBody, SetPickupSlotBody, UpdateLineBody,
  addCartLineRoute, attachCartCustomerRoute, createCartRoute, detachCartCustomerRoute,
  getCartRoute, removeCartLineRoute, setCartPickupSlotRoute, updateCartLineRoute,
} from './cart.js';
import { HandoffBody, ResumeCartBody, createCartHandoffRoute, resumeCartRoute } from './cart-handoff.js';
import {
  ArriveBody, CheckoutBody, ListOrdersQuery, OrderParams, OrderPaymentBody, OrderStepBody, RefundPaidBody, RefundParams, ResolveBody, ShipOrderBody,
  arriveOrderRoute, cancelOrderRoute, checkoutRoute, getAdminOrderRoute, getOrderRoute, listOrdersRoute, markRefundPaidRoute, resolveOrderRoute, setOrderPaymentRoute,
  setOrderStepRoute, shipOrderRoute,
} from './orders.js';
import { CartFulfillmentOptionsQuery, FulfillmentOptionsQuery, cartFulfillmentOptionsRoute, fulfillmentOptionsRoute } from './fulfillment.js';
import { SlotsQuery, listPickupSlotsRoute } from './pickup-slots.js';
import {
  CorrectStockBody, CreateReturnBody, CreateStaffSessionBody,
  correctStockRoute, createReturnRoute, createStaffSessionRoute, localInventoryFeedRoute,
} from './staff.js';
import {
  AdjustPointsBody, CheckInBody, CustomerParams, EarnRuleBody, EarnRuleParams, LedgerQuery, RecordActionBody,
  adjustPointsRoute, createEarnRuleRoute, deleteEarnRuleRoute, getLoyaltyLedgerRoute, getLoyaltyMeRoute, getLoyaltyMemberRoute,
  joinLoyaltyRoute, listEarnRulesRoute, loyaltyCheckInRoute, recordLoyaltyActionRoute, updateEarnRuleRoute,
} from './loyalty.js';
import { AvailabilityQuery, EventsBody, EventsQuery, ListProductsQuery, ListStoresQuery, NearestQuery, SkuParams, StoreIdParams } from './inputs.js';

// The full route table, for the server (it validates with the input schemas) and the OpenAPI
// document. It references every schema of the API, admin and demo bodies included, so no module
// a browser bundle imports may import this one: clients call the per-resource route constants
// (`getAvailabilityRoute` in availability.ts, and so on), which carry only the response schema.

/** A route with its input schemas. A call, not a spread in the table, so bundlers can drop the unused table. */
/* @__NO_SIDE_EFFECTS__ */
function withInput<R extends RouteDef, I extends Pick<RouteDef, 'params' | 'query' | 'body' | 'cacheable'>>(route: R, input: I): R & I {
  return { ...route, ...input };
}

/** The route table of API version 1. Keys are the operation ids. */
export const routes = {
  health: healthRoute,
  listStores: withInput(listStoresRoute, { query: ListStoresQuery, cacheable: true }),
  getStore: withInput(getStoreRoute, { params: StoreIdParams, cacheable: true }),
  listProducts: withInput(listProductsRoute, { query: ListProductsQuery, cacheable: true }),
  getProduct: withInput(getProductRoute, { params: SkuParams, cacheable: true }),
  listCategories: withInput(listCategoriesRoute, { cacheable: true }),
  getAvailability: withInput(getAvailabilityRoute, { query: AvailabilityQuery }),
  nearestAvailability: withInput(nearestAvailabilityRoute, { query: NearestQuery }),
  events: withInput(eventsRoute, { query: EventsQuery }),
  eventsPost: withInput(eventsPostRoute, { body: EventsBody }),
  setStock: withInput(setStockRoute, { params: StockParams, body: SetStockBody }),
  adjustStock: withInput(adjustStockRoute, { body: AdjustStockBody }),
  createCustomerToken: withInput(createCustomerTokenRoute, { body: CreateCustomerTokenBody }),
  demoSignIn: withInput(demoSignInRoute, { body: DemoSignInBody }),
  createCart: withInput(createCartRoute, { body: CreateCartBody }),
  resumeCart: withInput(resumeCartRoute, { body: ResumeCartBody }),
  getCart: withInput(getCartRoute, { params: CartParams }),
  addCartLine: withInput(addCartLineRoute, { params: CartParams, body: AddLineBody }),
  updateCartLine: withInput(updateCartLineRoute, { params: CartLineParams, body: UpdateLineBody }),
  removeCartLine: withInput(removeCartLineRoute, { params: CartLineParams }),
  attachCartCustomer: withInput(attachCartCustomerRoute, { params: CartParams }),
  detachCartCustomer: withInput(detachCartCustomerRoute, { params: CartParams }),
  createCartHandoff: withInput(createCartHandoffRoute, { params: CartParams, body: HandoffBody }),
  checkout: withInput(checkoutRoute, { params: CartParams, body: CheckoutBody }),
  getOrder: withInput(getOrderRoute, { params: OrderParams }),
  listOrders: withInput(listOrdersRoute, { query: ListOrdersQuery }),
  getAdminOrder: withInput(getAdminOrderRoute, { params: OrderParams }),
  setOrderPayment: withInput(setOrderPaymentRoute, { params: OrderParams, body: OrderPaymentBody }),
  cancelOrder: withInput(cancelOrderRoute, { params: OrderParams }),
  shipOrder: withInput(shipOrderRoute, { params: OrderParams, body: ShipOrderBody }),
  markRefundPaid: withInput(markRefundPaidRoute, { params: RefundParams, body: RefundPaidBody }),
  fulfillmentOptions: withInput(fulfillmentOptionsRoute, { query: FulfillmentOptionsQuery }),
  cartFulfillmentOptions: withInput(cartFulfillmentOptionsRoute, { params: CartParams, query: CartFulfillmentOptionsQuery }),
  listPickupSlots: withInput(listPickupSlotsRoute, { params: StoreIdParams, query: SlotsQuery }),
  setCartPickupSlot: withInput(setCartPickupSlotRoute, { params: CartParams, body: SetPickupSlotBody }),
  setOrderStep: withInput(setOrderStepRoute, { params: OrderParams, body: OrderStepBody }),
  arriveOrder: withInput(arriveOrderRoute, { params: OrderParams, body: ArriveBody }),
  resolveOrder: withInput(resolveOrderRoute, { params: OrderParams, body: ResolveBody }),
  createStaffSession: withInput(createStaffSessionRoute, { body: CreateStaffSessionBody }),
  correctStock: withInput(correctStockRoute, { body: CorrectStockBody }),
  createReturn: withInput(createReturnRoute, { body: CreateReturnBody }),
  localInventoryFeed: localInventoryFeedRoute,
  joinLoyalty: joinLoyaltyRoute,
  getLoyaltyMe: getLoyaltyMeRoute,
  getLoyaltyLedger: withInput(getLoyaltyLedgerRoute, { query: LedgerQuery }),
  loyaltyCheckIn: withInput(loyaltyCheckInRoute, { body: CheckInBody }),
  listEarnRules: listEarnRulesRoute,
  createEarnRule: withInput(createEarnRuleRoute, { body: EarnRuleBody }),
  updateEarnRule: withInput(updateEarnRuleRoute, { params: EarnRuleParams, body: EarnRuleBody }),
  deleteEarnRule: withInput(deleteEarnRuleRoute, { params: EarnRuleParams }),
  getLoyaltyMember: withInput(getLoyaltyMemberRoute, { params: CustomerParams }),
  adjustPoints: withInput(adjustPointsRoute, { params: CustomerParams, body: AdjustPointsBody }),
  recordLoyaltyAction: withInput(recordLoyaltyActionRoute, { params: CustomerParams, body: RecordActionBody }),
} as const satisfies Record<string, RouteDef>;

/** The type of {@link routes}. */
export type Routes = typeof routes;
/** The name of one operation of {@link routes} (`getAvailability`, ...). */
export type RouteName = keyof Routes;
