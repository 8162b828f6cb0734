import { MAX_TOPICS, ObjectId, parseStockTopic } from '@omnikit/contract';
import type { Context } from 'hono';
import { ApiError } from '../errors.js';
import { openEventStream } from '../events/sse.js';
import type { AppState } from '../state.js';
import type { Env, Handlers } from './types.js';

/**
 * A topic the stream serves: stock topics, and the change notices of one cart or order
 * (`cart:{id}`, `order:{id}`). Those ids are unguessable and the notices carry no contents (a
 * device re-reads with its secret), so the topic needs no secret of its own.
 */
const isTopic = (t: string) => {
  const m = /^(cart|order):(.+)$/.exec(t);
  return m ? ObjectId.safeParse(m[2]).success : parseStockTopic(t) !== undefined;
};

function checkTopics(raw: string[], path: string): string[] {
  const topics = [...new Set(raw.map((t) => t.trim()).filter(Boolean))];
  const issues = topics.flatMap((t, i) =>
    isTopic(t) ? [] : [{ path: `${path}.${i}`, message: `unknown topic ${JSON.stringify(t.slice(0, 80))}; expected stock:{sku}, stock:{sku}@{storeId}, cart:{id} or order:{id}` }]);
  if (!topics.length) issues.push({ path, message: 'at least one topic is required' });
  if (topics.length > MAX_TOPICS) issues.push({ path, message: `at most ${MAX_TOPICS} topics` });
  if (issues.length) throw new ApiError('validation_failed', 'Invalid topics.', issues);
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
    return stream(c, app, checkTopics(query.topics.split(','), 'query.topics'));
  },
  async eventsPost({ body, c, app }) {
    return stream(c, app, checkTopics(body.topics, 'body.topics'));
  },
};
