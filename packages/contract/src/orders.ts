import * as z from 'zod/mini';
import { Channel, Currency, LocationId, Sku, Timestamp, defineSchema, page, queryInt } from './common.js';
import { Country } from './countries.js';
import { Discount, Fulfillment, FulfillmentGroup, LineAlternative, LineProblem, MoneyTotals, ObjectId, STOCK_SOURCES, type StockSource } from './cart.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Orders: a cart checked out. Lines and prices are copied and never change; stock is reserved
// (pickup at its store, delivery at the online stock) or taken (take now) in the same
// transaction. Payment is the retailer's: the SDK records the shopper's choice, and the
// retailer's payment or invoice provider confirms through the admin API.

/** How the shopper pays: online (the retailer's payment page), in the store at pickup, or by invoice. */
export const PAYMENT_METHODS = ['online', 'in_store', 'invoice'] as const;
/** A method of {@link PAYMENT_METHODS}. */
export const PaymentMethod = defineSchema(() => z.enum(PAYMENT_METHODS));
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/**
 * Why a payment method cannot be chosen for a cart: `no_store_visit`, paying in the store for
 * a cart whose lines are all home delivery (there is no visit to pay at).
 */
export type PaymentRefusal = 'no_store_visit';

/** A payment method as the shopper may choose it for a cart: allowed, or refused and why. */
export interface PaymentChoice {
  method: PaymentMethod;
  /** Set when the method cannot be chosen for this cart. */
  refused?: PaymentRefusal;
}

/**
 * The payment methods of a cart, in {@link PAYMENT_METHODS} order, each allowed or refused with
 * the reason. The one rule: the server's checkout refuses what this refuses (400
 * `validation_failed`), and the SDK's cart view disables the same choices beforehand.
 */
export function paymentMethodsFor(cart: { lines: readonly { fulfillment: { type: string } }[] }): PaymentChoice[] {
  const storeVisit = cart.lines.some((l) => l.fulfillment.type !== 'delivery');
  return PAYMENT_METHODS.map((method) => (method === 'in_store' && !storeVisit ? { method, refused: 'no_store_visit' } : { method }));
}

/** `pending` until the provider confirms (`paid`) or declines (`failed`); `at_pickup` is paid in the store. */
export const PAYMENT_STATUSES = ['pending', 'paid', 'failed', 'at_pickup'] as const;

/**
 * Where an order is:
 * - `awaiting_payment`: reserved, waiting for the provider (online, invoice) until `paymentDueAt`;
 * - `confirmed`: paid, or to be paid at pickup; the stores prepare it;
 * - `picking`, `ready`, `collected`: the pickup lifecycle (staff move these, see {@link STAFF_STEPS});
 *   an order whose lines are all delivery becomes `collected` (handed over) when it is shipped;
 * - `needs_attention`: a stock correction took units the order had reserved; the shopper chooses
 *   one of `attention.alternatives` (`POST /v1/orders/{orderId}/resolve`); never cancelled unseen;
 * - `cancelled`: by the retailer, a failed payment or the shopper's choice; `expired`: unpaid past
 *   its window, or ready and not collected by `collectBy`.
 * Cancelled and expired orders have released their reservations.
 */
export const ORDER_STATUSES = ['awaiting_payment', 'confirmed', 'picking', 'ready', 'collected', 'needs_attention', 'cancelled', 'expired'] as const;
/** A status of {@link ORDER_STATUSES}. */
export const OrderStatus = defineSchema(() => z.enum(ORDER_STATUSES));
export type OrderStatus = z.infer<typeof OrderStatus>;

// Orders and their lines are interfaces (named in editors and .d.ts files), each checked against
// its schema (type-checks.ts).

/** One line of an order, as sold. */
export interface OrderLine {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  fulfillment: Fulfillment;
  groupId: string;
  /** Minor units, VAT included. */
  unitPrice: number;
  lineTotal: number;
  /** VAT rate in basis points (2500 = 25 %). */
  vatRate: number;
  /** Units of `quantity` the shopper gave up in a partial pickup after a stock shortage (refunded). */
  cancelledQuantity?: number;
  /**
   * Where the units came from at checkout: `on_hand` at the line's own location (its store, the
   * online stock for delivery), or `transfer` from `transferFrom` (the online stock or another
   * store) to the pickup location (`fulfillment.storeId`, a store or a locker). Checkout
   * reserved them at that source. Absent on orders placed before sources were recorded.
   */
  source?: StockSource;
  /** `source: 'transfer'`: the location the units were reserved at and move from. */
  transferFrom?: string;
  /** Pickup: ISO 8601, the ready time promised at checkout (the options engine's, with any transfer's lead time). */
  promisedReadyAt?: string;
  /** Units of the line shipped to the shopper (delivery lines; see `POST /v1/admin/orders/{orderId}/shipments`). */
  shippedQuantity?: number;
}
export const OrderLine = defineSchema(() => z.object({
  id: ObjectId,
  sku: Sku,
  name: z.string(),
  quantity: z.int(),
  fulfillment: Fulfillment,
  groupId: z.string(),
  unitPrice: z.int(),
  lineTotal: z.int(),
  vatRate: z.int(),
  cancelledQuantity: z.optional(z.int()),
  source: z.optional(z.enum(STOCK_SOURCES)),
  transferFrom: z.optional(LocationId),
  promisedReadyAt: z.optional(Timestamp),
  shippedQuantity: z.optional(z.int()),
}));
type _OrderLine = Assert<Same<OrderLine, z.infer<typeof OrderLine>>>;

/** The shopper said "I have arrived" at a curbside pickup. */
export interface PickupArrival {
  /** ISO 8601. */
  at: string;
  /** The parking bay, as the shopper typed it. */
  bay?: string;
  /** The car, as the shopper described it ("red Volvo, ABC 123"). */
  car?: string;
}
export const PickupArrival = defineSchema(() => z.object({
  at: Timestamp,
  bay: z.optional(z.string()),
  car: z.optional(z.string()),
}));
type _PickupArrival = Assert<Same<PickupArrival, z.infer<typeof PickupArrival>>>;

/** The locker compartment of a locker pickup, assigned when the order becomes ready. */
export interface LockerCompartment {
  /** 1 ... the locker location's number of compartments. */
  compartment: number;
  /** Digits that open it; only in the shopper's answers (staff and admin answers leave it out). */
  code?: string;
}
export const LockerCompartment = defineSchema(() => z.object({
  compartment: z.int(),
  code: z.optional(z.string()),
}));
type _LockerCompartment = Assert<Same<LockerCompartment, z.infer<typeof LockerCompartment>>>;

/** The hand-over of one pickup group of an order: where, how, and what happened there. */
export interface OrderPickup {
  /** The {@link FulfillmentGroup} id. */
  groupId: string;
  storeId: string;
  method: 'in_store' | 'curbside' | 'locker';
  /** Curbside: the shopper has arrived. */
  arrival?: PickupArrival;
  /** Locker: the compartment, from ready until collected or expired. */
  locker?: LockerCompartment;
}
export const OrderPickup = defineSchema(() => z.object({
  groupId: z.string(),
  storeId: LocationId,
  method: z.enum(['in_store', 'curbside', 'locker']),
  arrival: z.optional(PickupArrival),
  locker: z.optional(LockerCompartment),
}));
type _OrderPickup = Assert<Same<OrderPickup, z.infer<typeof OrderPickup>>>;

/** What a needs-attention order may become: `move`, `delivery`, `partial` or `cancel`. */
export const RESOLUTION_CHOICES = ['move', 'delivery', 'partial', 'cancel'] as const;
/** A choice of {@link RESOLUTION_CHOICES}. */
export type ResolutionChoice = (typeof RESOLUTION_CHOICES)[number];

/**
 * One way out of `needs_attention`, computed by the server from live stock: `move` to `storeId`
 * (every short line can be had there in full; or, when `storeId` is where the order already is,
 * the missing units brought there by transfer, with `transferFrom` and `readyAt` from the
 * fulfilment options), `delivery` (the online stock has every short line), `partial` (collect
 * what is still reserved; the rest is refunded), `cancel`.
 */
export interface OrderAlternative {
  choice: ResolutionChoice;
  /** `move`: the store. */
  storeId?: string;
  /** `move`: its short name. */
  storeName?: string;
  /** `move`: kilometres from the store the order was for. */
  distanceKm?: number;
  /** `partial`: the refund for the units given up, minor units with VAT. */
  refundAmount?: number;
  /** `move` to where the order already is: ISO 8601, when it can be ready again (the latest short line's). */
  readyAt?: string;
  /** `move` to where the order already is: where the missing units come from (the online stock or a store). */
  transferFrom?: string;
}
export const OrderAlternative = defineSchema(() => z.object({
  choice: z.enum(RESOLUTION_CHOICES),
  storeId: z.optional(LocationId),
  storeName: z.optional(z.string()),
  distanceKm: z.optional(z.number()),
  refundAmount: z.optional(z.int()),
  readyAt: z.optional(Timestamp),
  transferFrom: z.optional(LocationId),
}));
type _OrderAlternative = Assert<Same<OrderAlternative, z.infer<typeof OrderAlternative>>>;

/** A line a stock correction left short. */
export interface ShortLine {
  lineId: string;
  sku: string;
  /** Where it was reserved. */
  storeId: string;
  /** Units still reserved for it (of the line's quantity). */
  reserved: number;
  /** Units the correction took. */
  missing: number;
}
export const ShortLine = defineSchema(() => z.object({
  lineId: ObjectId,
  sku: Sku,
  storeId: LocationId,
  reserved: z.int(),
  missing: z.int(),
}));
type _ShortLine = Assert<Same<ShortLine, z.infer<typeof ShortLine>>>;

/** Why an order needs the shopper's choice, and the choices (set while `needs_attention`). */
export interface OrderAttention {
  /** `stock_corrected`: staff counted fewer units than were reserved. */
  reason: 'stock_corrected';
  lines: ShortLine[];
  alternatives: OrderAlternative[];
  /** ISO 8601. */
  since: string;
}
export const OrderAttention = defineSchema(() => z.object({
  reason: z.enum(['stock_corrected']),
  lines: z.array(ShortLine),
  alternatives: z.array(OrderAlternative),
  since: Timestamp,
}));
type _OrderAttention = Assert<Same<OrderAttention, z.infer<typeof OrderAttention>>>;

/** Money the payment provider owes the shopper back: `pending` until the provider pays it out. */
export interface Refund {
  id: string;
  /** Minor units, VAT included. */
  amount: number;
  /** VAT contained in `amount`. */
  vat: number;
  currency: Currency;
  /** `return` (goods brought back), `shortage` (a partial pickup), `cancelled` (a paid order cancelled). */
  reason: 'return' | 'shortage' | 'cancelled';
  status: 'pending' | 'refunded';
  /** ISO 8601. */
  createdAt: string;
  /** The payment provider's reference of the payout (set with `status: 'refunded'`). */
  providerReference?: string;
  /** ISO 8601: when it was marked paid out. */
  refundedAt?: string;
}
export const Refund = defineSchema(() => z.object({
  id: z.string(),
  amount: z.int(),
  vat: z.int(),
  currency: Currency,
  reason: z.enum(['return', 'shortage', 'cancelled']),
  status: z.enum(['pending', 'refunded']),
  createdAt: Timestamp,
  providerReference: z.optional(z.string()),
  refundedAt: z.optional(Timestamp),
}));
type _Refund = Assert<Same<Refund, z.infer<typeof Refund>>>;

/** Goods of an order brought back to a store (any store offering `returns`, any channel's order). */
export interface OrderReturn {
  id: string;
  /** The store that took the goods back (its stock went up). */
  storeId: string;
  lines: { lineId: string; quantity: number; amount: number }[];
  refundId: string;
  /** ISO 8601. */
  createdAt: string;
}
export const OrderReturn = defineSchema(() => z.object({
  id: z.string(),
  storeId: LocationId,
  lines: z.array(z.object({ lineId: ObjectId, quantity: z.int(), amount: z.int() })),
  refundId: z.string(),
  createdAt: Timestamp,
}));
type _OrderReturn = Assert<Same<OrderReturn, z.infer<typeof OrderReturn>>>;

/** Delivery lines handed to the carrier (their units left the online stock). */
export interface OrderShipment {
  id: string;
  lines: { lineId: string; quantity: number }[];
  /** The carrier's tracking reference, as the retailer sent it. */
  carrierReference?: string;
  /** ISO 8601. */
  createdAt: string;
}
export const OrderShipment = defineSchema(() => z.object({
  id: z.string(),
  lines: z.array(z.object({ lineId: ObjectId, quantity: z.int() })),
  carrierReference: z.optional(z.string()),
  createdAt: Timestamp,
}));
type _OrderShipment = Assert<Same<OrderShipment, z.infer<typeof OrderShipment>>>;

/** An order as the shopper (cart secret or customer token) and the retailer (admin) read it. */
export interface Order {
  id: string;
  /** A short number to say at the counter or on the phone, e.g. `OK-4F7K2Q`. */
  number: string;
  status: OrderStatus;
  cartId: string;
  channel: Channel;
  currency: Currency;
  country: Country;
  payment: {
    method: PaymentMethod;
    status: (typeof PAYMENT_STATUSES)[number];
    /** Unpaid after this, the order expires and releases its stock. */
    dueAt?: string;
  };
  lines: OrderLine[];
  groups: FulfillmentGroup[];
  discounts: Discount[];
  totals: MoneyTotals;
  /** The stores it is collected at (pickup and take-now groups). */
  storeIds: string[];
  /** Admin answers only: the contact the shopper gave. */
  contact?: { email: string };
  /** One per pickup group: method, curbside arrival, locker compartment. */
  pickups?: OrderPickup[];
  /** ISO 8601: when staff marked it ready. */
  readyAt?: string;
  /** ISO 8601: a ready order not collected by then expires and releases its stock. */
  collectBy?: string;
  /** Set while `needs_attention`. */
  attention?: OrderAttention;
  /** Goods brought back, oldest first. */
  returns?: OrderReturn[];
  /** Money owed back (returns, shortages, cancellation of a paid order), oldest first. */
  refunds?: Refund[];
  /** Delivery lines shipped, oldest first. */
  shipments?: OrderShipment[];
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
}
export const Order = defineSchema(() => z.object({
  id: ObjectId,
  /** A short number to say at the counter or on the phone, e.g. `OK-4F7K2Q`. */
  number: z.string(),
  status: OrderStatus,
  cartId: ObjectId,
  channel: Channel,
  currency: Currency,
  country: Country,
  payment: z.object({
    method: PaymentMethod,
    status: z.enum(PAYMENT_STATUSES),
    /** Unpaid after this, the order expires and releases its stock. */
    dueAt: z.optional(Timestamp),
  }),
  lines: z.array(OrderLine),
  groups: z.array(FulfillmentGroup),
  discounts: z.array(Discount),
  totals: MoneyTotals,
  /** The stores it is collected at (pickup and take-now groups). */
  storeIds: z.array(LocationId),
  /** Admin answers only: the contact the shopper gave. */
  contact: z.optional(z.object({ email: z.string() })),
  pickups: z.optional(z.array(OrderPickup)),
  readyAt: z.optional(Timestamp),
  collectBy: z.optional(Timestamp),
  attention: z.optional(OrderAttention),
  returns: z.optional(z.array(OrderReturn)),
  refunds: z.optional(z.array(Refund)),
  shipments: z.optional(z.array(OrderShipment)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}));
type _Order = Assert<Same<Order, z.infer<typeof Order>>>;

/** One page of orders and the number of matches. */
export const OrderPage = page(Order);
/** One page of orders and the number of matches. */
export interface OrderPage {
  items: Order[];
  page: number;
  pageSize: number;
  total: number;
}
type _OrderPage = Assert<Same<OrderPage, z.infer<typeof OrderPage>>>;

/** A line checkout could not have, with what can (the `details.lines` of a 409 `checkout_unavailable`). */
export const UnavailableLine = defineSchema(() => z.object({
  lineId: ObjectId,
  sku: Sku,
  problem: LineProblem,
  available: z.int(),
  alternatives: z.array(LineAlternative),
}));
export type UnavailableLine = z.infer<typeof UnavailableLine>;

/** `POST /v1/carts/{cartId}/checkout`. */
export const CheckoutBody = defineSchema(() => z.object({
  payment: z.object({ method: PaymentMethod }),
  contact: z.object({ email: z.string().check(z.email(), z.maxLength(254)) }),
}));
export type CheckoutBody = z.infer<typeof CheckoutBody>;

/** Minutes an order waits for an online or invoice payment before it expires (server default). */
export const DEFAULT_PAYMENT_WINDOW_MINUTES = 30;

/** The topic of an order's status on the event stream: `order:{orderId}`. */
export const orderTopic = (orderId: string) => `order:${orderId}`;

/**
 * The topic of every order change at one store: `store:{storeId}:orders` carries the same
 * `order.changed` as each order's own topic (checkout, staff steps, arrivals, corrections,
 * moves away, expiry), for the pickup queue. The stream serves it only to a staff session of
 * that store or the secret key (it tells how many orders a store gets).
 */
export const storeOrdersTopic = (storeId: string) => `store:${storeId}:orders`;

/** Parses a store orders topic; `undefined` when it is not one. */
export function parseStoreOrdersTopic(topic: string): { storeId: string } | undefined {
  const m = /^store:(.+):orders$/.exec(topic);
  return m && LocationId.safeParse(m[1]).success ? { storeId: m[1]! } : undefined;
}

/** The statuses of a store's pickup queue (`active=true` of the order list): staff still act on these. */
export const QUEUE_STATUSES = ['confirmed', 'picking', 'ready', 'needs_attention'] as const satisfies readonly OrderStatus[];

/** `order.changed`: an order's status moved. Like `cart.changed`, no contents: re-read it. */
export const OrderChangedEvent = defineSchema(() => z.object({
  type: z.literal('order.changed'),
  topic: z.string(),
  data: z.object({ orderId: ObjectId, status: OrderStatus }),
  at: Timestamp,
}));
export type OrderChangedEvent = z.infer<typeof OrderChangedEvent>;

/** Path parameters of order routes. */
export const OrderParams = defineSchema(() => z.object({ orderId: ObjectId }));

/** Hours a ready order waits to be collected before it expires (server default: 3 days). */
export const DEFAULT_COLLECT_WITHIN_HOURS = 72;

/**
 * `GET /v1/admin/orders`: newest first, filtered by store, channel and status; `arrived=true`
 * keeps orders with a curbside arrival not yet collected (the staff's "at the curb" list).
 */
export const ListOrdersQuery = defineSchema(() => z.object({
  storeId: z.optional(LocationId),
  channel: z.optional(Channel),
  status: z.optional(OrderStatus),
  arrived: z.optional(z.enum(['true', 'false'])),
  /** `true`: only orders staff still act on (`QUEUE_STATUSES`: to pick, being picked, ready, needs attention). */
  active: z.optional(z.enum(['true'])),
  page: z.optional(queryInt(1, 10_000)),
  pageSize: z.optional(queryInt(1, 100)),
}));
export type ListOrdersQuery = z.input<typeof ListOrdersQuery>;

/** `POST /v1/admin/orders/{orderId}/payment`: the provider's answer. */
export const OrderPaymentBody = defineSchema(() => z.object({ status: z.enum(['paid', 'failed']) }));
export type OrderPaymentBody = z.infer<typeof OrderPaymentBody>;

/** Longest provider or carrier reference kept. */
export const MAX_REFERENCE_LENGTH = 200;
const Reference = defineSchema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_REFERENCE_LENGTH)));

/** `POST /v1/admin/orders/{orderId}/shipments`: the order's delivery lines handed to the carrier. */
export const ShipOrderBody = defineSchema(() => z.object({
  /** The carrier's tracking reference. */
  carrierReference: z.optional(Reference),
}));
export type ShipOrderBody = z.infer<typeof ShipOrderBody>;

/** Path parameters of refund routes. */
export const RefundParams = defineSchema(() => z.object({ refundId: ObjectId }));

/** `POST /v1/admin/refunds/{refundId}/paid`: the payment provider paid a refund out. */
export const RefundPaidBody = defineSchema(() => z.object({
  /** The provider's reference of the payout (its refund or transaction id). */
  providerReference: Reference,
}));
export type RefundPaidBody = z.infer<typeof RefundPaidBody>;

/** `checkout` of `routes` as a client calls it (no input schemas). */
export const checkoutRoute = {
  method: 'POST', path: '/v1/carts/:cartId/checkout', auth: 'publishable', tag: 'cart',
  summary: 'Turn the cart into an order: every line reserved or taken, or nothing and the lines that failed',
  response: Order, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `getOrder` of `routes` as a client calls it (no input schemas). */
export const getOrderRoute = {
  method: 'GET', path: '/v1/orders/:orderId', auth: 'publishable', tag: 'orders',
  summary: "An order, with its cart's secret or its member's customer token",
  response: Order,
} as const satisfies RouteDef;

/** `listOrders` of `routes` as a client calls it (no input schemas). */
export const listOrdersRoute = {
  method: 'GET', path: '/v1/admin/orders', auth: 'staff', tag: 'admin',
  summary: 'Orders by store, channel, status and curbside arrival, newest first (a staff session: its store only)', response: OrderPage,
} as const satisfies RouteDef;

/** `getAdminOrder` of `routes` as a client calls it (no input schemas). */
export const getAdminOrderRoute = {
  method: 'GET', path: '/v1/admin/orders/:orderId', auth: 'staff', tag: 'admin',
  summary: "One order with its contact (a staff session: an order of its store only; any other is 404, as if it did not exist)",
  response: Order,
} as const satisfies RouteDef;

/** `setOrderPayment` of `routes` as a client calls it (no input schemas). */
export const setOrderPaymentRoute = {
  method: 'POST', path: '/v1/admin/orders/:orderId/payment', auth: 'secret', tag: 'admin',
  summary: "The payment provider's answer: paid confirms the order, failed cancels it and releases its stock",
  response: Order, idempotent: true,
} as const satisfies RouteDef;

/** `cancelOrder` of `routes` as a client calls it (no input schemas). */
export const cancelOrderRoute = {
  method: 'POST', path: '/v1/admin/orders/:orderId/cancel', auth: 'secret', tag: 'admin',
  summary: 'Cancel an order and release its stock', response: Order, idempotent: true,
} as const satisfies RouteDef;

/** `shipOrder` of `routes` as a client calls it (no input schemas). */
export const shipOrderRoute = {
  method: 'POST', path: '/v1/admin/orders/:orderId/shipments', auth: 'secret', tag: 'admin',
  summary: "The order's delivery lines handed to the carrier: their units leave the online stock, and they can be returned in a store",
  response: Order, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `markRefundPaid` of `routes` as a client calls it (no input schemas). */
export const markRefundPaidRoute = {
  method: 'POST', path: '/v1/admin/refunds/:refundId/paid', auth: 'secret', tag: 'admin',
  summary: "The payment provider paid a refund out: it becomes refunded with the provider's reference (the same reference again is a no-op)",
  response: Refund, idempotent: true,
} as const satisfies RouteDef;

/** The staff steps of a pickup order, in lifecycle order. */
export const STAFF_STEPS = ['picking', 'ready', 'collected'] as const;
/** A step of {@link STAFF_STEPS}. */
export type StaffStep = (typeof STAFF_STEPS)[number];

/**
 * The statuses each status may move to by a staff step. Any other step is 409
 * `order_status_conflict` (with the current order in `details.order`); repeating the step an
 * order already took is a no-op. A shelf found short while picking is a stock correction, not a
 * step back.
 */
export const STAFF_TRANSITIONS: Readonly<Record<OrderStatus, readonly StaffStep[]>> = {
  awaiting_payment: [],
  confirmed: ['picking', 'ready'],
  picking: ['ready'],
  ready: ['collected'],
  collected: [],
  needs_attention: [],
  cancelled: [],
  expired: [],
};

/** `POST /v1/admin/orders/{orderId}/status`: a staff step. */
export const OrderStepBody = defineSchema(() => z.object({ status: z.enum(STAFF_STEPS) }));
export type OrderStepBody = z.infer<typeof OrderStepBody>;

/** Longest bay or car text kept from an arrival. */
export const MAX_ARRIVAL_TEXT = 80;

/** `POST /v1/orders/{orderId}/arrive`: "I have arrived" at a curbside pickup. */
export const ArriveBody = defineSchema(() => z.object({
  bay: z.optional(z.string().check(z.trim(), z.maxLength(MAX_ARRIVAL_TEXT))),
  car: z.optional(z.string().check(z.trim(), z.maxLength(MAX_ARRIVAL_TEXT))),
  /** The curbside group, when the order has more than one. */
  groupId: z.optional(z.string().check(z.maxLength(200))),
}));
export type ArriveBody = z.infer<typeof ArriveBody>;

/** `POST /v1/orders/{orderId}/resolve`: the shopper's choice for a needs-attention order. */
export const ResolveBody = defineSchema(() => z.union([
  z.object({ choice: z.literal('move'), storeId: LocationId }),
  z.object({ choice: z.literal('delivery') }),
  z.object({ choice: z.literal('partial') }),
  z.object({ choice: z.literal('cancel') }),
]));
/** The shopper's choice: `{ choice: 'move', storeId }`, `{ choice: 'delivery' }`, `{ choice: 'partial' }` or `{ choice: 'cancel' }`. */
export type ResolveBody = z.infer<typeof ResolveBody>;

/** `setOrderStep` of `routes` as a client calls it (no input schemas). */
export const setOrderStepRoute = {
  method: 'POST', path: '/v1/admin/orders/:orderId/status', auth: 'staff', tag: 'admin',
  summary: 'A staff step of a pickup order: being picked, ready (a locker gets its compartment), collected',
  response: Order, idempotent: true,
} as const satisfies RouteDef;

/** `arriveOrder` of `routes` as a client calls it (no input schemas). */
export const arriveOrderRoute = {
  method: 'POST', path: '/v1/orders/:orderId/arrive', auth: 'publishable', tag: 'orders',
  summary: '"I have arrived" at a curbside pickup that is being picked or ready, with a bay or car',
  response: Order, idempotent: true,
} as const satisfies RouteDef;

/** `resolveOrder` of `routes` as a client calls it (no input schemas). */
export const resolveOrderRoute = {
  method: 'POST', path: '/v1/orders/:orderId/resolve', auth: 'publishable', tag: 'orders',
  summary: "The shopper's choice for a needs-attention order: move to a store, delivery, partial pickup or cancel",
  response: Order, idempotent: true,
} as const satisfies RouteDef;
