import { OmnikitResponseError } from './errors.js';

/**
 * @internal Coalesces loads: every `load(key)` made in the same task is handed to `loadMany` as one list
 * (the caller's loader chunks it into requests), and a key already being loaded shares the
 * pending promise instead of asking again.
 */
export interface BatcherOptions<K> {
  keyOf: (key: K) => string;
  /**
   * Loads many keys; the map holds a value or an Error per key string. The loader answers every
   * key (it knows which request left one out); a key missing anyway rejects with `invalid_response`.
   */
  loadMany: (keys: K[]) => Promise<Map<string, unknown>>;
}

/** @internal */
export interface Batcher<K, V> {
  load(key: K): Promise<V>;
}

interface Pending<V> {
  promise: Promise<V>;
  resolve: (v: V) => void;
  reject: (e: unknown) => void;
}

/** @internal */
/* @__NO_SIDE_EFFECTS__ */
export function createBatcher<K, V>(options: BatcherOptions<K>): Batcher<K, V> {
  let queue = new Map<string, K>();
  const inflight = new Map<string, Pending<V>>();
  let scheduled = false;

  async function flush(): Promise<void> {
    scheduled = false;
    const batch = queue;
    queue = new Map();
    let results: Map<string, unknown>;
    try {
      results = await options.loadMany([...batch.values()]);
    } catch (error) {
      for (const k of batch.keys()) settle(k, undefined, error);
      return;
    }
    for (const k of batch.keys()) {
      if (!results.has(k)) settle(k, undefined, new OmnikitResponseError(`The answer left out ${k}`));
      else {
        const v = results.get(k);
        if (v instanceof Error) settle(k, undefined, v);
        else settle(k, v as V);
      }
    }
  }

  function settle(k: string, value: V | undefined, error?: unknown): void {
    const p = inflight.get(k);
    if (!p) return;
    inflight.delete(k);
    if (error !== undefined) p.reject(error);
    else p.resolve(value as V);
  }

  return {
    load(key) {
      const k = options.keyOf(key);
      const existing = inflight.get(k);
      if (existing) return existing.promise;
      let resolve!: (v: V) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<V>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      inflight.set(k, { promise, resolve, reject });
      queue.set(k, key);
      if (!scheduled) {
        scheduled = true;
        // A macrotask, not a microtask: it also gathers calls made after an `await` in the same
        // task, which is how components rendering in one frame tend to call.
        setTimeout(() => void flush(), 0);
      }
      return promise;
    },
  };
}

/** @internal Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
