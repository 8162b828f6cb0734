import { STAFF_TOKEN_PREFIX, type Order } from '@omnikit/contract';
import type { ReadableAtom } from 'nanostores';
import { CORE, closeCore, createCore, type ClientLike, type ResolvedConfig } from './client-state.js';
import { OmnikitError } from './errors.js';
import type { ConnectionState } from './realtime.js';
import { getOrderAdmin } from './resources/orders.js';
import type { CallOptions, FetchLike } from './transport.js';

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

/** The smallest staff client: config, the stream's state, one order, close; the admin resource functions and `pickupQueueStore` take it. */
export interface StaffClient extends ClientLike {
  readonly config: ResolvedConfig;
  readonly $connection: ReadableAtom<ConnectionState>;
  /**
   * One order of the session's store, with its contact (`getOrderAdmin`); another store's order
   * is 404 `order_not_found`, as one that does not exist.
   */
  getOrder(orderId: string, options?: CallOptions): Promise<Order>;
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
  const client: StaffClient = {
    [CORE]: core, config: core.config, $connection: core.connection,
    getOrder: (orderId, o) => getOrderAdmin(client, orderId, o),
    close: () => closeCore(core),
  };
  return client;
}
