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

/**
 * Runs a mutation in one transaction. With an idempotency key, the key is claimed first
 * (a unique row per credential, route and key): a concurrent request with the same key waits
 * on that row and then replays the stored response, so a retried mutation has one effect. The
 * same key with a different request is 422 `idempotency_key_reused`. A failed mutation rolls
 * back its claim, so the client may retry it.
 */
export async function runMutation(
  db: Db,
  opts: { key?: string; credential: string; route: string; request: unknown; status: number },
  fn: (tx: Queryable) => Promise<unknown>,
): Promise<MutationResult> {
  return db.transaction(async (tx) => {
    const { key, credential, route } = opts;
    if (key === undefined) return { status: opts.status, body: await fn(tx), replayed: false };
    const hash = sha256(canonicalJson(opts.request));
    const claimed = await tx.query(
      `INSERT INTO idempotency_keys (credential, route, key, request_hash, status, body)
       VALUES ($1, $2, $3, $4, 0, 'null') ON CONFLICT DO NOTHING RETURNING key`,
      [credential, route, key, hash],
    );
    if (!claimed.length) {
      const [prior] = await tx.query<{ request_hash: string; status: number; body: unknown }>(
        'SELECT request_hash, status, body FROM idempotency_keys WHERE credential = $1 AND route = $2 AND key = $3',
        [credential, route, key],
      );
      if (prior && prior.request_hash !== hash) {
        throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
      }
      if (prior) return { status: prior.status, body: prior.body, replayed: true };
    }
    const body = await fn(tx);
    await tx.query(
      'UPDATE idempotency_keys SET status = $4, body = $5 WHERE credential = $1 AND route = $2 AND key = $3',
      [credential, route, key, opts.status, JSON.stringify(body)],
    );
    return { status: opts.status, body, replayed: false };
  });
}
