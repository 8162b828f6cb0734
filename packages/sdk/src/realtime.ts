import { Availability, HEARTBEAT_SECONDS, MAX_TOPICS, topicAudience, type OmnikitEvent, type StockChangedEvent } from '@omnikit/contract/client';
import type { CartChangedEvent, OrderChangedEvent } from '@omnikit/contract';
import { CORE, type ClientLike } from './client-state.js';
import { OmnikitHttpError, type OmnikitError } from './errors.js';
import { httpError } from './transport.js';

/**
 * What a topic listener hears: an event of its topic; `resync` when events may have been
 * missed (a `stream.reset`, a polling round, a distrusted stream, a tab shown again, the slow
 * reconcile) and it should refetch; or `error` once when the server refused the stream (401,
 * 403: a wrong key or one without the scope), after which no event comes on this client. A
 * listener that subscribes after the refusal hears the `error` at once (in a microtask).
 */
export type RealtimeSignal = { type: 'event'; event: OmnikitEvent | CartChangedEvent | OrderChangedEvent } | { type: 'resync' } | { type: 'error'; error: OmnikitError };

/**
 * The client's event stream as a status display shows it (`omni.$connection`, e.g. a kiosk's
 * offline indicator). In a tab that shares another tab's stream it is that stream's state.
 */
export interface ConnectionState {
  /**
   * - `idle`: no stream is needed: nothing is watched, the client is closed, or the tab is
   *   hidden and shares a stream (it catches up when shown)
   * - `connecting`: the stream is being opened
   * - `open`: the stream is open and proves it is current (heartbeats)
   * - `offline`: the stream dropped or was distrusted; retrying with backoff
   * - `polling`: it failed repeatedly; watched data is re-read every `pollInterval` meanwhile
   * - `failed`: the server refused the stream (401 `unauthorized`, 403 `forbidden`), which
   *   retrying cannot mend: see `error`; this client does not ask again (a client with a
   *   correct key does)
   */
  status: RealtimeStatus;
  /** With `failed` (and in `idle` after it): the server's refusal, as an {@link OmnikitHttpError}. */
  error?: OmnikitError;
  /** When `status` last changed (ms since the epoch). */
  since: number;
  /** When the stream last proved alive: an event, a heartbeat or `stream.ready` (ms since the epoch). */
  lastEventAt?: number;
}

/** The `status` of {@link ConnectionState}. */
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'offline' | 'polling' | 'failed';

/** @internal */
export interface Realtime {
  subscribe(topic: string, listener: (signal: RealtimeSignal) => void): () => void;
  /** Topics of the current connection (none while another tab holds the stream). */
  readonly topics: readonly string[];
  close(): void;
}

/** Tunables of the stream (defaults suit browsers; tests shorten them). */
export interface RealtimeOptions {
  /** Wait after a watch/unwatch before reconnecting with the new topic list. Default 10 ms. */
  debounceMs?: number;
  /**
   * First reconnect delay; doubles per failure. Default 500 ms. For `backoffMaxMs` after a
   * stream that was open drops (a deploy restarts the server), the delay stays at most 4 times
   * this, so the stream is back within about 2 s of the server.
   */
  backoffBaseMs?: number;
  /** Longest reconnect delay. Default 30 s (60 s while polling). */
  backoffMaxMs?: number;
  /** Consecutive failures before polling starts. Default 3. */
  failuresBeforePolling?: number;
  /** No bytes (not even a heartbeat) for this long means a dead connection. Default 2.5 heartbeats. */
  idleTimeoutMs?: number;
  /** Polling period while the stream is down. Default: the client's `pollInterval`. */
  pollIntervalMs?: number;
  /** Least time between two reconnects for topic changes. Default 250 ms. */
  minReconnectIntervalMs?: number;
  /**
   * Re-read everything watched this often even while the stream looks healthy, so no failure
   * leaves shown data stale for longer. Default 300 000 (5 min); 0 turns it off.
   */
  reconcileIntervalMs?: number;
  /**
   * Share one stream among the tabs (and clients) of this origin with the same `baseUrl` and
   * key: one tab holds it under a Web Lock and relays its events over a BroadcastChannel; hidden
   * tabs hold none. Default: on in browsers that have both APIs, unless a `fetch` is injected.
   */
  shareAcrossTabs?: boolean;
}

/** Topic lists longer than this many characters go in a POST body instead of the URL. */
const MAX_GET_TOPICS_LENGTH = 1500;

/** A message between the tabs sharing a stream (short keys: it is on every page). */
interface TabMessage {
  /** From the holder (as every message of it, with `id` and `n` below): its connection state... */
  c?: ConnectionState;
  /** ...and, once the server refused the stream, why (the same key is refused in every tab). */
  x?: WireError;
  /** From the holder: a checked change event (`stock.changed`, `cart.changed`, `order.changed`)... */
  e?: ChangeEvent;
  /** ...or a resync for every topic; with the holder's Last-Event-ID and newest id. */
  r?: 1;
  id?: string;
  n?: number;
  /** From a new holder: announce your topics. */
  h?: 1;
  /** From another tab: the topics it watches now, and its id. */
  w?: string[];
  f?: string;
}

/** The events that carry a change to listeners of their topic. */
type ChangeEvent = StockChangedEvent | CartChangedEvent | OrderChangedEvent;

/** An error as it crosses a BroadcastChannel (structured cloning keeps no own fields of an Error). */
type WireError = Pick<OmnikitHttpError, 'code' | 'message' | 'status' | 'requestId'>;

/**
 * @internal The client's one Server-Sent Events connection, multiplexing every watched topic. Built on
 * `fetch` streaming (so headers can be sent, tests can inject a fetch, and Node works), with
 * `Last-Event-ID` resume, exponential backoff with jitter, and polling while the stream is down.
 * A stream is trusted only while its heartbeats come from the instance that opened it and are
 * not behind the newest event seen. In browsers the tabs of an origin share one stream.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRealtime(client: ClientLike): Realtime {
  const core = client[CORE];
  const options = core.realtimeOptions;
  const $conn = core.connection;
  const debounceMs = options.debounceMs ?? 10;
  const backoffBase = options.backoffBaseMs ?? 500;
  const backoffMax = options.backoffMaxMs ?? 30_000;
  const failuresBeforePolling = options.failuresBeforePolling ?? 3;
  const idleTimeout = options.idleTimeoutMs ?? HEARTBEAT_SECONDS * 2500;
  const pollInterval = options.pollIntervalMs ?? core.config.pollInterval;
  const minReconnectInterval = options.minReconnectIntervalMs ?? 250;
  const reconcileMs = options.reconcileIntervalMs ?? 300_000;
  const doc = globalThis.document as Document | undefined;
  const locks = globalThis.navigator?.locks;
  const share = !!(options.shareAcrossTabs && doc && locks && globalThis.BroadcastChannel);
  const name = `omnikit:${core.config.baseUrl}|${core.config.publishableKey}`;
  const bc = share ? new BroadcastChannel(name) : undefined;
  const me = String(Math.random());

  const listeners = new Map<string, Set<(s: RealtimeSignal) => void>>();
  /** Topics of the other tabs, by tab, while this client holds the shared stream. */
  const remote = new Map<string, string[]>();
  /** Whether this client runs the stream: always without sharing; with it, while it holds the lock. */
  let owner = !share;
  let lastConnectAt = 0;
  /** When recent reconnects for topic changes happened. */
  let churn: number[] = [];
  let connectedTopics: string[] = [];
  let controller: AbortController | undefined;
  let lastEventId: string | undefined;
  /** The newest numeric event id seen, and the instance the current stream's `stream.ready` named. */
  let newest = 0;
  let instance: string | undefined;
  let failures = 0;
  let syncTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let reconcileTimer: ReturnType<typeof setInterval> | undefined;
  let queued: AbortController | undefined;
  /** The connection that said `stream.ready` last. */
  let ready: AbortController | undefined;
  let release: (() => void) | undefined;
  let closed = false;
  /** The server's refusal (401/403): this client's stream is over. */
  let refused: OmnikitHttpError | undefined;
  /** When a stream that was open last dropped: reconnects stay quick for a while after. */
  let droppedAt = -Infinity;

  const visible = (): boolean => !share || doc!.visibilityState !== 'hidden';
  /** Tells the other tabs; the holder's messages carry where the stream is, and a refusal. */
  const post = (m: TabMessage): void => {
    if (owner) {
      m.id = lastEventId;
      m.n = newest;
      if (refused) {
        const { code, message, status, requestId } = refused;
        m.x = { code, message, status, requestId };
        m.c &&= { ...m.c, error: undefined };
      }
    }
    bc?.postMessage(m);
  };

  /** Sets the connection state (`alive`: the stream just proved it lives) and tells the other tabs. */
  function report(status: RealtimeStatus, alive?: boolean): void {
    const p = $conn.get();
    if (status === p.status && !alive) return;
    const c: ConnectionState = { ...p, status, since: status === p.status ? p.since : Date.now() };
    if (alive) c.lastEventAt = Date.now();
    // (A refused client keeps its error in `idle` too, when nothing is watched.)
    c.error = refused;
    $conn.set(c);
    if (owner) post({ c });
  }

  /** The server refused the stream: stop, say why on `$connection`, and tell every listener once. */
  function refuse(error: OmnikitHttpError): void {
    refused = error;
    disconnect();
    stopPolling();
    sync();
    for (const topic of [...listeners.keys()]) emit(topic, { type: 'error', error });
  }

  function seen(id: string | undefined, reset?: boolean): void {
    if (id !== undefined) lastEventId = id;
    const n = Number(id) || 0;
    // After a reset the server's position starts over (a new database, say): follow it down.
    if (n > newest || reset) newest = n;
  }

  function emit(topic: string, signal: RealtimeSignal): void {
    for (const l of [...(listeners.get(topic) ?? [])]) {
      try {
        l(signal);
      } catch (error) {
        console.error('[omnikit] a realtime listener threw', error);
      }
    }
  }

  function resyncAll(): void {
    for (const topic of [...listeners.keys()]) emit(topic, { type: 'resync' });
  }

  /** A resync of the stream's doing: here, and in the tabs that share it. */
  function resync(): void {
    resyncAll();
    post({ r: 1 });
  }

  function deliver(event: ChangeEvent): void {
    const signal: RealtimeSignal = { type: 'event', event };
    // `stock:{sku}@{store}` also reaches the listeners of `stock:{sku}`.
    for (const topic of topicAudience(event.topic)) emit(topic, signal);
  }

  /** Runs `sync` after `ms` (the debounce by default), replacing a pending run. */
  function syncIn(ms = debounceMs): void {
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => {
      syncTimer = undefined;
      sync();
    }, ms);
  }

  function scheduleSync(): void {
    if (!closed && !syncTimer) syncIn();
  }

  /**
   * Brings the connection in line with the topic set. Only new topics force a reconnect; topics
   * no longer watched stay on the open connection (their events are dropped here) until the next
   * reconnect, unless they pile up. Reconnects are spaced by `minReconnectIntervalMs` so widgets
   * that subscribe in waves (as their data arrives) cost one or two connections, not dozens.
   * A tab that does not hold the shared stream tells the holder its topics instead.
   */
  function sync(): void {
    const mine = visible() ? [...listeners.keys()] : [];
    if (refused) return report(mine.length ? 'failed' : 'idle');
    if (!owner) {
      post({ w: mine, f: me });
      if (!mine.length) report('idle');
      else if ($conn.get().status === 'idle') report('connecting');
      return;
    }
    // This client's topics first: beyond the server's limit, other tabs' are left to their
    // re-reads (only shown tabs count, so it takes many windows to get there).
    const topics = [...new Set([...mine, ...[...remote.values()].flat()])].slice(0, MAX_TOPICS).sort();
    if (topics.length === 0) {
      disconnect();
      stopPolling();
      report('idle');
      return;
    }
    // During a backoff wait the retry picks up whatever topics there are then.
    if (retryTimer) return;
    if (controller) {
      const open = new Set(connectedTopics);
      const missing = topics.some((t) => !open.has(t));
      const stale = connectedTopics.length - topics.filter((t) => open.has(t)).length;
      if (!missing && stale <= Math.max(50, topics.length)) return;
      // Spacing grows while topics keep changing (widgets subscribing in waves), up to 2 s;
      // Last-Event-ID makes the later join lossless for topics added meanwhile.
      const recent = churn.filter((at) => Date.now() - at < 5000);
      churn = recent;
      const spacing = Math.min(Math.max(minReconnectInterval, 2000), minReconnectInterval * 2 ** recent.length);
      const wait = lastConnectAt + spacing - Date.now();
      if (wait > 0) return syncIn(wait);
    }
    if (controller) churn.push(Date.now());
    connect(topics);
  }

  function disconnect(): void {
    const c = controller;
    controller = undefined;
    connectedTopics = [];
    clearTimeout(retryTimer);
    retryTimer = undefined;
    clearTimeout(idleTimer);
    idleTimer = undefined;
    c?.abort();
  }

  function connect(topics: string[]): void {
    disconnect();
    const ctrl = new AbortController();
    controller = ctrl;
    connectedTopics = topics;
    lastConnectAt = Date.now();
    if (!pollTimer) report(failures > 0 ? 'offline' : 'connecting');
    void run(ctrl, topics);
  }

  function armIdle(ctrl: AbortController): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => ctrl.abort(), idleTimeout);
  }

  async function run(ctrl: AbortController, topics: string[]): Promise<void> {
    const t = core.transport;
    // Only headers the server's CORS allows (no Cache-Control: `cache: 'no-store'` does that job).
    const headers: Record<string, string> = { ...t.headers(), Accept: 'text/event-stream' };
    // The first stream starts from the oldest answer read (the transport's floor), once.
    if (lastEventId === undefined && t.floor! >= 0) lastEventId = String(t.floor);
    t.floor = undefined;
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const joined = topics.join(',');
    const long = joined.length > MAX_GET_TOPICS_LENGTH;
    if (long) headers['Content-Type'] = 'application/json';
    const method = long ? 'POST' : 'GET';
    /** The server ended a stream that had opened (not an error, an abort or a watchdog). */
    let ended = false;
    try {
      armIdle(ctrl);
      const res = await t.fetch(t.url('/v1/events', long ? undefined : { topics: joined }), {
        method,
        headers,
        ...(long ? { body: JSON.stringify({ topics }) } : {}),
        signal: ctrl.signal,
        cache: 'no-store',
      });
      // The key is wrong or lacks the scope: asking again gets the same answer.
      if (res.status === 401 || res.status === 403) {
        const error = await httpError(res, `${method} /v1/events`);
        if (ctrl === controller && !closed) refuse(error);
        return;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        throw 0; // (control flow only: every other failure is handled alike below)
      }
      const parser = createSseParser((ev) => {
        if (ctrl === controller) dispatch(ev, ctrl);
      });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            // Only a stream that lived a while: one ended at once is a failure like any other.
            ended = ready === ctrl && Date.now() - lastConnectAt > backoffBase * 4;
            break;
          }
          if (ctrl !== controller) break;
          // Any bytes, a `: ping` comment of an older server too, prove the connection lives.
          armIdle(ctrl);
          parser.push(decoder.decode(value, { stream: true }));
        }
      } finally {
        reader.cancel().catch(() => undefined);
      }
      throw 0; // the stream ended
    } catch {
      // Replaced by a newer connection, or closed: nothing to recover.
      if (ctrl !== controller || closed) return;
      clearTimeout(idleTimer);
      idleTimer = undefined;
      controller = undefined;
      // An open stream that drops (its server stopping for a deploy, a proxy's time limit) is
      // likely back soon: reconnect after a short jittered wait, and keep the waits short (at
      // most 4 x base) while the server restarts; only a longer outage backs off fully.
      if (ready === ctrl) droppedAt = Date.now();
      if (!ended) failures++;
      if (failures >= failuresBeforePolling) startPolling();
      else report('offline');
      const cap = Date.now() - droppedAt < backoffMax ? backoffBase * 4 : pollTimer ? backoffMax * 2 : backoffMax;
      const r = Math.random();
      const delay = ended ? backoffBase * (0.1 + r * 0.2) : Math.min(cap, backoffBase * 2 ** (failures - 1)) * (0.5 + r * 0.5);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        sync();
      }, delay);
    }
  }

  function dispatch(raw: SseMessage, ctrl: AbortController): void {
    let json: unknown;
    try {
      json = JSON.parse(raw.data);
    } catch {
      seen(raw.id);
      return; // Not ours to understand; the stream goes on.
    }
    // Checked by hand down to what is used, with the contract's schema for the availability
    // record listeners receive: the whole OmnikitEvent union would add zod's union and literal
    // types to every browser bundle for control events that carry little we read.
    const event = json as { type?: string; topic?: unknown; data?: unknown; instance?: string; position?: number } | null;
    const type = event?.type as (OmnikitEvent | ChangeEvent)['type'] | undefined;
    seen(raw.id, type === 'stream.reset');
    switch (type) {
      case 'stream.ready': {
        // Polled data may be up to a period old; a resume covers events only from our last id.
        if (pollTimer && lastEventId === undefined) resync();
        failures = 0;
        ready = ctrl;
        instance = event!.instance;
        // Before any event, resume from where the server was: a reconnect or a hand-over to
        // another tab then loses nothing either.
        if (lastEventId === undefined && typeof event!.position === 'number') lastEventId = String(event!.position);
        stopPolling();
        report('open', true);
        break;
      }
      case 'stream.heartbeat':
        report('open', true);
        // A stream from another process than the one that said ready, or one that has not seen
        // events we have (a process left behind by a deploy, a bus that lost its feed), may be
        // missing events: re-read, and get a stream from whoever serves now.
        if ((instance !== undefined && event!.instance !== instance) || (event!.position as number) < newest) {
          resync();
          ctrl.abort();
        }
        break;
      case 'stream.reset':
        resync();
        break;
      // Cart and order notices carry only a version or status: their listeners re-read.
      case 'cart.changed':
      case 'order.changed':
      case 'stock.changed': {
        const data = type == 'stock.changed' ? Availability.safeParse(event!.data) : { success: !!event!.data, data: event!.data };
        if (typeof event!.topic !== 'string' || !data.success) break;
        const e = { ...(event as ChangeEvent), data: data.data } as ChangeEvent;
        report('open', true);
        deliver(e);
        post({ e });
      }
    }
  }

  function startPolling(): void {
    report('polling');
    if (pollTimer) return;
    resync();
    pollTimer = setInterval(resync, pollInterval);
  }

  function stopPolling(): void {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = undefined;
  }

  /** Shown: catch up and hold or follow the shared stream. Hidden: let go of it. */
  function onVisibility(): void {
    if (closed) return;
    if (visible()) {
      resyncAll();
      if (!owner && !queued) {
        const ac = (queued = new AbortController());
        locks!
          .request(name, { signal: ac.signal }, () => {
            queued = undefined;
            if (closed || !visible()) return;
            owner = true;
            remote.clear();
            post({ h: 1 });
            scheduleSync();
            // Held until this tab is hidden or closed; the browser passes it on when the tab goes.
            return new Promise<void>((r) => (release = r));
          })
          .catch(() => {
            // Refused, not withdrawn (an opaque origin, a sandboxed frame): hold a stream of our own.
            if (ac.signal.aborted || closed) return;
            queued = undefined;
            owner = true;
            scheduleSync();
          });
      }
    } else {
      queued?.abort();
      queued = undefined;
      if (owner) {
        owner = false;
        release?.();
        disconnect();
        stopPolling();
        remote.clear();
      }
    }
    scheduleSync();
  }

  // A successful API call while the stream is down (a poll, a widget's read) means the server is
  // back: reconnect now rather than at the end of the backoff wait (not within 4 x
  // minReconnectIntervalMs, 1 s, of the last attempt: a stream that fails where reads work
  // must not be asked again on every read).
  core.transport.up = () => {
    if (retryTimer && Date.now() - lastConnectAt > minReconnectInterval * 4) {
      clearTimeout(retryTimer);
      retryTimer = undefined;
      sync();
    }
  };

  if (bc) {
    bc.onmessage = ({ data: m }: MessageEvent<TabMessage>) => {
      if (owner) {
        if (m.w && m.f) {
          if (m.w.length) remote.set(m.f, m.w);
          else remote.delete(m.f);
          scheduleSync();
          post({ c: $conn.get() });
        }
        return;
      }
      // Where the stream is: this tab resumes from there if it takes the stream over.
      if (m.n !== undefined) {
        lastEventId = m.id;
        newest = m.n;
      }
      if (m.h) scheduleSync();
      if (m.x && !refused) refuse(new OmnikitHttpError(m.x.code, m.x.message, m.x));
      if (m.c && visible() && listeners.size) {
        if (refused) report('failed');
        else $conn.set(m.c);
      }
      if (m.r) resyncAll();
      if (m.e) deliver(m.e);
    };
    doc!.addEventListener('visibilitychange', onVisibility);
    onVisibility();
  }

  return {
    get topics() {
      return connectedTopics;
    },
    subscribe(topic, listener) {
      if (closed) return () => undefined;
      let set = listeners.get(topic);
      if (!set) {
        listeners.set(topic, (set = new Set()));
        scheduleSync();
      }
      set.add(listener);
      let active = true;
      if (refused) queueMicrotask(() => active && listener({ type: 'error', error: refused! }));
      // The slow reconcile: while anything is watched, and only in a tab that is shown.
      reconcileTimer ??= reconcileMs > 0 ? setInterval(() => visible() && resyncAll(), reconcileMs) : undefined;
      return () => {
        if (!active) return;
        active = false;
        const s = listeners.get(topic);
        if (!s) return;
        s.delete(listener);
        if (s.size === 0) {
          listeners.delete(topic);
          scheduleSync();
          if (!listeners.size) {
            clearInterval(reconcileTimer);
            reconcileTimer = undefined;
          }
        }
      };
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(syncTimer);
      syncTimer = undefined;
      clearInterval(reconcileTimer);
      listeners.clear();
      disconnect();
      stopPolling();
      queued?.abort();
      release?.();
      if (!owner) post({ w: [], f: me });
      bc?.close();
      doc?.removeEventListener('visibilitychange', onVisibility);
      owner = false;
      report('idle');
    },
  };
}

/** One Server-Sent Events message (its `event` field is not kept: the JSON's `type` says it). */
export interface SseMessage {
  id?: string;
  data: string;
}

/**
 * Incremental `text/event-stream` parser (WHATWG HTML §9.2): feed it text as it arrives.
 * Comments (`: ping`) and fields other than `data` and `id` are skipped.
 */
export function createSseParser(onMessage: (m: SseMessage) => void): { push(text: string): void } {
  let buffer = '';
  let data: string[] = [];
  let id: string | undefined;
  let sawId = false;
  const line = (l: string): void => {
    if (l === '') {
      if (data.length > 0) onMessage({ ...(sawId ? { id } : {}), data: data.join('\n') } as SseMessage);
      data = [];
      sawId = false;
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) {
      id = value;
      sawId = true;
    }
  };
  return {
    push(text) {
      // A trailing '\r' may be half of '\r\n': it stays in the unfinished last line.
      const lines = (buffer + text).split(/\r\n|\r(?!$)|\n/);
      buffer = lines.pop()!;
      lines.forEach(line);
    },
  };
}
