// The HTTP edge around the Hono app: answers for requests Node's parser refuses, and a shutdown
// that always ends (no new work on any connection, streams ended, connections closed as they go
// idle, the rest force-closed after a grace period).
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { REQUEST_ID_HEADER } from '@omnikit/contract';
import { errorEnvelope } from './errors.js';
import type { StreamRegistry } from './events/sse.js';

/** Default seconds a stopping server waits for in-flight requests before it force-closes connections. */
export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;

function rawJson(status: number, reason: string, body: object, requestId: string): string {
  const text = JSON.stringify(body);
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(text)}\r\n${REQUEST_ID_HEADER}: ${requestId}\r\n` +
    `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${text}`;
}

/**
 * Answers what Node's HTTP parser refuses before any route sees it, in the API's error envelope:
 * a URL or headers over the limit get 431 `request_too_large`, anything else unparsable 400
 * `bad_request`; the connection is closed after. (Without this Node sends a bare status line.)
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A response already under way on this socket cannot be followed by another one.
    const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (err.code === 'ECONNRESET' || !socket.writable || busy) {
      socket.destroy();
      return;
    }
    const requestId = `req_${randomUUID().replace(/-/g, '')}`;
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      socket.end(rawJson(408, 'Request Timeout', errorEnvelope('request_timeout', 'The request took too long to arrive.', requestId), requestId));
    } else if (err.code === 'HPE_HEADER_OVERFLOW') {
      // Node counts the request line in the header limit: a long URL lands here too.
      socket.end(rawJson(431, 'Request Header Fields Too Large',
        errorEnvelope('request_too_large', 'The URL or the headers of the request are too large.', requestId), requestId));
    } else {
      socket.end(rawJson(400, 'Bad Request', errorEnvelope('bad_request', 'The request is not valid HTTP.', requestId), requestId));
    }
  });
}

/** What {@link Lifecycle.drain} found. */
export interface DrainResult {
  /** Streams that were open when the drain began. */
  streams: number;
  /** Connections still open after the grace period, closed by force. */
  forced: number;
}

/**
 * Tracks the connections of one HTTP server so that a shutdown can end them all. While
 * {@link draining}, the app answers every request with 503 `shutting_down` and
 * `Connection: close` (see `AppOptions.draining`).
 */
export class Lifecycle {
  private readonly sockets = new Set<Socket>();
  private isDraining = false;
  private draining$: Promise<DrainResult> | undefined;
  private sweepQueued = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (_req, res) => {
      // A response that ends while draining leaves its connection idle: close it now, before the
      // client sends the next request on it (an SSE reconnect would otherwise reuse it).
      res.once('close', () => {
        if (this.isDraining) this.sweepSoon();
      });
    });
  }

  /** Closes idle connections on the next turn: once for all the responses that ended in this one. */
  private sweepSoon(): void {
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    setImmediate(() => {
      this.sweepQueued = false;
      this.server.closeIdleConnections();
    });
  }

  /** True from the start of {@link drain}. */
  get draining(): boolean {
    return this.isDraining;
  }

  /** Open connections. */
  get connections(): number {
    return this.sockets.size;
  }

  /**
   * Stops the server: no new connections, 503 on every request of an open one, every stream
   * ended, idle connections closed at once and busy ones as they finish; after `graceMs` what is
   * left is destroyed. Resolves when no connection is left. Safe to call more than once.
   */
  drain(streams: StreamRegistry, graceMs: number): Promise<DrainResult> {
    return (this.draining$ ??= (async () => {
      this.isDraining = true;
      const open = streams.size;
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      streams.closeAll();
      this.server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace'>((resolve) => (timer = setTimeout(resolve, graceMs, 'grace')));
      const first = await Promise.race([closed, graceOver]);
      clearTimeout(timer);
      let forced = 0;
      if (first === 'grace') {
        forced = this.sockets.size;
        this.server.closeAllConnections();
        for (const s of this.sockets) s.destroy();
        await closed;
      }
      return { streams: open, forced };
    })());
  }
}
