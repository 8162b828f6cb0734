import type { OmnikitEvent } from '@omnikit/contract';
import type { EventBus, StoredEvent } from './bus.js';

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
  add(end: () => void): () => void {
    this.open.add(end);
    return () => this.open.delete(end);
  }
  get size(): number {
    return this.open.size;
  }
  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}

/**
 * Opens a Server-Sent Events stream: `stream.ready` first, then (with a resume point) the
 * retained events after it or `stream.reset` when it is older than the window, then live events;
 * a `: ping` comment every heartbeat. Everything is released when the client disconnects.
 */
export function openEventStream(bus: EventBus, registry: StreamRegistry, opts: StreamOptions): Response {
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
      const send = (event: OmnikitEvent, id?: number) =>
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
      const heartbeat = setInterval(() => write(': ping\n\n'), opts.heartbeatMs);
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
      send({ type: 'stream.ready', topics: opts.topics, retentionSeconds: bus.options.retentionSeconds, at: now() });

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
