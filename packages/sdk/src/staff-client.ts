import { STAFF_TOKEN_PREFIX } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import { CORE, closeCore, createCore, type ClientLike, type ResolvedConfig } from './client-state.js';
import { OmnikitError } from './errors.js';
import type { ConnectionState } from './realtime.js';
import type { FetchLike } from './transport.js';

/** Options of {@link createStaffClient}. */
export interface StaffClientOptions {
  /** Where the API lives (`''`: the page's own origin). */
  baseUrl: string;
  /** A staff session token (`st_...`) the back office minted for this store. */
  staffToken: string;
  fetch?: FetchLike;
  timeout?: number;
  retry?: number;
}

/** The smallest staff client: config, the stream's state, close; the admin resource functions and `pickupQueueStore` take it. */
export interface StaffClient extends ClientLike {
  readonly config: ResolvedConfig;
  readonly $connection: ReadableAtom<ConnectionState>;
  close(): void;
}

/**
 * A store's browser client for a staff session, without the admin client's namespaces (so a
 * bundle carries only the staff functions it calls, as `<omni-pickup-queue>` does). Only `st_`
 * tokens: a secret key never belongs in a browser (`validation_failed` otherwise).
 */
/* @__NO_SIDE_EFFECTS__ */
export function createStaffClient(options: StaffClientOptions): StaffClient {
  if (typeof options?.staffToken !== 'string' || !options.staffToken.startsWith(STAFF_TOKEN_PREFIX)) {
    throw new OmnikitError('validation_failed', `createStaffClient needs a staff session token (${STAFF_TOKEN_PREFIX}...)`);
  }
  const core = createCore(options.staffToken, { ...options, channel: 'pos' });
  return { [CORE]: core, config: core.config, $connection: core.connection, close: () => closeCore(core) };
}
