import { LocationId } from '@omnikit/contract/client';
import type { ReadableAtom, WritableAtom } from 'nanostores';
import { OmnikitError } from './errors.js';
import { CORE, closeCore, createCore, type ClientLike, type ClientOptions, type ResolvedConfig } from './client-state.js';
import { createSelectedStore } from './stores/selected-store.js';
import type { ConnectionState } from './realtime.js';

export { CORE, type ClientLike, type ClientOptions, type ResolvedConfig, type ConnectionState };

/**
 * The smallest client: config, selected store, close. Resource functions
 * (`getAvailability(client, q)` ...) take it, so a bundle carries only what it calls.
 */
export interface BaseClient extends ClientLike {
  /** The options the client runs with (read-only). */
  readonly config: ResolvedConfig;
  /** The shopper's chosen store id, shared by every widget and remembered in storage key `omnikit:store`. */
  readonly $selectedStore: WritableAtom<string | undefined>;
  /**
   * The event stream's state for status displays (a kiosk's offline indicator, a "live" dot):
   * `{ status: 'idle' | 'connecting' | 'open' | 'offline' | 'polling' | 'failed', since, lastEventAt?, error? }`
   * (see {@link ConnectionState}); `failed` with `error` when the server refused the stream (a
   * wrong key). In a tab that shares another tab's stream it is that stream's state; `idle` while
   * nothing is watched or the tab is hidden.
   */
  readonly $connection: ReadableAtom<ConnectionState>;
  /** Chooses a store (or none). Throws `validation_failed` for a malformed id. */
  selectStore(storeId: string | undefined): void;
  /** Ends the event stream, timers and pending polls so a Node process can exit. Further watches are ignored. */
  close(): void;
}

/**
 * Creates the smallest client (no namespaces): use it with the resource functions when bundle
 * size matters, as the widgets do.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createBaseClient(options: ClientOptions): BaseClient {
  const core = createCore(options.publishableKey, options);
  if (options.publishableKey.startsWith('sk_') && typeof window !== 'undefined') {
    console.warn('[omnikit] a secret key (sk_...) was given to createClient in a browser; use a publishable key (pk_...)');
  }
  const selected = createSelectedStore(core.storage);
  core.services.set(createSelectedStore, selected);
  const client: BaseClient = {
    [CORE]: core,
    config: core.config,
    $selectedStore: selected.$store,
    $connection: core.connection,
    selectStore(storeId) {
      if (storeId !== undefined && !LocationId.safeParse(storeId).success) {
        throw new OmnikitError('validation_failed', `selectStore: "${String(storeId)}" is not a valid store id`);
      }
      selected.$store.set(storeId);
    },
    close: () => closeCore(core),
  };
  return client;
}
