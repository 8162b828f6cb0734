import { randomBytes } from 'node:crypto';
import { topicAudience, type CartChangedEvent, type MemberChangedEvent, type OmnikitEvent, type OrderChangedEvent } from '@omnikit/contract';
import type { Db, Queryable } from '../db/types.js';
import { lockKey } from '../db/lock.js';

/** Every event the stream carries: the public ones, and the change notices of private topics (`cart:`, `order:`, `member:`). */
export type StreamEvent = OmnikitEvent | CartChangedEvent | OrderChangedEvent | MemberChangedEvent;

/** An event as stored: its sequence number (the SSE `id`) and its body. */
export interface StoredEvent {
  seq: number;
  topic: string;
  event: StreamEvent;
}

/** A local subscriber: the topics it wants and where to deliver. */
export interface Subscriber {
  topics: ReadonlySet<string>;
  deliver(e: StoredEvent): void;
}

export interface EventBusOptions {
  /** How long events stay replayable for `Last-Event-ID` (seconds). */
  retentionSeconds: number;
  /** Name that makes the notification channel and lock unique per schema. */
  namespace: string;
}

/**
 * Stores events in the `events` table and delivers them to this process's subscribers.
 *
 * Every committed event is read back from the table in sequence order ("pump"), which is what
 * makes delivery the same on PGlite (poked in-process after each commit) and on PostgreSQL
 * (poked by LISTEN/NOTIFY from whichever instance wrote it). Writers take a transaction-level
 * advisory lock before taking a sequence number, so sequence order is commit order and a reader
 * that has seen N has seen every event below N.
 */
export class EventBus {
  private lastSeq = 0;
  private readonly byTopic = new Map<string, Set<Subscriber>>();
  /** In-process followers of every event (loyalty follows `order.changed` of any order). */
  private readonly observers = new Set<(e: StoredEvent) => void>();
  private pumping: Promise<void> | undefined;
  private again = false;
  private unlisten: (() => Promise<void>) | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private catchUpTimer: NodeJS.Timeout | undefined;
  private readonly channel: string;
  private readonly lock: string;
  /**
   * Names this bus, so this server process start: a client that sees another instance in a
   * stream's `stream.ready` or heartbeat knows it reconnected to a restarted or other server.
   */
  readonly instance = randomBytes(8).toString('hex');

  constructor(private readonly db: Db, readonly options: EventBusOptions) {
    this.channel = `omnikit_events_${options.namespace}`.slice(0, 63);
    this.lock = lockKey(`omnikit:events:${options.namespace}`);
  }

  /** Reads the current position, starts listening (PostgreSQL) and the periodic prune. */
  async start(): Promise<void> {
    this.lastSeq = (await this.position()).maxSeq;
    if (this.db.listen) {
      this.unlisten = await this.db.listen(this.channel, () => this.poke());
      // A notification can be lost while the LISTEN connection reconnects; a slow periodic read
      // of the table delivers anything missed (one indexed query per instance every few seconds).
      this.catchUpTimer = setInterval(() => this.poke(), 3000);
      this.catchUpTimer.unref();
    }
    const every = Math.min(60, Math.max(0.5, this.options.retentionSeconds / 2)) * 1000;
    this.pruneTimer = setInterval(() => void this.prune().catch(() => {}), every);
    this.pruneTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.pruneTimer);
    clearInterval(this.catchUpTimer);
    await this.unlisten?.();
    this.unlisten = undefined;
    await this.pumping;
  }

  /**
   * Writes an event inside the caller's transaction. The event reaches subscribers after the
   * transaction commits: through NOTIFY (sent at commit) and the caller's `poke()`.
   */
  async publish(tx: Queryable, topic: string, event: StreamEvent): Promise<number> {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [this.lock]);
    const rows = await tx.query<{ seq: string | number }>(
      'INSERT INTO events (topic, type, payload) VALUES ($1, $2, $3) RETURNING seq',
      [topic, event.type, JSON.stringify(event)],
    );
    const seq = Number(rows[0]!.seq);
    if (this.db.kind === 'postgres') await tx.query('SELECT pg_notify($1, $2)', [this.channel, String(seq)]);
    return seq;
  }

  /** Delivers whatever was committed since the last delivery. Safe to call any number of times. */
  poke(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        await this.pump().catch(() => {
          // The database went away (shutdown) or hiccuped: the next poke retries from lastSeq.
        });
      } while (this.again);
    })().finally(() => {
      this.pumping = undefined;
    });
  }

  private async pump(): Promise<void> {
    for (;;) {
      const rows = await this.db.query<{ seq: string | number; topic: string; payload: StreamEvent }>(
        'SELECT seq, topic, payload FROM events WHERE seq > $1 ORDER BY seq LIMIT 500',
        [this.lastSeq],
      );
      for (const r of rows) {
        const e: StoredEvent = { seq: Number(r.seq), topic: r.topic, event: r.payload };
        this.lastSeq = e.seq;
        // Subscribers of the event's topic and of the topics it reaches (`stock:{sku}`), each once.
        const to = new Set(topicAudience(e.topic).flatMap((t) => [...(this.byTopic.get(t) ?? [])]));
        for (const s of to) {
          try {
            s.deliver(e);
          } catch {
            // One broken subscriber must not stop delivery to the others.
          }
        }
        for (const observe of this.observers) {
          try {
            observe(e);
          } catch {
            // Nor one broken observer.
          }
        }
      }
      if (rows.length < 500) return;
    }
  }

  /** Adds a local subscriber; returns the function that removes it. */
  subscribe(sub: Subscriber): () => void {
    for (const t of sub.topics) {
      let set = this.byTopic.get(t);
      if (!set) this.byTopic.set(t, (set = new Set()));
      set.add(sub);
    }
    return () => {
      for (const t of sub.topics) {
        const set = this.byTopic.get(t);
        set?.delete(sub);
        if (set?.size === 0) this.byTopic.delete(t);
      }
    };
  }

  /** Follows every event delivered in this process, whatever its topic; returns the function that stops it. */
  observe(observer: (e: StoredEvent) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** The newest event sequence this bus has delivered (or found at start): its position, for heartbeats. */
  get seenThrough(): number {
    return this.lastSeq;
  }

  /** Number of topics with at least one local subscriber (for tests and health). */
  get topicCount(): number {
    return this.byTopic.size;
  }

  /** Highest sequence written, and the highest pruned (a resume point below it may have lost events). */
  async position(): Promise<{ maxSeq: number; prunedThrough: number }> {
    const rows = await this.db.query<{ max_seq: string | number; pruned_through: string | number }>(
      'SELECT (SELECT COALESCE(max(seq), 0) FROM events) AS max_seq, pruned_through FROM event_state WHERE id = 1',
    );
    const prunedThrough = Number(rows[0]?.pruned_through ?? 0);
    return { maxSeq: Math.max(Number(rows[0]?.max_seq ?? 0), prunedThrough), prunedThrough };
  }

  /** Retained events after `afterSeq` on the given topics, oldest first. */
  async replay(topics: string[], afterSeq: number): Promise<StoredEvent[]> {
    const rows = await this.db.query<{ seq: string | number; topic: string; payload: StreamEvent }>(
      // A `stock:{sku}` subscription also matches `stock:{sku}@{store}` (see topicAudience).
      `SELECT seq, topic, payload FROM events
        WHERE seq > $1 AND (topic = ANY($2::text[]) OR (topic LIKE 'stock:%' AND split_part(topic, '@', 1) = ANY($2::text[])))
        ORDER BY seq`,
      [afterSeq, topics],
    );
    return rows.map((r) => ({ seq: Number(r.seq), topic: r.topic, event: r.payload }));
  }

  /** Deletes events older than the retention window and expired idempotency records and tokens. */
  async prune(): Promise<void> {
    await this.db.query(
      `WITH d AS (DELETE FROM events WHERE created_at < now() - make_interval(secs => $1) RETURNING seq)
       UPDATE event_state SET pruned_through = GREATEST(pruned_through, (SELECT max(seq) FROM d))
       WHERE id = 1 AND EXISTS (SELECT 1 FROM d)`,
      [this.options.retentionSeconds],
    );
    await this.db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`);
    await this.db.query(`DELETE FROM customer_tokens WHERE expires_at < now() - interval '1 day'`);
  }
}
