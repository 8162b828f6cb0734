import * as z from 'zod/mini';
import { Timestamp, defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

/**
 * Kinds of credential. Keys travel as `Authorization: Bearer <key>`.
 * - publishable (`pk_...`): safe in a browser; reads catalog, stores, availability, events; cart scope.
 * - secret (`sk_...`): server side only; admin routes.
 * - customer token (`ct_...`): one member's own data, sent in `Omnikit-Customer-Token` with a publishable key.
 */
export const KEY_KINDS = ['publishable', 'secret'] as const;
/** A kind of {@link KEY_KINDS}. */
export type KeyKind = (typeof KEY_KINDS)[number];

/** Publishable keys start with this (`pk_test_...`, `pk_live_...`). */
export const PUBLISHABLE_KEY_PREFIX = 'pk_';
/** Secret keys start with this; they must stay on servers. */
export const SECRET_KEY_PREFIX = 'sk_';
/** Customer tokens start with this. */
export const CUSTOMER_TOKEN_PREFIX = 'ct_';

/** `POST /v1/admin/customer-tokens`: the retailer's login exchanges its session for a token. */
export const CreateCustomerTokenBody = defineSchema(() => z.object({
  customerId: z.string().check(z.minLength(1), z.maxLength(128)),
  /** Lifetime in seconds, 60 s to 30 days (default 1 day). */
  ttlSeconds: z.optional(z.int().check(z.minimum(60), z.maximum(30 * 24 * 3600))),
}));
export type CreateCustomerTokenBody = z.infer<typeof CreateCustomerTokenBody>;

/** A minted customer token: hand `token` to that customer's browser. */
export interface CustomerToken {
  /** `ct_...`, sent as `Omnikit-Customer-Token`. */
  token: string;
  customerId: string;
  /** ISO 8601. */
  expiresAt: string;
}
export const CustomerToken = defineSchema(() => z.object({
  token: z.string(),
  customerId: z.string(),
  expiresAt: Timestamp,
}));
type _CustomerToken = Assert<Same<CustomerToken, z.infer<typeof CustomerToken>>>;

/** `POST /v1/demo/sign-in`: demo-only sign-in for the examples (disabled unless the server enables it). */
export const DemoSignInBody = defineSchema(() => z.object({
  email: z.string().check(z.email(), z.maxLength(254)),
}));
export type DemoSignInBody = z.infer<typeof DemoSignInBody>;

/** `createCustomerToken` of `routes` as a client calls it (no input schemas). */
export const createCustomerTokenRoute = {
  method: 'POST', path: '/v1/admin/customer-tokens', auth: 'secret', tag: 'admin',
  summary: "Mint a customer token for the retailer's own signed-in customer",
  response: CustomerToken, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `demoSignIn` of `routes` as a client calls it (no input schemas). */
export const demoSignInRoute = {
  method: 'POST', path: '/v1/demo/sign-in', auth: 'publishable', tag: 'demo',
  summary: 'Demo only: sign in by email and get a customer token',
  response: CustomerToken, status: 201,
} as const satisfies RouteDef;
