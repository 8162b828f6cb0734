import * as z from 'zod/mini';
import { LocationId, Sku, Timestamp, defineSchema } from './common.js';
import { Availability } from './availability.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Each event type is an interface (named in editors and .d.ts files) checked against its schema.

/**
 * Topics of the event stream. `stock:{sku}@{storeId}` carries `stock.changed` for one SKU at one
 * location; `stock:{sku}` carries it for the SKU at every location (one topic where a page shows
 * a product at several stores, or may need to: here, online and nearby). The format leaves room
 * for later topics (`cart:{id}`, `member:{id}`, `campaigns:{channel}`).
 */
export function stockTopic(sku: string, storeId?: string): string {
  return storeId === undefined ? `stock:${sku}` : `stock:${sku}@${storeId}`;
}

/** Parses a stock topic; `undefined` when it is not one. `storeId` is absent for a SKU's all-locations topic. */
export function parseStockTopic(topic: string): { sku: string; storeId?: string } | undefined {
  const m = /^stock:([^@]+)(?:@(.+))?$/.exec(topic);
  if (!m) return undefined;
  if (!Sku.safeParse(m[1]).success) return undefined;
  if (m[2] === undefined) return { sku: m[1]! };
  return LocationId.safeParse(m[2]).success ? { sku: m[1]!, storeId: m[2] } : undefined;
}

/**
 * Every topic an event published on `topic` reaches: the topic itself and, for one SKU at one
 * location, the SKU's all-locations topic. Servers deliver an event to subscribers of any of
 * these (once per stream), and clients route it to their listeners of any of these.
 */
export function topicAudience(topic: string): string[] {
  const at = topic.startsWith('stock:') ? topic.indexOf('@') : -1;
  return at === -1 ? [topic] : [topic, topic.slice(0, at)];
}

/** Most topics one stream may subscribe to. */
export const MAX_TOPICS = 1000;

/** Seconds between heartbeat comments on an idle stream. */
export const HEARTBEAT_SECONDS = 15;

/** `stock.changed`: new availability of one SKU at one location. SSE `id` is the event's sequence. */
export interface StockChangedEvent {
  type: 'stock.changed';
  /** The topic it was published on (`stock:{sku}@{storeId}`). */
  topic: string;
  data: Availability;
  /** ISO 8601. */
  at: string;
}
export const StockChangedEvent = defineSchema(() => z.object({
  type: z.literal('stock.changed'),
  topic: z.string(),
  data: Availability,
  at: Timestamp,
}));
type _StockChangedEvent = Assert<Same<StockChangedEvent, z.infer<typeof StockChangedEvent>>>;

/**
 * `stream.reset`: the `Last-Event-ID` asked for is older than the retained window, so events
 * may have been missed; the client should refetch what it shows.
 */
export interface StreamResetEvent {
  type: 'stream.reset';
  reason: string;
  /** ISO 8601. */
  at: string;
}
export const StreamResetEvent = defineSchema(() => z.object({
  type: z.literal('stream.reset'),
  reason: z.string(),
  at: Timestamp,
}));
type _StreamResetEvent = Assert<Same<StreamResetEvent, z.infer<typeof StreamResetEvent>>>;

/**
 * `stream.ready`: sent first on every connection, with the topics accepted. `instance` names the
 * server process that holds the stream (a new one after a restart or on another instance) and
 * `position` is the newest event sequence that process has seen (of any topic).
 */
export interface StreamReadyEvent {
  type: 'stream.ready';
  /** The topics this stream delivers. */
  topics: string[];
  /** How far back a `Last-Event-ID` can resume, in seconds. */
  retentionSeconds: number;
  instance?: string;
  position?: number;
  /** ISO 8601. */
  at: string;
}
export const StreamReadyEvent = defineSchema(() => z.object({
  type: z.literal('stream.ready'),
  topics: z.array(z.string()),
  retentionSeconds: z.int(),
  instance: z.optional(z.string()),
  position: z.optional(z.int()),
  at: Timestamp,
}));
type _StreamReadyEvent = Assert<Same<StreamReadyEvent, z.infer<typeof StreamReadyEvent>>>;

/**
 * `stream.heartbeat`: sent every {@link HEARTBEAT_SECONDS} on an idle stream (no `id`, so it does
 * not move `Last-Event-ID`). A client trusts a stream only while its heartbeats arrive, come from
 * the instance named in `stream.ready`, and carry a `position` not behind the newest event id it
 * has seen; otherwise it re-reads what it watches and reconnects.
 */
export interface StreamHeartbeatEvent {
  type: 'stream.heartbeat';
  instance: string;
  position: number;
  /** ISO 8601. */
  at: string;
}
export const StreamHeartbeatEvent = defineSchema(() => z.object({
  type: z.literal('stream.heartbeat'),
  instance: z.string(),
  position: z.int(),
  at: Timestamp,
}));
type _StreamHeartbeatEvent = Assert<Same<StreamHeartbeatEvent, z.infer<typeof StreamHeartbeatEvent>>>;

/** Any event of the stream; branch on `type`. */
// A plain union: each member has its own literal `type`, so it accepts the same events as a
// discriminated union without that schema type's extra code in browsers.
export const OmnikitEvent = defineSchema(() => z.union([
  StockChangedEvent,
  StreamResetEvent,
  StreamReadyEvent,
  StreamHeartbeatEvent,
]));
export type OmnikitEvent = StockChangedEvent | StreamResetEvent | StreamReadyEvent | StreamHeartbeatEvent;
type _OmnikitEvent = Assert<Same<OmnikitEvent, z.infer<typeof OmnikitEvent>>>;

/** `events` of `routes` as a client calls it (no input schemas). */
export const eventsRoute = {
  method: 'GET', path: '/v1/events', auth: 'publishable', tag: 'events',
  summary: 'Server-Sent Events for the topics named; resumes from `Last-Event-ID`',
  stream: true,
} as const satisfies RouteDef;

/** `eventsPost` of `routes` as a client calls it (no input schemas). */
export const eventsPostRoute = {
  method: 'POST', path: '/v1/events', auth: 'publishable', tag: 'events',
  summary: 'Server-Sent Events for a long topic list given in the body',
  stream: true,
} as const satisfies RouteDef;

export { Sku, LocationId };
