import * as z from 'zod/mini';
import { defineSchema } from './common.js';

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
  method_not_allowed: 405,
  /** The request did not arrive in time (headers or body too slow). */
  request_timeout: 408,
  conflict: 409,
  version_conflict: 409,
  idempotency_key_reused: 422,
  insufficient_stock: 409,
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
export type ServerErrorCode = keyof typeof ERROR_CODES;

/** Codes the SDK produces on the client side, never sent by a server. */
export const CLIENT_ERROR_CODES = [
  'network_error',
  'timeout',
  'aborted',
  'invalid_response',
  'http_error',
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ErrorCode = ServerErrorCode | ClientErrorCode;

/** One problem with one input field. */
export const FieldIssue = defineSchema(() => z.object({
  /** Dotted path of the field, e.g. `query.skus` or `body.quantity`. */
  path: z.string(),
  message: z.string(),
}));
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The one JSON shape of every error response. */
export const ErrorEnvelope = defineSchema(() => z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.optional(z.object({ issues: z.optional(z.array(FieldIssue)) })),
  }),
}));
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/** Header carrying the request id on every response (and accepted on requests). */
export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Header that makes a mutation safe to retry: same key, one effect. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Header that names the channel a client sells through. */
export const CHANNEL_HEADER = 'Omnikit-Channel';
/** Header carrying a customer token alongside the publishable key. */
export const CUSTOMER_TOKEN_HEADER = 'Omnikit-Customer-Token';
