import * as z from 'zod/mini';
import { Channel, Currency, LocationId, Sku, Timestamp, defineSchema, page, queryInt } from './common.js';
import { Country } from './countries.js';
import { Discount, Fulfillment, FulfillmentGroup, LineAlternative, LineProblem, MoneyTotals, ObjectId } from './cart.js';
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
 * - `picking`, `ready`, `collected`: the pickup lifecycle (click and collect moves these);
 * - `cancelled`: by the retailer or a failed payment; `expired`: unpaid past its window.
 * Cancelled and expired orders have released their reservations.
 */
export const ORDER_STATUSES = ['awaiting_payment', 'confirmed', 'picking', 'ready', 'collected', 'cancelled', 'expired'] as const;
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
}));
type _OrderLine = Assert<Same<OrderLine, z.infer<typeof OrderLine>>>;

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

/** `GET /v1/admin/orders`: newest first, filtered by store, channel and status. */
export const ListOrdersQuery = defineSchema(() => z.object({
  storeId: z.optional(LocationId),
  channel: z.optional(Channel),
  status: z.optional(OrderStatus),
  page: z.optional(queryInt(1, 10_000)),
  pageSize: z.optional(queryInt(1, 100)),
}));
export type ListOrdersQuery = z.input<typeof ListOrdersQuery>;

/** `POST /v1/admin/orders/{orderId}/payment`: the provider's answer. */
export const OrderPaymentBody = defineSchema(() => z.object({ status: z.enum(['paid', 'failed']) }));
export type OrderPaymentBody = z.infer<typeof OrderPaymentBody>;

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
  method: 'GET', path: '/v1/admin/orders', auth: 'secret', tag: 'admin',
  summary: 'Orders by store, channel and status, newest first', response: OrderPage,
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
