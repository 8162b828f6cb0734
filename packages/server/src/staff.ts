import type { Context } from 'hono';
import { ApiError } from './errors.js';
import type { Env } from './routes/types.js';

// Staff sessions: a store's staff in a browser (the pickup queue) act with a short-lived token
// the retailer's back office minted with its secret key (`POST /v1/admin/staff-sessions`). The
// token opens only the `staff` routes, and each of those keeps it to the session's store.

/** The store a staff session acts for; undefined for the secret key (which may act for any). */
export function staffStoreOf(c: Context<Env>): string | undefined {
  const credential = c.get('credential');
  return credential?.kind === 'staff' ? credential.storeId : undefined;
}

/** The store filter of a staff list: a staff session sees its own store's orders only (403 `forbidden` for another). */
export function scopedStore(c: Context<Env>, asked: string | undefined): string | undefined {
  const own = staffStoreOf(c);
  if (own === undefined) return asked;
  if (asked !== undefined && asked !== own) throw new ApiError('forbidden', "A staff session lists its own store's orders only.");
  return own;
}
