import { onMount, atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError, isOmnikitError } from '../errors.js';

/** State of remote data, as widgets render it. */
export type Remote<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: OmnikitError };

/** Any failure as an {@link OmnikitError} (a bug surfaces as `internal_error`). */
export function asOmnikitError(error: unknown): OmnikitError {
  if (isOmnikitError(error)) return error;
  return new OmnikitError('internal_error', error instanceof Error ? error.message : String(error), { cause: error });
}

// Inside these stores `$store.value`, not `$store.get()`: while a store is starting it has no
// listener counted yet, and `get()` on a store without listeners mounts and unmounts it, which
// costs a timer per store (nanostores' unmount delay) on every widget's first render.

/** @internal Anything with a current value and a setter: a store, or a plain holder. */
export interface Cell<T> {
  readonly value: T | undefined;
  set(value: T): void;
}

/** @internal Sets `ready` unless the store already shows the same data (no duplicate renders). */
export function setReady<T>($store: Cell<Remote<T>>, data: T): void {
  const cur = $store.value;
  if (cur?.status === 'ready' && (cur.data === data || JSON.stringify(cur.data) === JSON.stringify(data))) return;
  $store.set({ status: 'ready', data });
}

const registries = new WeakMap<object, Map<string, ReadableAtom<unknown>>>();

/**
 * @internal One store per client and key: created on first ask with `initial`, started by its
 * first subscriber (`start` returns the cleanup), forgotten after its last one leaves.
 */
export function sharedStore<T>(
  client: ClientLike,
  key: string,
  initial: T,
  start: ($store: WritableAtom<T>) => () => void,
): ReadableAtom<T> {
  const core = client[CORE];
  let registry = registries.get(core);
  if (!registry) registries.set(core, (registry = new Map()));
  const existing = registry.get(key);
  if (existing) return existing as ReadableAtom<T>;
  const $store = atom<T>(initial);
  onMount($store, () => {
    const stop = start($store);
    return () => {
      stop();
      if (registry.get(key) === $store) registry.delete(key);
    };
  });
  registry.set(key, $store);
  return $store;
}

/**
 * @internal A {@link sharedStore} of remote data: `loading` until `start` sets it, an error
 * thrown by `start` becomes the `error` state, and a store that failed starts over as `loading`.
 */
export function remoteStore<T>(
  client: ClientLike,
  key: string,
  start: ($store: WritableAtom<Remote<T>>) => () => void,
): ReadableAtom<Remote<T>> {
  return sharedStore<Remote<T>>(client, key, { status: 'loading' }, ($store) => {
    if ($store.value?.status === 'error') $store.set({ status: 'loading' });
    try {
      return start($store);
    } catch (error) {
      $store.set({ status: 'error', error: asOmnikitError(error) });
      return () => undefined;
    }
  });
}
