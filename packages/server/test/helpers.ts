// Shared test helpers: a server on PGlite (memory) or, in the PostgreSQL run, on its own schema.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ErrorEnvelope } from '@omnikit/contract';
import { startServer, type RunningServer, type ServerOptions } from '../src/index.js';

/** Set by scripts/test.mjs for the PostgreSQL run. */
export const PG_URL = process.env.OMNIKIT_TEST_DATABASE_URL;
export const onPostgres = Boolean(PG_URL);
export const PK = 'pk_test_omnikit_demo';
export const SK = 'sk_test_omnikit_demo';

export interface TestServer extends RunningServer {
  schema?: string;
  /** Calls the API: `key` defaults to the publishable key; `null` sends none. */
  call(path: string, init?: CallInit): Promise<Reply>;
}

export interface CallInit {
  method?: string;
  key?: string | null;
  body?: unknown;
  /** Raw body text (sent as is, with JSON content type unless headers say otherwise). */
  raw?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  json: any;
  text: string;
}

/** A fresh schema name for this process (PostgreSQL run). */
// A schema name is an SQL identifier: a label from a file name (`store-orders`) keeps only [a-z0-9_].
export const freshSchema = (label: string) => `omnikit_test_${label.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`;

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

/** Starts a server for one test file; PostgreSQL tests get a schema of their own, dropped on close. */
export async function startTestServer(label: string, options: ServerOptions = {}): Promise<TestServer> {
  const schema = onPostgres ? freshSchema(label) : undefined;
  const server = await startServer({
    port: 0,
    ...(onPostgres ? { databaseUrl: PG_URL, databaseSchema: schema } : { dataDir: 'memory' }),
    ...options,
  });
  const close = server.close;
  return {
    ...server,
    schema,
    close: async () => {
      await close();
      if (schema) await dropSchema(schema);
    },
    call: (path, init) => call(server.url, path, init),
  };
}

export async function call(base: string, path: string, init: CallInit = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? PK : init.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  let body: string | undefined;
  if (init.raw !== undefined || init.body !== undefined) {
    body = init.raw ?? JSON.stringify(init.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(base + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Parses a body with a contract schema, failing the test with the issues when it does not match. */
export function parseWith<T>(schema: { safeParse(v: unknown): { success: boolean; data?: T; error?: unknown } }, value: unknown): T {
  const r = schema.safeParse(value);
  assert.ok(r.success, `response does not match the contract: ${JSON.stringify((r.error as { issues?: unknown })?.issues ?? r.error)}`);
  return r.data as T;
}

/** Asserts an error response: status, code, the envelope shape, and the request id echoed. */
export function assertError(reply: Reply, status: number, code: string): NonNullable<ErrorEnvelope['error']> {
  assert.equal(reply.status, status, `expected ${status} ${code}, got ${reply.status}: ${reply.text.slice(0, 300)}`);
  const env = parseWith(ErrorEnvelope, reply.json);
  assert.equal(env.error.code, code);
  assert.equal(env.error.requestId, reply.headers.get('x-request-id'));
  assert.ok(!/\bat .+:\d+:\d+/.test(reply.text), 'no stack trace in an error body');
  return env.error;
}

/** One Server-Sent Event as received. */
export interface SseEvent {
  id?: string;
  event: string;
  data: any;
}

/** A small SSE reader over fetch that records events and comments. */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  status = 0;
  private readonly ac = new AbortController();
  private waiters: (() => void)[] = [];
  ended = false;

  static async open(url: string, init: { headers?: Record<string, string>; method?: string; body?: string } = {}): Promise<SseClient> {
    const c = new SseClient();
    const res = await fetch(url, { ...init, signal: c.ac.signal });
    c.status = res.status;
    if (!res.ok || !res.body) {
      c.ended = true;
      (c as { errorBody?: string }).errorBody = await res.text();
      return c;
    }
    void c.read(res.body);
    return c;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      const reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const frame = buf.slice(0, i);
          buf = buf.slice(i + 2);
          this.frame(frame);
        }
      }
    } catch {
      // aborted
    }
    this.ended = true;
    this.wake();
  }

  private frame(frame: string) {
    const e: Partial<SseEvent> & { dataLines: string[] } = { dataLines: [] };
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) e.id = line.slice(4);
      else if (line.startsWith('event: ')) e.event = line.slice(7);
      else if (line.startsWith('data: ')) e.dataLines.push(line.slice(6));
    }
    if (e.event || e.dataLines.length) {
      this.events.push({ id: e.id, event: e.event ?? 'message', data: JSON.parse(e.dataLines.join('\n')) });
    }
    this.wake();
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Waits until `check` returns a value (re-checked on every frame), or fails after `ms`. */
  async until<T>(check: () => T | undefined | false, ms = 5000, what = 'event'): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const v = check();
      if (v) return v;
      if (this.ended) throw new Error(`stream ended while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => [e.id, e.event]))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the first event of a type (after `afterIndex`). */
  next(type: string, ms?: number, afterIndex = 0): Promise<SseEvent> {
    return this.until(() => this.events.slice(afterIndex).find((e) => e.event === type), ms, type);
  }

  stockEvents(): SseEvent[] {
    return this.events.filter((e) => e.event === 'stock.changed');
  }

  close() {
    this.ac.abort();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
