import * as z from 'zod/mini';
import { Timestamp, defineSchema } from './common.js';
import { CartAccess } from './cart.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Handing a cart to another device: a short code to type and a URL for a QR code. A module of
// its own (exported with the cart's): the CDN build chunks by module, and the product page's
// widgets (add-to-cart, cart count) load the cart's module but never hand a cart over.

/** Minutes a handoff code stays valid. */
export const HANDOFF_TTL_MINUTES = 15;
/** Characters of handoff codes: no 0/O, 1/I/L, 5/S, 2/Z, 8/B, so a person reads and types them right. */
export const HANDOFF_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
/** Characters in a handoff code (shown as two groups of four, `ACDE-F349`). */
export const HANDOFF_CODE_LENGTH = 8;
/** Query parameter of the server's default handoff URL (`/?omnikit-handoff=ACDEF349`): a page that finds it opens the cart with `resume(code)`. */
export const HANDOFF_URL_PARAM = 'omnikit-handoff';

/** A handoff: a code to type and a URL for a QR code, that open the cart on another device. */
export interface CartHandoff {
  /** {@link HANDOFF_CODE_LENGTH} characters of {@link HANDOFF_ALPHABET}. */
  code: string;
  /** Opens the cart on another device (for a QR code). */
  url: string;
  /** ISO 8601; {@link HANDOFF_TTL_MINUTES} after it was made. */
  expiresAt: string;
}
export const CartHandoff = defineSchema(() => z.object({
  code: z.string(),
  url: z.string(),
  expiresAt: Timestamp,
}));
type _CartHandoff = Assert<Same<CartHandoff, z.infer<typeof CartHandoff>>>;

/** `POST /v1/carts/{cartId}/handoff`. */
export const HandoffBody = defineSchema(() => z.object({
  /** URL for the QR code, with `{code}` where the code goes (default: the server's handoff URL). */
  url: z.optional(z.string().check(z.maxLength(500), z.regex(/^https?:\/\/[^\s]*\{code\}[^\s]*$/, 'an http(s) URL containing {code}'))),
}));
export type HandoffBody = z.infer<typeof HandoffBody>;

/** `POST /v1/carts/resume`: the code as typed (case, spaces and dashes do not matter). */
export const ResumeCartBody = defineSchema(() => z.object({ code: z.string().check(z.minLength(1), z.maxLength(32)) }));
export type ResumeCartBody = z.infer<typeof ResumeCartBody>;

/** A handoff code as typed, normalised: upper case, without spaces and dashes. */
export function normalizeHandoffCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** `createCartHandoff` of `routes` as a client calls it (no input schemas). */
export const createCartHandoffRoute = {
  method: 'POST', path: '/v1/carts/:cartId/handoff', auth: 'publishable', tag: 'cart',
  summary: 'A short code and a QR code URL that open the cart on another device',
  response: CartHandoff, status: 201,
} as const satisfies RouteDef;

/** `resumeCart` of `routes` as a client calls it (no input schemas). */
export const resumeCartRoute = {
  method: 'POST', path: '/v1/carts/resume', auth: 'publishable', tag: 'cart',
  summary: 'Open a handed-off cart by its code; the answer carries a secret for this device',
  response: CartAccess,
} as const satisfies RouteDef;
