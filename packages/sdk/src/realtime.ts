import { Availability, HEARTBEAT_SECONDS, topicAudience, type OmnikitEvent, type StockChangedEvent } from '@omnikit/contract';
import { CORE, type ClientLike } from './client-state.js';

/**
 * What a topic listener hears: an event of its topic, or `resync` when events may have been
 * missed (a `stream.reset`, a polling round while the stream is down) and it should refetch.
 */
export type RealtimeSignal = { type: 'event'; event: OmnikitEvent } | { type: 'resync' };

/** State of the client's event stream, for status displays (e.g. a kiosk's offline indicator). */
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'polling' | 'closed';

/** @internal */
export interface Realtime {
  subscribe(topic: string, listener: (signal: RealtimeSignal) => void): () => void;
  readonly status: RealtimeStatus;
  /** Topics of the current connection. */
  readonly topics: readonly string[];
  close(): void;
}

/** Tunables of the stream (defaults suit browsers; tests shorten them). */
export interface RealtimeOptions {
  /** Wait after a watch/unwatch before reconnecting with the new topic list. Default 10 ms. */
  debounceMs?: number;
  /** First reconnect delay; doubles per failure. Default 500 ms. */
  backoffBaseMs?: number;
  /** Longest reconnect delay. Default 30 s (60 s while polling). */
  backoffMaxMs?: number;
  /** Consecutive failures before polling starts. Default 3. */
  failuresBeforePolling?: number;
  /** No bytes (not even the `: ping` heartbeat) for this long means a dead connection. Default 2.5 heartbeats. */
  idleTimeoutMs?: number;
  /** Polling period while the stream is down. Default: the client's `pollInterval`. */
  pollIntervalMs?: number;
  /** Least time between two reconnects for topic changes. Default 250 ms. */
  minReconnectIntervalMs?: number;
}

/** Topic lists longer than this many characters go in a POST body instead of the URL. */
const MAX_GET_TOPICS_LENGTH = 1500;

/**
 * The client's one Server-Sent Events connection, multiplexing every watched topic. Built on
 * `fetch` streaming (so headers can be sent, tests can inject a fetch, and Node works), with
 * `Last-Event-ID` resume, exponential backoff with jitter, and polling while the stream is down.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createRealtime(client: ClientLike): Realtime {
  const core = client[CORE];
  const options = core.realtimeOptions;
  const debounceMs = options.debounceMs ?? 10;
  const backoffBase = options.backoffBaseMs ?? 500;
  const backoffMax = options.backoffMaxMs ?? 30_000;
  const failuresBeforePolling = options.failuresBeforePolling ?? 3;
  const idleTimeout = options.idleTimeoutMs ?? HEARTBEAT_SECONDS * 2500;
  const pollInterval = options.pollIntervalMs ?? core.config.pollInterval;
  const minReconnectInterval = options.minReconnectIntervalMs ?? 250;

  const listeners = new Map<string, Set<(s: RealtimeSignal) => void>>();
  let status: RealtimeStatus = 'idle';
  let lastConnectAt = 0;
  /** When recent reconnects for topic changes happened. */
  let churn: number[] = [];
  let connectedTopics: string[] = [];
  let controller: AbortController | undefined;
  let lastEventId: string | undefined;
  let failures = 0;
  let syncTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let closed = false;

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

  function scheduleSync(): void {
    if (closed || syncTimer) return;
    syncTimer = setTimeout(() => {
      syncTimer = undefined;
      sync();
    }, debounceMs);
  }

  /**
   * Brings the connection in line with the topic set. Only new topics force a reconnect; topics
   * no longer watched stay on the open connection (their events are dropped here) until the next
   * reconnect, unless they pile up. Reconnects are spaced by `minReconnectIntervalMs` so widgets
   * that subscribe in waves (as their data arrives) cost one or two connections, not dozens.
   */
  function sync(): void {
    const topics = [...listeners.keys()].sort();
    if (topics.length === 0) {
      disconnect();
      stopPolling();
      status = 'idle';
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
      if (wait > 0) {
        clearTimeout(syncTimer);
        syncTimer = setTimeout(() => {
          syncTimer = undefined;
          sync();
        }, wait);
        return;
      }
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
    if (status !== 'polling') status = failures > 0 ? 'reconnecting' : 'connecting';
    void run(ctrl, topics);
  }

  function armIdle(ctrl: AbortController): void {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => ctrl.abort(new Error('event stream idle')), idleTimeout);
  }

  async function run(ctrl: AbortController, topics: string[]): Promise<void> {
    const t = core.transport;
    // Only headers the server's CORS allows (no Cache-Control: `cache: 'no-store'` does that job).
    const headers: Record<string, string> = { ...t.headers(), Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const joined = topics.join(',');
    const long = joined.length > MAX_GET_TOPICS_LENGTH;
    if (long) headers['Content-Type'] = 'application/json';
    try {
      armIdle(ctrl);
      const res = await t.fetch(long ? t.url('/v1/events') : t.url('/v1/events', { topics: joined }), {
        method: long ? 'POST' : 'GET',
        headers,
        ...(long ? { body: JSON.stringify({ topics }) } : {}),
        signal: ctrl.signal,
        cache: 'no-store',
      });
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        throw new Error(`event stream answered HTTP ${res.status}`);
      }
      const parser = createSseParser((ev) => {
        if (ctrl === controller) dispatch(ev);
      });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (ctrl !== controller) break;
          armIdle(ctrl);
          parser.push(decoder.decode(value, { stream: true }));
        }
      } finally {
        reader.cancel().catch(() => undefined);
      }
      throw new Error('event stream ended');
    } catch {
      // Replaced by a newer connection, or closed: nothing to recover.
      if (ctrl !== controller || closed) return;
      clearTimeout(idleTimer);
      idleTimer = undefined;
      failures++;
      controller = undefined;
      if (failures >= failuresBeforePolling) startPolling();
      else status = 'reconnecting';
      const cap = pollTimer ? backoffMax * 2 : backoffMax;
      const delay = Math.min(cap, backoffBase * 2 ** (failures - 1)) * (0.5 + Math.random() * 0.5);
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (closed) return;
        const current = [...listeners.keys()].sort();
        if (current.length === 0) return sync();
        connect(current);
      }, delay);
    }
  }

  function dispatch(raw: SseMessage): void {
    if (raw.id !== undefined) lastEventId = raw.id;
    let json: unknown;
    try {
      json = JSON.parse(raw.data);
    } catch {
      return; // Not ours to understand; the stream goes on.
    }
    // Checked by hand down to what is used, with the contract's schema for the availability
    // record listeners receive: the whole OmnikitEvent union would add zod's union and literal
    // types to every browser bundle for two control events that carry nothing we read.
    const event = json as Partial<StockChangedEvent> | null;
    switch (event?.type as OmnikitEvent['type'] | undefined) {
      case 'stream.ready': {
        const wasPolling = pollTimer !== undefined;
        failures = 0;
        stopPolling();
        status = 'open';
        // Polled data may be up to a period old; the resume covers events only from our last id.
        if (wasPolling && lastEventId === undefined) resyncAll();
        break;
      }
      case 'stream.reset':
        resyncAll();
        break;
      case 'stock.changed': {
        const data = Availability.safeParse(event!.data);
        if (typeof event!.topic !== 'string' || !data.success) break;
        const signal: RealtimeSignal = { type: 'event', event: { ...(event as StockChangedEvent), data: data.data } };
        // `stock:{sku}@{store}` also reaches the listeners of `stock:{sku}`.
        for (const topic of topicAudience(event!.topic)) emit(topic, signal);
      }
    }
  }

  function startPolling(): void {
    status = 'polling';
    if (pollTimer) return;
    resyncAll();
    pollTimer = setInterval(resyncAll, pollInterval);
  }

  function stopPolling(): void {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = undefined;
  }

  return {
    get status() {
      return status;
    },
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
      return () => {
        if (!active) return;
        active = false;
        const s = listeners.get(topic);
        if (!s) return;
        s.delete(listener);
        if (s.size === 0) {
          listeners.delete(topic);
          scheduleSync();
        }
      };
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(syncTimer);
      syncTimer = undefined;
      listeners.clear();
      disconnect();
      stopPolling();
      status = 'closed';
    },
  };
}

/** One Server-Sent Events message. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/**
 * Incremental `text/event-stream` parser (WHATWG HTML §9.2): feed it text as it arrives.
 * Comments (`: ping`) are skipped; `id` persists as the spec says.
 */
export function createSseParser(onMessage: (m: SseMessage) => void): { push(text: string): void } {
  let buffer = '';
  let data: string[] = [];
  let event = '';
  let id: string | undefined;
  let sawId = false;
  const line = (l: string): void => {
    if (l === '') {
      if (data.length > 0) onMessage({ ...(sawId ? { id } : {}), event: event || 'message', data: data.join('\n') } as SseMessage);
      data = [];
      event = '';
      sawId = false;
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) {
      id = value;
      sawId = true;
    }
  };
  return {
    push(text) {
      buffer += text;
      // A trailing '\r' may be half of '\r\n': keep it for the next chunk.
      const re = /\r\n|\r(?!$)|\n/g;
      let start = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(buffer))) {
        line(buffer.slice(start, m.index));
        start = m.index + m[0].length;
      }
      buffer = buffer.slice(start);
    },
  };
}
