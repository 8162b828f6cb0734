import { ApiError } from '../errors.js';
import type { EventBus, StoredEvent, StreamEvent } from './bus.js';

export interface StreamOptions {
  topics: string[];
  /** Resume after this sequence number (from `Last-Event-ID`). */
  lastEventId?: number;
  heartbeatMs: number;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

const encoder = new TextEncoder();
/** Bytes queued for one slow client before its stream is ended. */
const MAX_QUEUED_BYTES = 1024 * 1024;
const now = () => new Date().toISOString();

/** Tracks open streams so a server shutting down can end them (else `server.close()` waits forever). */
export class StreamRegistry {
  private readonly open = new Set<() => void>();
  private isClosed = false;
  /** Registers a stream's `end`; returns the function that unregisters it. */
  add(end: () => void): () => void {
    // A stream that got past every check just as the server began to stop ends at once.
    if (this.isClosed) {
      queueMicrotask(end);
      return () => {};
    }
    this.open.add(end);
    return () => this.open.delete(end);
  }
  /** Open streams. */
  get size(): number {
    return this.open.size;
  }
  /** True once {@link closeAll} ran: no stream opens any more. */
  get closed(): boolean {
    return this.isClosed;
  }
  /** Ends every open stream, and every stream that tries to open later. */
  closeAll(): void {
    this.isClosed = true;
    for (const end of [...this.open]) end();
  }
}

/**
 * Opens a Server-Sent Events stream: `stream.ready` first (with this instance's id and event
 * position), then (with a resume point) the retained events after it or `stream.reset` when it
 * is older than the window, then live events; a `stream.heartbeat` every heartbeat interval.
 * Everything is released when the client disconnects. Refused with 503 `shutting_down` once the
 * registry is closed.
 */
export function openEventStream(bus: EventBus, registry: StreamRegistry, opts: StreamOptions): Response {
  if (registry.closed) {
    throw new ApiError('shutting_down', 'This server is stopping; retry in a moment.', undefined, { 'Retry-After': '1', Connection: 'close' });
  }
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let sentThrough = opts.lastEventId ?? 0;
      // Live events that arrive while the replay is read wait here, so none is lost or doubled.
      let buffer: StoredEvent[] | undefined = opts.lastEventId !== undefined ? [] : undefined;

      const write = (text: string) => {
        if (closed) return;
        // A client that stops reading must not make us buffer without bound: drop it; it
        // reconnects with Last-Event-ID and gets what it missed from the table.
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED_BYTES) return end();
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      const send = (event: StreamEvent, id?: number) =>
        write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      const sendStored = (e: StoredEvent) => {
        if (e.seq <= sentThrough) return;
        sentThrough = e.seq;
        send(e.event, e.seq);
      };

      const unsubscribe = bus.subscribe({
        topics: new Set(opts.topics),
        deliver: (e) => (buffer ? buffer.push(e) : sendStored(e)),
      });
      // A heartbeat is an event with no `id:` line, so it never moves the client's Last-Event-ID.
      const heartbeat = setInterval(
        // A replay reads the table directly and may run ahead of the bus: never report less than was sent.
        () => send({ type: 'stream.heartbeat', instance: bus.instance, position: Math.max(bus.seenThrough, sentThrough), at: now() }),
        opts.heartbeatMs,
      );
      const unregister = registry.add(() => end());
      const onAbort = () => end();
      opts.signal.addEventListener('abort', onAbort);

      function end() {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed or cancelled by the client
        }
      }
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        unregister();
        opts.signal.removeEventListener('abort', onAbort);
      };

      write('retry: 2000\n\n');
      send({
        type: 'stream.ready', topics: opts.topics, retentionSeconds: bus.options.retentionSeconds,
        instance: bus.instance, position: bus.seenThrough, at: now(),
      });

      if (opts.lastEventId !== undefined) {
        const from = opts.lastEventId;
        void (async () => {
          try {
            const pos = await bus.position();
            if (from < pos.prunedThrough || from > pos.maxSeq) {
              // Events after `from` were pruned (or the database was reset): the client must refetch.
              sentThrough = pos.maxSeq;
              send({ type: 'stream.reset', reason: from > pos.maxSeq ? 'unknown_position' : 'retention_exceeded', at: now() }, pos.maxSeq);
            } else {
              for (const e of await bus.replay(opts.topics, from)) sendStored(e);
            }
          } catch {
            end();
            return;
          }
          const pending = buffer ?? [];
          buffer = undefined;
          for (const e of pending) sendStored(e);
        })();
      }
    },
    cancel() {
      cleanup();
    },
  }, new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 }));
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
