import * as z from 'zod/mini';
import { Channel, Currency, LocationId, Sku, Timestamp, defineSchema } from './common.js';
import { Country } from './countries.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// The unified cart: one cart for every channel (web, kiosk, app, the till), priced on the
// server. A cart is reached with its id and a secret (or by its member's customer token); the
// secret travels in the `Omnikit-Cart-Secret` header, never in a URL.

/** Header carrying a cart's secret (and, for an order, the secret of the cart it came from). */
export const CART_SECRET_HEADER = 'Omnikit-Cart-Secret';

/** Most units of one line. A larger order is a matter for the retailer's sales team. */
export const MAX_LINE_QUANTITY = 999;
/** Most lines one cart holds. */
export const MAX_CART_LINES = 100;

/** Units on one line: a whole number from 1 to {@link MAX_LINE_QUANTITY}. */
export const LineQuantity = defineSchema(() => z.int().check(z.minimum(1), z.maximum(MAX_LINE_QUANTITY)));

/** An id the server made (a cart, line, order): URL-safe, at most 64 characters. */
export const ObjectId = defineSchema(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id')));

/** How a line reaches the shopper. */
export const FULFILLMENT_TYPES = ['delivery', 'pickup', 'take_now'] as const;
/** A kind of {@link FULFILLMENT_TYPES}. */
export type FulfillmentType = (typeof FULFILLMENT_TYPES)[number];

/**
 * Ways to hand over a pickup: at the counter (`in_store`), at the car (`curbside`) or from a
 * parcel locker (`locker`, whose `storeId` is the locker's location). Kinds of pickup rather
 * than fulfilment types of their own, so a client that knows `pickup` understands them all.
 */
export const PICKUP_METHODS = ['in_store', 'curbside', 'locker'] as const;
/** A method of {@link PICKUP_METHODS}. */
export type PickupMethod = (typeof PICKUP_METHODS)[number];

// The result types below are interfaces (named in editors and .d.ts files, where a `z.infer`
// alias is spelled out in full), each checked against its schema (type-checks.ts).

// (Documented at their schemas below.)
export interface DeliveryFulfillment {
  type: 'delivery';
}
export interface PickupFulfillment {
  type: 'pickup';
  storeId: string;
  method?: PickupMethod;
}
export interface TakeNowFulfillment {
  type: 'take_now';
  storeId: string;
}

/** Home delivery from the online stock. */
export const DeliveryFulfillment = defineSchema(() => z.object({ type: z.literal('delivery') }));
/** Pick up at a store (reserved there at checkout). `method` defaults to `in_store`. */
export const PickupFulfillment = defineSchema(() => z.object({
  type: z.literal('pickup'),
  storeId: LocationId,
  method: z.optional(z.enum(PICKUP_METHODS)),
}));
/** Goods taken off the shelf now, at a kiosk or till in the store (taken from its stock at checkout). */
export const TakeNowFulfillment = defineSchema(() => z.object({ type: z.literal('take_now'), storeId: LocationId }));

/** A line's fulfilment: `{ type: 'delivery' }`, `{ type: 'pickup', storeId }` or `{ type: 'take_now', storeId }`. */
export type Fulfillment = DeliveryFulfillment | PickupFulfillment | TakeNowFulfillment;

/**
 * A fulfilment in a request: exactly one of the three shapes, a store for pickup and take-now.
 * The server checks requests with it.
 */
export const FulfillmentInput = defineSchema(() => z.union([DeliveryFulfillment, PickupFulfillment, TakeNowFulfillment]));
type _FulfillmentInput = Assert<Same<Fulfillment, z.infer<typeof FulfillmentInput>>>;

/**
 * {@link Fulfillment} in answers: one object with the type as an enum rather than the union of
 * three (the server sends only valid ones), so browsers need not carry zod's union and literal
 * types for it: the cart's schemas share zod's modules with the chunk every widget page loads.
 */
export const Fulfillment = defineSchema(() => z.object({
  type: z.enum(FULFILLMENT_TYPES),
  storeId: z.optional(LocationId),
  method: z.optional(z.enum(PICKUP_METHODS)),
}) as unknown as z.ZodMiniType<Fulfillment, Fulfillment>);

/**
 * Why a line's fulfilment cannot be had now:
 * - `insufficient_stock`: fewer units available there than the line asks (`available` says how many);
 * - `out_of_stock`: none available there;
 * - `not_stocked`: the location does not carry the product;
 * - `online_only`: stores never carry it (delivery can have it);
 * - `inactive`: no longer sold;
 * - `service_unavailable`: the store does not offer this kind of pickup;
 * - `unknown_store`: the location no longer exists.
 */
export const LINE_PROBLEMS = [
  'insufficient_stock', 'out_of_stock', 'not_stocked', 'online_only', 'inactive', 'service_unavailable', 'unknown_store',
] as const;
/** A problem of {@link LINE_PROBLEMS}. */
export const LineProblem = defineSchema(() => z.enum(LINE_PROBLEMS));
export type LineProblem = z.infer<typeof LineProblem>;

/** Where a pickup's units come from: the store's own shelves, or another location first. */
export const STOCK_SOURCES = ['on_hand', 'transfer'] as const;
/** A source of {@link STOCK_SOURCES}. */
export type StockSource = (typeof STOCK_SOURCES)[number];

/** Another fulfilment that can have the whole line now: a store that has it, or delivery. */
export interface LineAlternative {
  fulfillment: Fulfillment;
  available: number;
  /** The store's short name (pickup and take-now alternatives). */
  storeName?: string;
  /** Kilometres from the line's store, when it had one. */
  distanceKm?: number;
}
export const LineAlternative = defineSchema(() => z.object({
  fulfillment: Fulfillment,
  available: z.int(),
  /** The store's short name (pickup and take-now alternatives). */
  storeName: z.optional(z.string()),
  /** Kilometres from the line's store, when it had one. */
  distanceKm: z.optional(z.number()),
}));
type _LineAlternative = Assert<Same<LineAlternative, z.infer<typeof LineAlternative>>>;

/**
 * Whether a line's fulfilment can be had now, for the whole quantity: for delivery and pickup
 * (counter, curbside, locker) the same answer as the fulfilment options of the line's SKU and
 * quantity at its location (one rule on the server), so a pickup the shop's own shelves cannot
 * fill is still `ok` when a transfer from the online stock or another store can, with
 * `source: 'transfer'`, `transferFrom` and the later `readyAt`. When not `ok`, `problem` says why
 * and `alternatives` what can (nearest stores first, then delivery); a line is never dropped.
 */
export interface LineAvailability {
  ok: boolean;
  /** Units available at the line's own location (its store, the online stock for delivery; 0 at a locker). */
  available: number;
  problem?: LineProblem;
  alternatives: LineAlternative[];
  /** When `ok` (delivery and pickup): `on_hand` from the location's own stock, or `transfer` first. */
  source?: StockSource;
  /** `source: 'transfer'`: the location the units move from (the online stock or another store); checkout reserves there. */
  transferFrom?: string;
  /** Pickup, when `ok`: ISO 8601, the earliest time the line can be collected if ordered now. */
  readyAt?: string;
  /** Delivery, when `ok`: `YYYY-MM-DD`, the estimated delivery date if ordered now. */
  deliveryDate?: string;
}
export const LineAvailability = defineSchema(() => z.object({
  ok: z.boolean(),
  /** Units available at the line's own location (its store, the online stock for delivery; 0 at a locker). */
  available: z.int(),
  problem: z.optional(LineProblem),
  alternatives: z.array(LineAlternative),
  source: z.optional(z.enum(STOCK_SOURCES)),
  transferFrom: z.optional(LocationId),
  readyAt: z.optional(Timestamp),
  deliveryDate: z.optional(z.string()),
}));
type _LineAvailability = Assert<Same<LineAvailability, z.infer<typeof LineAvailability>>>;

/** One line of a cart, priced by the server. Money in minor units, VAT included. */
export interface CartLine {
  id: string;
  sku: string;
  quantity: number;
  fulfillment: Fulfillment;
  /** The {@link FulfillmentGroup} the line is in. */
  groupId: string;
  name: string;
  imageUrl: string;
  unitPrice: number;
  /** The ordinary price when the unit price is a sale price. */
  compareAtPrice?: number;
  /** `unitPrice * quantity`, before discounts. */
  lineTotal: number;
  /** VAT rate in basis points (2500 = 25 %). */
  vatRate: number;
  availability: LineAvailability;
}
export const CartLine = defineSchema(() => z.object({
  id: ObjectId,
  sku: Sku,
  quantity: z.int(),
  fulfillment: Fulfillment,
  /** The {@link FulfillmentGroup} the line is in. */
  groupId: z.string(),
  name: z.string(),
  imageUrl: z.string(),
  unitPrice: z.int(),
  /** The ordinary price when the unit price is a sale price. */
  compareAtPrice: z.optional(z.int()),
  /** `unitPrice * quantity`, before discounts. */
  lineTotal: z.int(),
  /** VAT rate in basis points (2500 = 25 %). */
  vatRate: z.int(),
  availability: LineAvailability,
}));
type _CartLine = Assert<Same<CartLine, z.infer<typeof CartLine>>>;

/** The pickup slot a group carries: a cart's chosen one (see `PUT /v1/carts/{cartId}/pickup-slot`), an order's booked one. */
export interface ChosenSlot {
  /** The slot's id (`{storeId}@{YYYY-MM-DDTHH:MM}`). */
  id: string;
  /** ISO 8601. */
  startsAt: string;
  /** ISO 8601. */
  endsAt: string;
}
export const ChosenSlot = defineSchema(() => z.object({ id: z.string(), startsAt: Timestamp, endsAt: Timestamp }));
type _ChosenSlot = Assert<Same<ChosenSlot, z.infer<typeof ChosenSlot>>>;

/**
 * Lines that travel together: every delivery line (one parcel, one fee), the pickup lines of
 * one store and method, the take-now lines of one store. A pickup group at a store (counter or
 * curbside) carries its chosen slot.
 */
export interface FulfillmentGroup {
  id: string;
  fulfillment: Fulfillment;
  lineIds: string[];
  /** The store's short name (pickup and take now). */
  storeName?: string;
  /** Goods of the group after discounts. */
  subtotal: number;
  /** Delivery fee of the group (0 for pickup and take now, and for delivery from the threshold). */
  fee: number;
  /** Delivery only: goods value from which delivery is free. */
  freeDeliveryFrom?: number;
  /** Delivery only: what is still missing to free delivery. */
  missingForFreeDelivery?: number;
  /** Pickup at a store: the chosen slot (the cart's), or the booked one (the order's). */
  slot?: ChosenSlot;
}
export const FulfillmentGroup = defineSchema(() => z.object({
  id: z.string(),
  fulfillment: Fulfillment,
  lineIds: z.array(ObjectId),
  /** The store's short name (pickup and take now). */
  storeName: z.optional(z.string()),
  /** Goods of the group after discounts. */
  subtotal: z.int(),
  /** Delivery fee of the group (0 for pickup and take now, and for delivery from the threshold). */
  fee: z.int(),
  /** Delivery only: goods value from which delivery is free, and what is still missing to it. */
  freeDeliveryFrom: z.optional(z.int()),
  missingForFreeDelivery: z.optional(z.int()),
  /** Pickup at a store: the chosen slot (the cart's), or the booked one (the order's). */
  slot: z.optional(ChosenSlot),
}));
type _FulfillmentGroup = Assert<Same<FulfillmentGroup, z.infer<typeof FulfillmentGroup>>>;

/** What a discount came from. Campaign offers, member prices, vouchers and promo codes fill this. */
export const DISCOUNT_SOURCES = ['offer', 'member_price', 'voucher', 'promo_code'] as const;

/** One discount applied to the cart, listed so the shopper sees every one. */
export interface Discount {
  id: string;
  source: (typeof DISCOUNT_SOURCES)[number];
  label: string;
  /** Minor units taken off (positive). */
  amount: number;
  lineIds?: string[];
}
export const Discount = defineSchema(() => z.object({
  id: z.string(),
  source: z.enum(DISCOUNT_SOURCES),
  label: z.string(),
  /** Minor units taken off (positive). */
  amount: z.int(),
  lineIds: z.optional(z.array(ObjectId)),
}));
type _Discount = Assert<Same<Discount, z.infer<typeof Discount>>>;

/** VAT of one rate, as a Nordic receipt lists it. */
export interface VatLine {
  /** Basis points (2500 = 25 %). */
  rate: number;
  gross: number;
  net: number;
  vat: number;
}
export const VatLine = defineSchema(() => z.object({
  /** Basis points (2500 = 25 %). */
  rate: z.int(),
  gross: z.int(),
  net: z.int(),
  vat: z.int(),
}));

/** The money of a cart or order (see `priceLines` and the rounding rules in docs/contract.md). */
export interface MoneyTotals {
  currency: Currency;
  subtotal: number;
  discount: number;
  delivery: number;
  total: number;
  vat: VatLine[];
  vatTotal: number;
}
export const MoneyTotals = defineSchema(() => z.object({
  currency: Currency,
  subtotal: z.int(),
  discount: z.int(),
  delivery: z.int(),
  total: z.int(),
  vat: z.array(VatLine),
  vatTotal: z.int(),
}));
type _VatLine = Assert<Same<VatLine, z.infer<typeof VatLine>>>;
type _MoneyTotals = Assert<Same<MoneyTotals, z.infer<typeof MoneyTotals>>>;

/** `open` carts take changes; an `ordered` one became an order; a `merged` one went into its member's cart at sign-in. */
export const CART_STATUSES = ['open', 'ordered', 'merged'] as const;

/** A cart as every channel sees it. */
export interface Cart {
  id: string;
  /** Goes up by one with every change; send it back in `If-Match` to change only what you saw. */
  version: number;
  status: (typeof CART_STATUSES)[number];
  currency: Currency;
  /** Whose VAT the cart is priced with. */
  country: Country;
  /** The channel the cart began in. */
  channel: Channel;
  /** Every channel that has touched it, in order of first touch. */
  channels: Channel[];
  /** Whether a member's customer token owns it. */
  signedIn: boolean;
  lines: CartLine[];
  groups: FulfillmentGroup[];
  discounts: Discount[];
  totals: MoneyTotals;
  /** Units in the cart (the header badge's count). */
  itemCount: number;
  /** Every line can be had as chosen: checkout will succeed unless stock moves first. */
  ready: boolean;
  /** The order it became (`ordered`). */
  orderId?: string;
  /** The cart it was merged into (`merged`). */
  mergedInto?: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
}
export const Cart = defineSchema(() => z.object({
  id: ObjectId,
  /** Goes up by one with every change; send it back in `If-Match` to change only what you saw. */
  version: z.int(),
  status: z.enum(CART_STATUSES),
  currency: Currency,
  /** Whose VAT the cart is priced with. */
  country: Country,
  /** The channel the cart began in. */
  channel: Channel,
  /** Every channel that has touched it, in order of first touch. */
  channels: z.array(Channel),
  /** Whether a member's customer token owns it. */
  signedIn: z.boolean(),
  lines: z.array(CartLine),
  groups: z.array(FulfillmentGroup),
  discounts: z.array(Discount),
  totals: MoneyTotals,
  /** Units in the cart (the header badge's count). */
  itemCount: z.int(),
  /** Every line can be had as chosen: checkout will succeed unless stock moves first. */
  ready: z.boolean(),
  /** The order it became (`ordered`), or the cart it was merged into (`merged`). */
  orderId: z.optional(ObjectId),
  mergedInto: z.optional(ObjectId),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}));
type _Cart = Assert<Same<Cart, z.infer<typeof Cart>>>;

/**
 * A cart with a secret for this device: the answer to creating a cart, resuming one by handoff
 * code, and a sign-in that merged into another cart. Only the secret's hash is stored; keep it.
 */
export interface CartAccess {
  cart: Cart;
  /** Present when this device got a new secret (a new cart, a resumed or a merged one). */
  secret?: string;
}
export const CartAccess = defineSchema(() => z.object({
  cart: Cart,
  /** Present when this device got a new secret (a new cart, a resumed or a merged one). */
  secret: z.optional(z.string()),
}));
type _CartAccess = Assert<Same<CartAccess, z.infer<typeof CartAccess>>>;

// ---- inputs ----

/** `POST /v1/carts`. The channel is the request's `Omnikit-Channel` header (default `web`). */
export const CreateCartBody = defineSchema(() => z.object({
  currency: z.optional(Currency),
  /** VAT country; by default the currency's (`SEK` Sweden, `NOK` Norway, `DKK` Denmark, `EUR` Finland). */
  country: z.optional(Country),
}));
export type CreateCartBody = z.infer<typeof CreateCartBody>;

/** `POST /v1/carts/{cartId}/lines`: the same SKU with the same fulfilment raises that line's quantity. */
export const AddLineBody = defineSchema(() => z.object({ sku: Sku, quantity: LineQuantity, fulfillment: FulfillmentInput }));
export type AddLineBody = z.infer<typeof AddLineBody>;

/** `PATCH /v1/carts/{cartId}/lines/{lineId}`: a new quantity, a new fulfilment, or both. */
export const UpdateLineBody = defineSchema(() => z.object({
  quantity: z.optional(LineQuantity),
  fulfillment: z.optional(FulfillmentInput),
}).check(z.refine((b) => b.quantity !== undefined || b.fulfillment !== undefined, { message: 'give quantity or fulfillment', path: ['quantity'] })));
export type UpdateLineBody = z.infer<typeof UpdateLineBody>;

/** `PUT /v1/carts/{cartId}/pickup-slot`: the slot for the cart's pickup group at `storeId`; `slotId: null` clears it. */
export const SetPickupSlotBody = defineSchema(() => z.object({
  storeId: LocationId,
  slotId: z.nullable(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}@\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a slot id from GET /v1/stores/{storeId}/slots'))),
}));
export type SetPickupSlotBody = z.infer<typeof SetPickupSlotBody>;

/** Path parameters of cart routes. */
export const CartParams = defineSchema(() => z.object({ cartId: ObjectId }));
/** Path parameters of cart line routes. */
export const CartLineParams = defineSchema(() => z.object({ cartId: ObjectId, lineId: ObjectId }));

/** The topic of a cart's changes on the event stream: `cart:{cartId}`. */
export const cartTopic = (cartId: string) => `cart:${cartId}`;

/**
 * `cart.changed`: a cart changed (any device, any channel). It carries no contents: a device
 * re-reads the cart with its own secret, so the topic reveals nothing but that a change happened.
 */
export const CartChangedEvent = defineSchema(() => z.object({
  type: z.literal('cart.changed'),
  topic: z.string(),
  data: z.object({ cartId: ObjectId, version: z.int(), status: z.enum(CART_STATUSES) }),
  at: Timestamp,
}));
export type CartChangedEvent = z.infer<typeof CartChangedEvent>;

// ---- routes ----

/** `createCart` of `routes` as a client calls it (no input schemas). */
export const createCartRoute = {
  method: 'POST', path: '/v1/carts', auth: 'publishable', tag: 'cart',
  summary: 'Create a cart; the answer carries its secret',
  response: CartAccess, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `getCart` of `routes` as a client calls it (no input schemas). */
export const getCartRoute = {
  method: 'GET', path: '/v1/carts/:cartId', auth: 'publishable', tag: 'cart',
  summary: "Read a cart (with its secret, or its member's customer token)",
  response: Cart,
} as const satisfies RouteDef;

/** `addCartLine` of `routes` as a client calls it (no input schemas). */
export const addCartLineRoute = {
  method: 'POST', path: '/v1/carts/:cartId/lines', auth: 'publishable', tag: 'cart',
  summary: 'Add a line, or raise the quantity of the line with the same SKU and fulfilment',
  response: Cart, idempotent: true,
} as const satisfies RouteDef;

/** `updateCartLine` of `routes` as a client calls it (no input schemas). */
export const updateCartLineRoute = {
  method: 'PATCH', path: '/v1/carts/:cartId/lines/:lineId', auth: 'publishable', tag: 'cart',
  summary: "Set a line's quantity or fulfilment",
  response: Cart, idempotent: true,
} as const satisfies RouteDef;

/** `removeCartLine` of `routes` as a client calls it (no input schemas). */
export const removeCartLineRoute = {
  method: 'DELETE', path: '/v1/carts/:cartId/lines/:lineId', auth: 'publishable', tag: 'cart',
  summary: 'Remove a line',
  response: Cart, idempotent: true,
} as const satisfies RouteDef;

/** `attachCartCustomer` of `routes` as a client calls it (no input schemas). */
export const attachCartCustomerRoute = {
  method: 'PUT', path: '/v1/carts/:cartId/customer', auth: 'publishable', tag: 'cart',
  summary: "Sign-in: the cart becomes the customer token's member's, merged into their open cart if they have one",
  response: CartAccess, idempotent: true,
} as const satisfies RouteDef;

/** `detachCartCustomer` of `routes` as a client calls it (no input schemas). */
export const detachCartCustomerRoute = {
  method: 'DELETE', path: '/v1/carts/:cartId/customer', auth: 'publishable', tag: 'cart',
  summary: "Sign-out: this device's cart secret stops working; the cart stays the member's",
  response: Cart, idempotent: true,
} as const satisfies RouteDef;

/** `setCartPickupSlot` of `routes` as a client calls it (no input schemas). */
export const setCartPickupSlotRoute = {
  method: 'PUT', path: '/v1/carts/:cartId/pickup-slot', auth: 'publishable', tag: 'cart',
  summary: "Choose the slot of the cart's pickup group at a store (booked at checkout)",
  response: Cart, idempotent: true,
} as const satisfies RouteDef;
