import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Connects a Lit element to a nanostore, modeled on `nanostores/lit`'s StoreController:
 * subscribes in `hostConnected`, unsubscribes in `hostDisconnected`, and requests an update on
 * every change. The store comes from a getter that is re-read in `hostUpdate` (after the host's
 * `willUpdate`, before its `update`), so when the element's inputs change (another SKU, store or
 * client) it moves to the new store instance. Lazy SDK stores start fetching on their first
 * listener and stop after the last. Derive from `value` in `update()` (before `super.update`)
 * or `render()`, where it already follows the element's inputs.
 */
export class StoreController<T> implements ReactiveController {
  private store: ReadableAtom<T> | undefined;
  private unsubscribe: (() => void) | undefined;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly select: () => ReadableAtom<T> | undefined,
  ) {
    host.addController(this);
  }

  /**
   * The current value of the store selected at the last `hostUpdate` (or connect), or
   * `undefined` while there is none. Reading it has no side effects: it neither re-selects nor
   * mounts a store (`value`, not `get()`, which mounts a store without listeners). Server-side
   * rendering, which has no connect or update to select it, reads otherwise (`ssr/render.ts`).
   */
  get value(): T | undefined {
    return this.store?.value;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
    // The store may have moved on while the host was detached.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  hostUpdate(): void {
    this.sync();
  }

  private sync(): void {
    const next = this.select();
    if (next === this.store && (this.unsubscribe || !next)) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.store = next;
    // `listen` (not `subscribe`): the render that follows reads `value` itself.
    if (next && this.connected) this.unsubscribe = next.listen(() => this.host.requestUpdate());
  }
}
