// Issue 14: a shutdown that always ends. No new work on any connection (503 shutting_down with
// Connection: close, never a new stream), every stream ended, idle connections closed, the rest
// force-closed after the grace period.
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { stockTopic } from '@omnikit/contract';
import { PK, SK, SseClient, startTestServer, type TestServer } from './helpers.js';

/** A raw HTTP/1.1 connection, so a test controls exactly which bytes go when. */
class RawConnection {
  private readonly socket: net.Socket;
  private buf = '';
  closed = false;
  private wakers: (() => void)[] = [];

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setEncoding('utf8');
    this.socket.on('data', (d: string) => {
      this.buf += d;
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => {});
  }

  private wake() {
    for (const w of this.wakers.splice(0)) w();
  }

  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(text, (err) => (err ? reject(err) : resolve())));
  }

  /** Waits for one whole response (Content-Length bodies only) and takes it from the buffer. */
  async response(ms = 5000): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [line, ...rest] = this.buf.slice(0, end).split('\r\n');
        const headers = Object.fromEntries(rest.map((h) => [h.slice(0, h.indexOf(':')).toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]));
        const length = Number(headers['content-length'] ?? 0);
        if (this.buf.length >= end + 4 + length) {
          const body = this.buf.slice(end + 4, end + 4 + length);
          this.buf = this.buf.slice(end + 4 + length);
          return { status: Number(line!.split(' ')[1]), headers, body };
        }
      }
      if (this.closed) throw new Error(`connection closed before a whole response: ${JSON.stringify(this.buf.slice(0, 300))}`);
      if (Date.now() > deadline) throw new Error(`no response: ${JSON.stringify(this.buf.slice(0, 300))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.wakers.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async untilClosed(ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection still open');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.wakers.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  destroy() {
    this.socket.destroy();
  }
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${PK}\r\n`;

/** Opens a kept-alive connection (one answered request on it) and starts the next request's headers on it. */
async function keptAliveWithRequestStarted(s: TestServer, path: string): Promise<RawConnection> {
  const conn = new RawConnection(s.port);
  await conn.write(`${get('/v1/health')}\r\n`);
  const first = await conn.response();
  assert.equal(first.status, 200);
  assert.equal(first.headers.connection, 'keep-alive');
  // The next request is on its way: its first header lines are in, the rest comes after the drain began.
  await conn.write(get(path));
  // Let the server read them (a connection mid-request is not idle, so the drain cannot just close it).
  await new Promise((r) => setTimeout(r, 200));
  return conn;
}

describe('shutdown', () => {
  test('a request on a kept-alive connection during shutdown gets 503 shutting_down with Connection: close, never a stream', async () => {
    const s = await startTestServer('shutdown_keepalive', { shutdownGraceSeconds: 5 });
    const topic = stockTopic('OK-10001', 'online');
    const forStream = await keptAliveWithRequestStarted(s, `/v1/events?topics=${topic}`);
    const forHealth = await keptAliveWithRequestStarted(s, '/v1/health');
    const closing = s.close();
    try {
      for (const conn of [forStream, forHealth]) {
        await conn.write('\r\n');
        const r = await conn.response();
        assert.equal(r.status, 503, r.body);
        assert.equal(JSON.parse(r.body).error.code, 'shutting_down');
        assert.equal(r.headers.connection, 'close');
        assert.equal(r.headers['retry-after'], '1');
        assert.doesNotMatch(r.headers['content-type'] ?? '', /event-stream/);
        await conn.untilClosed();
      }
      await closing;
    } finally {
      forStream.destroy();
      forHealth.destroy();
      await closing;
    }
  });

  test('every open stream ends, idle connections close, and close() resolves without force', async () => {
    const s = await startTestServer('shutdown_streams', { shutdownGraceSeconds: 30 });
    const clients = await Promise.all(Array.from({ length: 5 }, (_, i) =>
      SseClient.open(`${s.url}/v1/events?topics=${stockTopic(`OK-1000${i + 1}`, 'online')}`, { headers: { Authorization: `Bearer ${PK}` } })));
    const idle = new RawConnection(s.port);
    try {
      for (const c of clients) await c.next('stream.ready');
      await idle.write(`${get('/v1/health')}\r\n`);
      await idle.response();
      // With a 30 s grace, finishing within the test timeout means nothing waited for the grace.
      await s.close();
      for (const c of clients) await c.until(() => c.ended || undefined, 3000, 'stream end');
      await idle.untilClosed();
    } finally {
      for (const c of clients) c.close();
      idle.destroy();
    }
  });

  test('a request that never finishes is cut off after the grace period', async () => {
    const s = await startTestServer('shutdown_grace', { shutdownGraceSeconds: 0.3 });
    const stuck = new RawConnection(s.port);
    try {
      // Headers of a POST whose body never arrives: in flight, so not idle, until the grace ends.
      await stuck.write(`POST /v1/admin/stock/adjustments HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${SK}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"sku":');
      // Give the server the headers before it starts to stop.
      await new Promise((r) => setTimeout(r, 100));
      await s.close();
      await stuck.untilClosed(2000);
    } finally {
      stuck.destroy();
    }
  });

  test('a stream that opens after the streams were ended is refused with 503 shutting_down', async () => {
    const { StreamRegistry, openEventStream } = await import('../src/events/sse.js');
    const s = await startTestServer('shutdown_late_stream');
    try {
      const registry = new StreamRegistry();
      registry.closeAll();
      assert.throws(
        () => openEventStream(s.bus, registry, { topics: ['stock:OK-10001'], heartbeatMs: 1000, signal: new AbortController().signal }),
        (err: { code?: string; status?: number }) => err.code === 'shutting_down' && err.status === 503,
      );
    } finally {
      await s.close();
    }
  });
});
