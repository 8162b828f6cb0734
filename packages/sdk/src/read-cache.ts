/**
 * @internal A small keyed cache with a freshness window (TTL) and a longer stale window in which a value
 * is still served while it is revalidated. Listeners per key hear every change of value, from
 * whichever source: a batched fetch, a realtime event, a polling round.
 */
export interface CacheOptions<V> {
  /** Milliseconds a value counts as fresh. */
  ttl: number;
  /** Milliseconds after `ttl` during which a stale value is still returned (and revalidated). */
  staleTtl: number;
  /** Most entries kept; the oldest without listeners go first. */
  maxEntries?: number;
  /** True when `next` should replace `prev` (e.g. it is not older). Default: always. */
  accept?: (next: V, prev: V) => boolean;
  /** Same value for listeners' purposes. Default: JSON equality. */
  equal?: (a: V, b: V) => boolean;
  /** Clock, for tests. */
  now?: () => number;
}

/** @internal */
export interface CacheHit<V> {
  value: V;
  /** Within the TTL. A hit that is not fresh is stale-but-usable. */
  fresh: boolean;
}

/** @internal */
export interface Cache<V> {
  /** The value if it is fresh or within the stale window. */
  peek(key: string): CacheHit<V> | undefined;
  /** Stores `value` (unless `accept` refuses it) and returns the value now held. */
  set(key: string, value: V): V;
  subscribe(key: string, listener: (value: V) => void): () => void;
  readonly size: number;
}

/** @internal */
/* @__NO_SIDE_EFFECTS__ */
export function createCache<V>(options: CacheOptions<V>): Cache<V> {
  const now = options.now ?? Date.now;
  const max = options.maxEntries ?? 5000;
  const equal = options.equal ?? ((a: V, b: V) => JSON.stringify(a) === JSON.stringify(b));
  const entries = new Map<string, { value: V; at: number }>();
  const listeners = new Map<string, Set<(value: V) => void>>();

  function evict(): void {
    for (const key of entries.keys()) {
      if (entries.size <= max) return;
      if (!listeners.has(key)) entries.delete(key);
    }
  }

  return {
    get size() {
      return entries.size;
    },
    peek(key) {
      const e = entries.get(key);
      if (!e) return undefined;
      const age = now() - e.at;
      if (age > options.ttl + options.staleTtl) return undefined;
      return { value: e.value, fresh: age <= options.ttl };
    },
    set(key, value) {
      const prev = entries.get(key);
      if (prev && options.accept && !options.accept(value, prev.value)) {
        // Refused as older: what we hold was still confirmed just now.
        prev.at = now();
        return prev.value;
      }
      entries.delete(key); // re-insert so Map order approximates recency
      entries.set(key, { value, at: now() });
      if (entries.size > max) evict();
      if (!prev || !equal(prev.value, value)) {
        for (const l of [...(listeners.get(key) ?? [])]) {
          try {
            l(value);
          } catch (error) {
            // A failing listener must not stop the others or the caller, nor throw into the page.
            console.error('[omnikit] a listener threw', error);
          }
        }
      }
      return value;
    },
    subscribe(key, listener) {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(listener);
      return () => {
        const s = listeners.get(key);
        if (!s) return;
        s.delete(listener);
        if (s.size === 0) listeners.delete(key);
      };
    },
  };
}
