import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CUSTOMER_TOKEN_PREFIX, STAFF_TOKEN_PREFIX, type CustomerToken, type RouteAuth, type StaffSession } from '@omnikit/contract';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';

/** The API keys a server accepts. */
export interface Keys {
  publishable: string;
  secret: string;
}

/**
 * Who is calling: the kind of key, and a stable id of the key (its hash) for idempotency records.
 * A staff session (`staff`) carries the one store it may act for.
 */
export interface Credential {
  kind: 'publishable' | 'secret' | 'staff';
  id: string;
  /** `staff` only: the store of the session. */
  storeId?: string;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const digest = (s: string) => createHash('sha256').update(s).digest();
// The configured keys' digests, made once per Keys (every request compares against them).
const keyDigests = new WeakMap<Keys, { secret: Buffer; publishable: Buffer }>();

/** The key in an `Authorization: Bearer <key>` header, if there is one. */
export function bearerKey(authorization: string | undefined): string | undefined {
  const m = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return m?.[1];
}

/**
 * Checks a key against what a route needs. Missing or unknown key: 401 `unauthorized`; a
 * publishable key on a secret route: 403 `forbidden`. Never reveals which part was wrong beyond that.
 */
export function authorize(keys: Keys, auth: RouteAuth, key: string | undefined): Credential | undefined {
  if (auth === 'public') return undefined;
  // A staff route without a staff token needs the secret key.
  if (auth === 'staff') auth = 'secret';
  if (!key) throw new ApiError('unauthorized', 'An API key is required: Authorization: Bearer <key>.');
  // Compare digests so neither the length nor the content of the key leaks through timing; one
  // hash of the presented key per request serves both comparisons and the credential id.
  const presented = digest(key);
  let known = keyDigests.get(keys);
  if (!known) keyDigests.set(keys, (known = { secret: digest(keys.secret), publishable: digest(keys.publishable) }));
  const kind = timingSafeEqual(presented, known.secret) ? 'secret' : timingSafeEqual(presented, known.publishable) ? 'publishable' : undefined;
  if (!kind) throw new ApiError('unauthorized', 'The API key is not valid.');
  if (auth === 'secret' && kind !== 'secret') {
    throw new ApiError('forbidden', 'This route needs a secret key; publishable keys are for browsers.');
  }
  return { kind, id: presented.toString('hex').slice(0, 32) };
}

/** Mints a customer token; only its hash is stored. */
export async function mintCustomerToken(q: Queryable, customerId: string, ttlSeconds: number): Promise<CustomerToken> {
  const token = CUSTOMER_TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const rows = await q.query<{ expires_at: Date }>(
    `INSERT INTO customer_tokens (token_hash, customer_id, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
    [sha256(token), customerId, ttlSeconds],
  );
  return { token, customerId, expiresAt: new Date(rows[0]!.expires_at).toISOString() };
}

/** The customer id a token stands for; 401 `unauthorized` when unknown or expired. */
export async function resolveCustomerToken(q: Queryable, token: string): Promise<string> {
  if (!token.startsWith(CUSTOMER_TOKEN_PREFIX) || token.length > 200) {
    throw new ApiError('unauthorized', 'The customer token is not valid.');
  }
  const rows = await q.query<{ customer_id: string }>(
    'SELECT customer_id FROM customer_tokens WHERE token_hash = $1 AND expires_at > now()',
    [sha256(token)],
  );
  if (!rows[0]) throw new ApiError('unauthorized', 'The customer token is not valid or has expired.');
  return rows[0].customer_id;
}

/** The customer id of a demo sign-in: stable per email, never the email itself. */
export const demoCustomerId = (email: string) => `demo_${sha256(email.trim().toLowerCase()).slice(0, 20)}`;

/** Whether a bearer value is a staff session token (resolved from the database, not the configured keys). */
export const isStaffToken = (key: string | undefined): key is string => key !== undefined && key.startsWith(STAFF_TOKEN_PREFIX);

/**
 * Mints a staff session for one store (the back office calls this with the secret key and hands
 * the token to the store's browser). Only its hash is stored; 404 `unknown_store` for no store.
 */
export async function mintStaffSession(q: Queryable, storeId: string, ttlSeconds: number): Promise<StaffSession> {
  const [store] = await q.query<{ type: string }>('SELECT type FROM stores WHERE id = $1', [storeId]);
  if (!store || store.type === 'warehouse') throw new ApiError('unknown_store', `No store has id ${storeId}.`);
  const token = STAFF_TOKEN_PREFIX + randomBytes(24).toString('base64url');
  const [row] = await q.query<{ expires_at: Date }>(
    `INSERT INTO staff_sessions (token_hash, store_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
    [sha256(token), storeId, ttlSeconds],
  );
  return { token, storeId, expiresAt: new Date(row!.expires_at).toISOString() };
}

/**
 * The credential of a staff token on a `staff` route: 401 `unauthorized` when unknown or
 * expired (the same answer for both). The id (for idempotency records) is the token's hash.
 */
export async function resolveStaffToken(q: Queryable, token: string): Promise<Credential> {
  if (token.length > 200) throw new ApiError('unauthorized', 'The staff token is not valid.');
  const hash = sha256(token);
  const [row] = await q.query<{ store_id: string }>('SELECT store_id FROM staff_sessions WHERE token_hash = $1 AND expires_at > now()', [hash]);
  if (!row) throw new ApiError('unauthorized', 'The staff token is not valid or has expired.');
  return { kind: 'staff', id: `staff_${hash.slice(0, 32)}`, storeId: row.store_id };
}
