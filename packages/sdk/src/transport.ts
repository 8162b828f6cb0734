import ky, { HTTPError, TimeoutError } from 'ky';
import {
  CHANNEL_HEADER,
  ErrorEnvelope,
  EVENT_POSITION_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  REQUEST_ID_HEADER,
  buildPath,
  type ErrorCode,
  type RouteDef,
} from '@omnikit/contract/client';
import {
  OmnikitAbortError,
  OmnikitError,
  OmnikitHttpError,
  OmnikitNetworkError,
  OmnikitTimeoutError,
  OmnikitResponseError,
  type OmnikitErrorInit,
} from './errors.js';

/** The `fetch` the SDK calls; inject one for tests or custom networking. */
export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/** What the transport needs to know; resolved from the client options. */
export interface TransportConfig {
  baseUrl: string;
  /** Publishable or secret key, sent as `Authorization: Bearer`. */
  key: string;
  channel?: string;
  locale?: string;
  /** Per attempt, in ms. */
  timeout: number;
  /** Most retries of a retriable request. */
  retry: number;
  fetch?: FetchLike;
}

/** Per-call options every resource function accepts. */
export interface CallOptions {
  /** Cancels the call; the promise then rejects with code `aborted`. */
  signal?: AbortSignal;
  /** For mutations: reuse your own key to make a retry across processes safe. Default: a new UUID per call, kept across the SDK's retries. */
  idempotencyKey?: string;
}

/** @internal Input of one route call. */
export interface RouteInput {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** Headers of this call (a cart's secret, `If-Match`). */
  headers?: Record<string, string>;
  /**
   * Set by the transport to the successful answer's status and request id, for an error the
   * caller derives from that answer (a key a batched read's answer left out).
   */
  answer?: OmnikitErrorInit;
}

/** @internal Output type of a route's response schema (zod's `_zod.output`), without importing zod here. */
export type RouteOutput<R> = R extends { response: { _zod: { output: infer O } } } ? O : never;

/** @internal */
export interface Transport {
  readonly config: TransportConfig;
  call<R extends RouteDef>(route: R, input?: RouteInput, options?: CallOptions): Promise<RouteOutput<R>>;
  /** Absolute (or base-relative) URL of a path with a query string. */
  url(path: string, query?: Record<string, string>): string;
  /** Headers every request carries (auth, channel, language). */
  headers(): Record<string, string>;
  /** The raw fetch, for streams that must bypass ky's timeout. */
  fetch: FetchLike;
  /** Called after each successful call: the event stream uses it to reconnect at once when the API answers again. */
  up?: () => void;
  /**
   * The lowest event position of the answers read so far (their `Omnikit-Event-Position`): the
   * first event stream resumes from it, so a change made between a read and the stream's start
   * is delivered, not lost.
   */
  floor?: number;
}

const RETRY_STATUS = [408, 429, 500, 502, 503, 504];

/** @internal The HTTP layer of one client: ky with the SDK's headers, retries and error mapping. */
/* @__NO_SIDE_EFFECTS__ */
export function createTransport(config: TransportConfig): Transport {
  const base = config.baseUrl.replace(/\/+$/, '');
  const fetchImpl: FetchLike = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = { Authorization: `Bearer ${config.key}` };
    if (config.channel) h[CHANNEL_HEADER] = config.channel;
    if (config.locale) h['Accept-Language'] = config.locale;
    return h;
  };
  const api = ky.create({
    // An empty base means "same origin": paths then stay absolute ('/v1/...').
    ...(base ? { prefixUrl: base } : {}),
    timeout: config.timeout,
    throwHttpErrors: true,
    fetch: fetchImpl as typeof globalThis.fetch,
  });

  function url(path: string, query?: Record<string, string>): string {
    const qs = new URLSearchParams(query).toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }

  async function call<R extends RouteDef>(route: R, input: RouteInput = {}, options: CallOptions = {}): Promise<RouteOutput<R>> {
    const path = buildPath(route.path, input.params);
    const what = `${route.method} ${path}`;
    const mutation = route.method !== 'GET';
    const h: Record<string, string> = { ...headers(), Accept: 'application/json', ...input.headers };
    // One key per call, created before the first attempt so every retry carries the same one.
    const idempotencyKey = mutation && route.idempotent ? (options.idempotencyKey ?? randomId()) : undefined;
    if (idempotencyKey) h[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
    const searchParams: Record<string, string> = {};
    for (const [k, v] of Object.entries(input.query ?? {})) {
      if (v === undefined) continue;
      searchParams[k] = Array.isArray(v) ? v.join(',') : String(v);
    }
    const methods = ['get', 'head'];
    if (idempotencyKey) methods.push(route.method.toLowerCase());
    let response: Response;
    try {
      response = await api(base ? path.slice(1) : path, {
        method: route.method,
        headers: h,
        searchParams,
        // (ky skips a `json` or `signal` that is undefined.)
        json: input.body,
        signal: options.signal,
        retry: {
          limit: config.retry,
          methods,
          statusCodes: RETRY_STATUS,
          afterStatusCodes: [429, 503],
          maxRetryAfter: 30_000,
          backoffLimit: 10_000,
          jitter: (d: number) => d * (0.5 + Math.random() * 0.5),
        },
      });
    } catch (error) {
      throw await toOmnikitError(error, options.signal, what);
    }
    const position = Number(response.headers.get(EVENT_POSITION_HEADER) ?? NaN);
    if (!(position >= t.floor!) && position >= 0) t.floor = position;
    t.up?.();
    return parseResponse(route, response, what, input) as Promise<RouteOutput<R>>;
  }

  const t: Transport = { config, call, url, headers, fetch: fetchImpl };
  return t;
}

async function parseResponse(route: RouteDef, response: Response, what: string, input: RouteInput): Promise<unknown> {
  const init = (input.answer = { status: response.status, requestId: response.headers.get(REQUEST_ID_HEADER) ?? undefined });
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    throw new OmnikitNetworkError(`${what}: the response body could not be read`, { ...init, cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new OmnikitResponseError(`${what}: the response is not JSON`, { ...init, cause });
  }
  if (!route.response) return json;
  const parsed = route.response.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    throw new OmnikitResponseError(`${what}: the response does not match the contract (${issues[0]?.path || 'root'}: ${issues[0]?.message ?? 'invalid'})`, {
      ...init,
      details: { issues },
    });
  }
  return parsed.data;
}

/** Turns whatever ky or fetch threw into an {@link OmnikitError}. */
async function toOmnikitError(error: unknown, signal: AbortSignal | undefined, what: string): Promise<OmnikitError> {
  if (error instanceof OmnikitError) return error;
  // (ky's HTTPError and TimeoutError are not named AbortError, so the order does not matter.)
  if (signal?.aborted || (error as { name?: unknown } | null)?.name === 'AbortError') return new OmnikitAbortError(`${what} was aborted`, { cause: error });
  if (error instanceof HTTPError) return httpError(error.response, what);
  if (error instanceof TimeoutError) return new OmnikitTimeoutError(`${what} timed out`, { cause: error });
  return new OmnikitNetworkError(`${what} failed: ${reasonOf(error)}`, { cause: error });
}

/**
 * The reason a request failed, with what the platform keeps underneath: Node's fetch throws
 * "fetch failed" and puts `ECONNREFUSED 127.0.0.1:59999` in `cause`, which is what a reader needs.
 */
function reasonOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const message = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: unknown }).code;
    const text = typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message;
    if (text && !parts.includes(text)) parts.push(text);
  }
  return parts.join(': ') || 'unknown error';
}

/**
 * @internal An error response as an {@link OmnikitHttpError}: the server's code, message and
 * request id from its error envelope, or `http_error` when the body is not one.
 */
export async function httpError(res: Response, what: string): Promise<OmnikitHttpError> {
  const headerId = res.headers.get(REQUEST_ID_HEADER) ?? undefined;
  let body: unknown;
  try {
    body = JSON.parse(await res.text());
  } catch {
    // Not JSON, or the body is gone (connection dropped): the status alone still says what happened.
  }
  const env = ErrorEnvelope.safeParse(body);
  const e = env.success ? env.data.error : undefined;
  return new OmnikitHttpError((e?.code ?? 'http_error') as ErrorCode, e?.message ?? `${what} failed with HTTP ${res.status}`, {
    status: res.status,
    requestId: e?.requestId || headerId,
    details: e?.details,
  });
}

/**
 * A random (version 4) UUID. From `crypto.getRandomValues`, which, unlike `crypto.randomUUID`,
 * pages that are not a secure context (a kiosk on plain http) have too; so do Node 20+ and
 * every browser the SDK supports.
 */
export function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => (x | 256).toString(16).slice(1)).join('');
  return hex.replace(/(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
}
