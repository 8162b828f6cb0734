import { sha256 } from './auth.js';
import type { Db, Queryable } from './db/types.js';
import { ApiError } from './errors.js';

/** Stable JSON text (sorted keys) so the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface MutationResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** A claim older than this whose request never finished (its process died) may be taken over. */
const STALE_CLAIM_SECONDS = 60;

/**
 * Runs a mutation in one transaction. With an idempotency key, the key is claimed first, in a
 * statement of its own that commits at once (a row per credential, route and key, status 0 while
 * running), so a second request with the same key sees the claim: while the first still runs it
 * gets 409 `idempotency_key_in_progress`; after it finished, the stored response replayed. The
 * same key with a different request is 422 `idempotency_key_reused`. A failed mutation drops its
 * claim, so the client may retry it; a claim whose process died is taken over after a minute.
 */
export async function runMutation(
  db: Db,
  opts: { key?: string; credential: string; route: string; request: unknown; status: number },
  fn: (tx: Queryable) => Promise<unknown>,
): Promise<MutationResult> {
  const { key, credential, route } = opts;
  if (key === undefined) return db.transaction(async (tx) => ({ status: opts.status, body: await fn(tx), replayed: false }));
  const hash = sha256(canonicalJson(opts.request));
  const ids = [credential, route, key];
  for (let attempt = 0; ; attempt++) {
    const claimed = await db.query(
      `INSERT INTO idempotency_keys (credential, route, key, request_hash, status, body)
       VALUES ($1, $2, $3, $4, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
      [...ids, hash],
    );
    if (claimed.length) break;
    const [prior] = await db.query<{ request_hash: string; status: number; body: unknown; stale: boolean }>(
      `SELECT request_hash, status, body, claimed_at < now() - make_interval(secs => $4) AS stale
       FROM idempotency_keys WHERE credential = $1 AND route = $2 AND key = $3`,
      [...ids, STALE_CLAIM_SECONDS],
    );
    if (!prior) {
      // The claim was dropped (its request failed) between our two statements: claim again.
      if (attempt < 3) continue;
      throw new ApiError('idempotency_key_in_progress', 'A request with this Idempotency-Key is running; retry in a moment.', undefined, { 'Retry-After': '1' });
    }
    if (prior.request_hash !== hash) {
      throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
    }
    if (prior.status !== 0) return { status: prior.status, body: prior.body, replayed: true };
    const takenOver = prior.stale && (await db.query(
      `UPDATE idempotency_keys SET claimed_at = now()
       WHERE credential = $1 AND route = $2 AND key = $3 AND status = 0 AND claimed_at < now() - make_interval(secs => $4) RETURNING key`,
      [...ids, STALE_CLAIM_SECONDS],
    )).length > 0;
    if (takenOver) break;
    throw new ApiError('idempotency_key_in_progress', 'A request with this Idempotency-Key is running; retry in a moment.', undefined, { 'Retry-After': '1' });
  }
  try {
    return await db.transaction(async (tx) => {
      const body = await fn(tx);
      await tx.query(
        'UPDATE idempotency_keys SET status = $4, body = $5 WHERE credential = $1 AND route = $2 AND key = $3',
        [...ids, opts.status, JSON.stringify(body)],
      );
      return { status: opts.status, body, replayed: false };
    });
  } catch (err) {
    await db.query('DELETE FROM idempotency_keys WHERE credential = $1 AND route = $2 AND key = $3 AND status = 0', ids).catch(() => {});
    throw err;
  }
}
