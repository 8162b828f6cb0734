import * as z from 'zod/mini';
import { defineSchema } from './common.js';
import type { Assert, Same } from './type-checks.js';

/**
 * Every error code the API answers with. Codes are stable: clients branch on them, messages
 * may change. The SDK adds its own client-side codes (see `CLIENT_ERROR_CODES`).
 */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  /** The JSON body nests deeper than the server walks (arrays and objects, see the server's limit). */
  body_too_deep: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  unknown_sku: 404,
  unknown_store: 404,
  /** No cart with this id that the secret or customer token sent may read (also when it exists). */
  cart_not_found: 404,
  cart_line_not_found: 404,
  order_not_found: 404,
  /** No refund with this id. */
  refund_not_found: 404,
  /** No such pickup slot at this store (not a slot of its hours that day). */
  slot_not_found: 404,
  /** The customer is not a loyalty member (they join with `POST /v1/loyalty/me`). */
  member_not_found: 404,
  /** No earn rule with this id. */
  loyalty_rule_not_found: 404,
  /** The handoff code is unknown, used up or expired. */
  handoff_code_invalid: 404,
  method_not_allowed: 405,
  /** The request did not arrive in time (headers or body too slow). */
  request_timeout: 408,
  conflict: 409,
  version_conflict: 409,
  idempotency_key_reused: 422,
  insufficient_stock: 409,
  /** The cart changed since the version sent in `If-Match`; `details.cart` is the current cart. */
  cart_version_conflict: 409,
  /** The cart is no longer open (it became an order, or was merged into its member's cart). */
  cart_closed: 409,
  /** The cart holds the most lines allowed, or a line would exceed the most units allowed. */
  cart_limit_reached: 409,
  /** The product is no longer sold. */
  product_inactive: 409,
  /** Some lines cannot be had as chosen; `details.lines` names them and what can. Nothing was reserved. */
  checkout_unavailable: 409,
  /** The order's status does not allow this (e.g. paying a cancelled order). */
  order_status_conflict: 409,
  /** Every compartment of the locker is in use; the order stays as it was (try again when one is collected). */
  locker_full: 409,
  /** The refund was already marked paid out with another provider reference (`details.refund` is it). */
  refund_already_paid: 409,
  /** Nothing of the order can be shipped now (no delivery line waiting, or the order is not confirmed). */
  nothing_to_ship: 409,
  /** A return of more units than were handed over (less what was returned before). */
  return_exceeds_sold: 409,
  /** The store does not offer returns (see its `services`). */
  returns_not_offered: 409,
  /** A request with this Idempotency-Key is still running; retry after it ends to get its answer. */
  idempotency_key_in_progress: 409,
  /** The pickup slot has no place left; `details.slot` is the slot as it is now. */
  slot_full: 409,
  /**
   * The pickup slot cannot be chosen: `details.reason` is `past` (it has ended), `too_soon`
   * (it ends before the group can be ready), `closed` (the store is closed then) or
   * `no_pickup_group` (the cart has no pickup at that store).
   */
  slot_unavailable: 409,
  /** The member has fewer points than the change takes; nothing was written (`details.balance` is the balance). */
  insufficient_points: 409,
  /** The action already earned within its limit (a check-in today at this store, a review of this product, this year's birthday, the signup). */
  loyalty_limit_reached: 409,
  /** Another active rule has the same action (or, for purchases, currency); `details.rule` is it. */
  loyalty_rule_conflict: 409,
  /** No active earn rule for this action: nothing to earn. */
  loyalty_rule_missing: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  /** The request line or headers are larger than the server reads. */
  request_too_large: 431,
  internal_error: 500,
  service_unavailable: 503,
  /** The instance is stopping (a deploy or restart): retry, a new connection reaches a live one. */
  shutting_down: 503,
} as const;
/** A code the API answers with (a key of {@link ERROR_CODES}). */
export type ServerErrorCode = keyof typeof ERROR_CODES;

/** Codes the SDK produces on the client side, never sent by a server. */
export const CLIENT_ERROR_CODES = [
  'network_error',
  'timeout',
  'aborted',
  'invalid_response',
  'http_error',
] as const;
/** A code the SDK produces itself (see {@link CLIENT_ERROR_CODES}). */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
/** Every error code a caller can meet: the server's and the SDK's own. Stable: branch on it. */
export type ErrorCode = ServerErrorCode | ClientErrorCode;

/** One problem with one input field. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `query.skus` or `body.quantity`. */
  path: string;
  message: string;
}
export const FieldIssue = defineSchema(() => z.object({
  path: z.string(),
  message: z.string(),
}));
type _FieldIssue = Assert<Same<FieldIssue, z.infer<typeof FieldIssue>>>;

/** The one JSON shape of every error response. */
export interface ErrorEnvelope {
  error: {
    /** A code of {@link ERROR_CODES} (stable). */
    code: string;
    /** For people; may change between versions. */
    message: string;
    /** The `X-Request-Id` of the request, for logs and support. */
    requestId: string;
    details?: { issues?: FieldIssue[] };
  };
}
export const ErrorEnvelope = defineSchema(() => z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.optional(z.object({ issues: z.optional(z.array(FieldIssue)) })),
  }),
}));
type _ErrorEnvelope = Assert<Same<ErrorEnvelope, z.infer<typeof ErrorEnvelope>>>;

/** Header carrying the request id on every response (and accepted on requests). */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Header on every answer: the event stream's position before the answer was read (an event
 * sequence number). A client opening its first stream resumes from the lowest position of the
 * answers it shows (`Last-Event-ID`), so a change between its reads and the stream's start is
 * delivered, not lost.
 */
export const EVENT_POSITION_HEADER = 'Omnikit-Event-Position';
/** Header that makes a mutation safe to retry: same key, one effect. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Header that names the channel a client sells through. */
export const CHANNEL_HEADER = 'Omnikit-Channel';
/** Header carrying a customer token alongside the publishable key. */
export const CUSTOMER_TOKEN_HEADER = 'Omnikit-Customer-Token';
