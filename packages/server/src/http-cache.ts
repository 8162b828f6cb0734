import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { bearerKey } from './auth.js';
import type { Env } from './routes/types.js';
import type { AppState } from './state.js';

/**
 * `Cache-Control` of catalog reads (stores, products, categories) made with a publishable key:
 * any cache, a CDN in front of several instances included, may keep the answer 30 s and serve it
 * up to 5 minutes longer while it revalidates in the background. Catalog data changes rarely, and
 * a revalidation is cheap (a 304 when the ETag still matches).
 */
export const CATALOG_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=300';

/** `Cache-Control` of the same reads made with the secret key: never in a shared cache, always revalidated. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/**
 * The strong ETag of a JSON answer: a hash of its text, so it changes exactly when the data does
 * and is the same on every instance serving the same data.
 */
export function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header), or is `*`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/**
 * A cacheable JSON answer for a read route: `ETag`, `Cache-Control` and `Vary: Authorization`,
 * and `304 Not Modified` without a body when the request's `If-None-Match` already has it.
 *
 * `Vary: Authorization` because the key travels in that header: a shared cache keeps one copy
 * per key and never hands a stored answer to a request with no key or another key (that one
 * reaches the server and is refused with 401 as usual). `public` because a shared cache may not
 * store an answer to a request with `Authorization` unless told so (RFC 9111, section 3.5).
 */
export function cachedJson(c: Context<Env>, app: AppState, body: unknown): Response {
  const text = JSON.stringify(body);
  const etag = etagOf(text);
  const secret = bearerKey(c.req.header('Authorization')) === app.keys.secret;
  const headers = {
    ETag: etag,
    'Cache-Control': secret ? PRIVATE_CACHE_CONTROL : CATALOG_CACHE_CONTROL,
    Vary: 'Authorization',
  };
  if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, headers);
  return c.body(text, 200, { ...headers, 'Content-Type': 'application/json' });
}
