/**
 * The admin client for trusted servers: back office, POS and warehouse jobs.
 * `import { createAdminClient } from '@omnikit/sdk/admin'`.
 * @packageDocumentation
 */
import type { CustomerToken, StaffSession, StockChange, StockCorrection } from '@omnikit/contract';
import { CORE, closeCore, createCore, type ClientLike, type ResolvedConfig } from './client-state.js';
import type { CallOptions, FetchLike } from './transport.js';
import { adjustStock, setStock, type AdjustStockInput, type SetStockInput } from './resources/stock.js';
import { createCustomerToken, type CreateCustomerTokenInput } from './resources/customer-tokens.js';
import {
  cancelOrder, getOrderAdmin, listOrders, markRefundPaid, setOrderPayment, setOrderStep, shipOrder, type ListOrdersInput, type ShipOrderInput,
} from './resources/orders.js';
import {
  correctStock, createReturn, createStaffSession, getLocalInventoryFeed, type CorrectStockInput, type CreateReturnInput,
} from './resources/staff.js';
import {
  addTillCartLine, createTillCart, getTillCart, handOffTillCart, removeTillCartLine, updateTillCartLine,
} from './resources/till.js';
import {
  adjustPoints, createEarnRule, deleteEarnRule, getLoyaltyMember, listEarnRules, recordLoyaltyAction, updateEarnRule,
  type AdjustPointsInput, type LoyaltyActionInput,
} from './resources/loyalty.js';
import type { Cart, CartHandoff, Fulfillment, Order, OrderPage, Refund } from '@omnikit/contract/cart';
import type { EarnRule, EarnRuleBody, LoyaltyMember, LoyaltyResult } from '@omnikit/contract/loyalty';
import type { Currency } from '@omnikit/contract/client';

export {
  adjustStock, setStock, createCustomerToken, listOrders, getOrderAdmin, setOrderPayment, cancelOrder, setOrderStep, shipOrder, markRefundPaid,
  correctStock, createReturn, createStaffSession, getLocalInventoryFeed,
  createTillCart, getTillCart, addTillCartLine, updateTillCartLine, removeTillCartLine, handOffTillCart,
  listEarnRules, createEarnRule, updateEarnRule, deleteEarnRule, getLoyaltyMember, adjustPoints, recordLoyaltyAction,
};
export type { AdjustPointsInput, LoyaltyActionInput };
export type {
  EarnRule, EarnRuleBody, LoyaltyMember, LoyaltyResult, LedgerEntry, LedgerLine, LedgerKind, LedgerSource, Tier, TierBenefits, TierProgress,
} from '@omnikit/contract/loyalty';
export {
  pickupQueueStore, pickupQueueOf, PICKUP_QUEUE_SECTIONS, QUEUE_PAGE_SIZE,
  type PickupQueueStore, type PickupQueueState, type PickupQueueEntry, type PickupQueueSection,
} from './stores/pickup-queue.js';
export { QUEUE_STATUSES, storeOrdersTopic } from '@omnikit/contract/cart';
export { createStaffClient, type StaffClient, type StaffClientOptions } from './staff-client.js';
export type { AdjustStockInput, SetStockInput, CreateCustomerTokenInput, ListOrdersInput, ShipOrderInput, CorrectStockInput, CreateReturnInput, CallOptions };
export type { Cart, CartHandoff, Order, OrderPage, OrderStatus, PaymentMethod, StaffStep, OrderReturn, OrderShipment, Refund } from '@omnikit/contract/cart';
export type { StockChange, StockMovement, StockReason, CustomerToken, Availability, StaffSession, StockCorrection, AffectedOrder } from '@omnikit/contract';
export * from './errors.js';

/** Options of {@link createAdminClient}. */
export interface AdminClientOptions {
  /** Where the API lives, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** The secret key (`sk_...`). Keep it on servers: it can change stock. */
  secretKey?: string;
  /**
   * Instead of the secret key, a staff session token (`st_...`) from `staffSessions.create`:
   * safe in a store's browser, it opens only that store's staff routes (order list and steps,
   * stock corrections, returns); the others answer 401 `unauthorized`.
   */
  staffToken?: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchLike;
  /** Milliseconds per attempt. Default 10 000. */
  timeout?: number;
  /** Retries; mutations are retried only because each carries an idempotency key. Default 2. */
  retry?: number;
  /** The channel mutations are attributed to. Default `pos`. */
  channel?: 'web' | 'kiosk' | 'app' | 'pos';
}

/** Client for the admin routes (secret key). */
export interface AdminClient extends ClientLike {
  readonly config: ResolvedConfig;
  readonly stock: {
    /** Sets the on-hand count (a stock take). */
    set(input: SetStockInput, options?: CallOptions): Promise<StockChange>;
    /** Adds or takes units, recording the reason. */
    adjust(input: AdjustStockInput, options?: CallOptions): Promise<StockChange>;
    /** What staff counted, also below the reserved units (the newest orders holding them become `needs_attention`). */
    correct(input: CorrectStockInput, options?: CallOptions): Promise<StockCorrection>;
  };
  readonly customerTokens: {
    /** Mints a customer token for one of your signed-in customers. */
    create(input: CreateCustomerTokenInput, options?: CallOptions): Promise<CustomerToken>;
  };
  /** Orders: the back office's list, the payment provider's answer, cancellation. */
  readonly orders: {
    /** Orders newest first, by store, channel and status (with the shopper's contact). */
    list(query?: ListOrdersInput, options?: CallOptions): Promise<OrderPage>;
    /** One order with its contact; `order_not_found` (404) when there is none. */
    get(orderId: string, options?: CallOptions): Promise<Order>;
    /** The provider confirmed the payment: an order awaiting payment becomes `confirmed`. */
    markPaid(orderId: string, options?: CallOptions): Promise<Order>;
    /** The provider declined: the order is cancelled and its stock released. */
    markFailed(orderId: string, options?: CallOptions): Promise<Order>;
    /** Cancels an order and releases its stock. */
    cancel(orderId: string, options?: CallOptions): Promise<Order>;
    /** The delivery lines went to the carrier: their units leave the online stock, and they can be returned in a store. */
    ship(orderId: string, input?: ShipOrderInput, options?: CallOptions): Promise<Order>;
    /** Staff: the order is being picked. */
    startPicking(orderId: string, options?: CallOptions): Promise<Order>;
    /** Staff: ready for pickup (a locker group gets its compartment; the shopper's answer has the code). */
    markReady(orderId: string, options?: CallOptions): Promise<Order>;
    /** Staff: handed over; the reserved units leave the store. */
    markCollected(orderId: string, options?: CallOptions): Promise<Order>;
  };
  /** Returns in any store. */
  readonly returns: {
    /** Goods of any order taken back at a store offering returns: stock to that store, a pending refund. */
    create(input: CreateReturnInput, options?: CallOptions): Promise<Order>;
  };
  /** Refunds (`order.refunds[]`) for the payment provider's integration. */
  readonly refunds: {
    /** The provider paid the refund out: `refunded` with its reference (the same reference again is a no-op). */
    markPaid(refundId: string, input: { providerReference: string }, options?: CallOptions): Promise<Refund>;
  };
  /** Staff sessions for a store's browser (the pickup queue), minted with the secret key. */
  readonly staffSessions: {
    /** A token for one store, `ttlSeconds` (default 8 h, at most 12 h). */
    create(input: { storeId: string; ttlSeconds?: number }, options?: CallOptions): Promise<StaffSession>;
  };
  /** Feeds for ad channels. */
  readonly feeds: {
    /** The local inventory feed as tab-separated text (see `LOCAL_INVENTORY_COLUMNS`). */
    localInventory(options?: CallOptions): Promise<string>;
  };
  /** Carts staff build for a shopper at the till or in customer service, then hand over. */
  readonly carts: {
    /** Starts a cart in this client's channel (`pos` by default). */
    create(input?: { currency?: Currency }, options?: CallOptions): Promise<Cart>;
    /** Reads any cart by id. */
    get(cartId: string, options?: CallOptions): Promise<Cart>;
    /** Adds a line; the same SKU and fulfilment raises that line. */
    addLine(cartId: string, line: { sku: string; quantity: number; fulfillment: Fulfillment }, options?: CallOptions): Promise<Cart>;
    /** Sets a line's quantity and/or fulfilment. */
    updateLine(cartId: string, lineId: string, change: { quantity?: number; fulfillment?: Fulfillment }, options?: CallOptions): Promise<Cart>;
    /** Removes a line. */
    removeLine(cartId: string, lineId: string, options?: CallOptions): Promise<Cart>;
    /** A code and QR code URL that open the cart on the shopper's phone. */
    handoff(cartId: string, input?: { url?: string }, options?: CallOptions): Promise<CartHandoff>;
  };
  /** Loyalty: earn rules, members, adjustments and actions reported by the retailer's systems. */
  readonly loyalty: {
    /** Earn rules (purchase points per currency unit, actions with their limits). */
    readonly rules: {
      /** Every rule, oldest first. */
      list(options?: CallOptions): Promise<EarnRule[]>;
      /** Adds a rule; `loyalty_rule_conflict` (409) when one is active for the same action or currency. */
      create(rule: EarnRuleBody, options?: CallOptions): Promise<EarnRule>;
      /** Replaces a rule; points already earned stay. */
      update(ruleId: string, rule: EarnRuleBody, options?: CallOptions): Promise<EarnRule>;
      /** Removes a rule; points already earned stay. */
      delete(ruleId: string, options?: CallOptions): Promise<EarnRule>;
    };
    /** A customer's member: balance, tier, progress; `member_not_found` (404) when they have not joined. */
    member(customerId: string, options?: CallOptions): Promise<LoyaltyMember>;
    /** Adds or takes points with a note; never below zero (`insufficient_points`, 409). */
    adjust(input: AdjustPointsInput, options?: CallOptions): Promise<LoyaltyResult>;
    /** A member's action (review, check-in at the till, birthday): its rule's points within its limit. */
    recordAction(input: LoyaltyActionInput, options?: CallOptions): Promise<LoyaltyResult>;
  };
  /** Releases the client (nothing stays open between calls; here for symmetry and future streams). */
  close(): void;
}

/**
 * Creates an admin client. The secret key must stay server side; constructing one where a
 * `window` exists logs a warning.
 *
 * ```ts
 * const admin = createAdminClient({ baseUrl: process.env.OMNIKIT_API_URL!, secretKey: process.env.OMNIKIT_SECRET_KEY! });
 * await admin.stock.adjust({ sku: 'OK-10001', storeId: 'se-stockholm-drottninggatan', delta: -1, reason: 'sale_in_store' });
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const key = options.staffToken ?? options.secretKey;
  if (!key) throw new TypeError('createAdminClient needs a secretKey (servers) or a staffToken (a store\'s browser)');
  if (!options.staffToken && typeof window !== 'undefined' && typeof document !== 'undefined') {
    console.warn('[omnikit] createAdminClient runs in a browser-like environment: the secret key must stay on the server.');
  }
  const core = createCore(key, { ...options, channel: options.channel ?? 'pos' });
  const client: AdminClient = {
    [CORE]: core,
    config: core.config,
    stock: {
      set: (input, o) => setStock(client, input, o),
      adjust: (input, o) => adjustStock(client, input, o),
      correct: (input, o) => correctStock(client, input, o),
    },
    customerTokens: {
      create: (input, o) => createCustomerToken(client, input, o),
    },
    orders: {
      list: (q, o) => listOrders(client, q, o),
      get: (id, o) => getOrderAdmin(client, id, o),
      markPaid: (id, o) => setOrderPayment(client, id, 'paid', o),
      markFailed: (id, o) => setOrderPayment(client, id, 'failed', o),
      cancel: (id, o) => cancelOrder(client, id, o),
      ship: (id, input, o) => shipOrder(client, id, input, o),
      startPicking: (id, o) => setOrderStep(client, id, 'picking', o),
      markReady: (id, o) => setOrderStep(client, id, 'ready', o),
      markCollected: (id, o) => setOrderStep(client, id, 'collected', o),
    },
    returns: {
      create: (input, o) => createReturn(client, input, o),
    },
    refunds: {
      markPaid: (id, input, o) => markRefundPaid(client, id, input, o),
    },
    staffSessions: {
      create: (input, o) => createStaffSession(client, input, o),
    },
    feeds: {
      localInventory: (o) => getLocalInventoryFeed(client, o),
    },
    carts: {
      create: (input, o) => createTillCart(client, input, o),
      get: (id, o) => getTillCart(client, id, o),
      addLine: (id, line, o) => addTillCartLine(client, id, line, o),
      updateLine: (id, lineId, change, o) => updateTillCartLine(client, id, lineId, change, o),
      removeLine: (id, lineId, o) => removeTillCartLine(client, id, lineId, o),
      handoff: (id, input, o) => handOffTillCart(client, id, input, o),
    },
    loyalty: {
      rules: {
        list: (o) => listEarnRules(client, o),
        create: (rule, o) => createEarnRule(client, rule, o),
        update: (id, rule, o) => updateEarnRule(client, id, rule, o),
        delete: (id, o) => deleteEarnRule(client, id, o),
      },
      member: (id, o) => getLoyaltyMember(client, id, o),
      adjust: (input, o) => adjustPoints(client, input, o),
      recordAction: (input, o) => recordLoyaltyAction(client, input, o),
    },
    close: () => closeCore(core),
  };
  return client;
}
