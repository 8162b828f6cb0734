import { MAX_TOPICS, ObjectId, parseMemberTopic, parseStockTopic, parseStoreOrdersTopic } from '@omnikit/contract';
import type { Credential } from '../auth.js';
import type { Context } from 'hono';
import { ApiError } from '../errors.js';
import { openEventStream } from '../events/sse.js';
import type { AppState } from '../state.js';
import type { Env, Handlers } from './types.js';

/**
 * A topic the stream serves: stock topics, and the change notices of one cart, order or member
 * (`cart:{id}`, `order:{id}`, `member:{id}`). Those ids are unguessable and the notices carry no
 * contents (a device re-reads with its secret or customer token), so the topic needs no secret
 * of its own. And a store's orders (`store:{id}:orders`), for its staff only (see `checkScope`).
 */
const isTopic = (t: string) => {
  const m = /^(cart|order):(.+)$/.exec(t);
  return m ? ObjectId.safeParse(m[2]).success
    : parseStockTopic(t) !== undefined || parseStoreOrdersTopic(t) !== undefined || parseMemberTopic(t) !== undefined;
};

/**
 * A store's orders topic (`store:{id}:orders`) tells how many orders the store gets: only the
 * secret key or a staff session of that store may follow it (403 `forbidden` otherwise).
 */
function checkScope(topics: string[], credential: Credential | undefined): void {
  for (const t of topics) {
    const store = parseStoreOrdersTopic(t);
    if (!store || credential?.kind === 'secret' || (credential?.kind === 'staff' && credential.storeId === store.storeId)) continue;
    throw new ApiError('forbidden', `${t} is for the staff of that store only (a staff session of it, or the secret key).`);
  }
}

async function checkTopics(raw: string[], path: string, c: Context<Env>, app: AppState): Promise<string[]> {
  const topics = [...new Set(raw.map((t) => t.trim()).filter(Boolean))];
  const issues = topics.flatMap((t, i) =>
    isTopic(t) ? [] : [{ path: `${path}.${i}`, message: `unknown topic ${JSON.stringify(t.slice(0, 80))}; expected stock:{sku}, stock:{sku}@{storeId}, cart:{id}, order:{id} store:{storeId}:orders or member:{id}` }]);
  if (!topics.length) issues.push({ path, message: 'at least one topic is required' });
  if (topics.length > MAX_TOPICS) issues.push({ path, message: `at most ${MAX_TOPICS} topics` });
  if (issues.length) throw new ApiError('validation_failed', 'Invalid topics.', issues);
  checkScope(topics, c.get('credential'));
  return topics;
}

// EventSource resends the last id as a header; clients that reconnect by URL may pass it as a parameter.
function lastEventId(c: Context<Env>): number | undefined {
  const raw = c.req.header('Last-Event-ID') ?? c.req.query('lastEventId');
  return raw !== undefined && /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

function stream(c: Context<Env>, app: AppState, topics: string[]): Response {
  return openEventStream(app.bus, app.streams, {
    topics, lastEventId: lastEventId(c), heartbeatMs: app.heartbeatMs, signal: c.req.raw.signal,
  });
}

export const eventHandlers: Pick<Handlers, 'events' | 'eventsPost'> = {
  async events({ query, c, app }) {
    return stream(c, app, await checkTopics(query.topics.split(','), 'query.topics', c, app));
  },
  async eventsPost({ body, c, app }) {
    return stream(c, app, await checkTopics(body.topics, 'body.topics', c, app));
  },
};
