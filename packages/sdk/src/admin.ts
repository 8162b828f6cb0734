/**
 * The admin client for trusted servers: back office, POS and warehouse jobs.
 * `import { createAdminClient } from '@omnikit/sdk/admin'`.
 * @packageDocumentation
 */
import type { CustomerToken, StockChange } from '@omnikit/contract';
import { CORE, closeCore, createCore, type ClientLike, type ResolvedConfig } from './client-state.js';
import type { CallOptions, FetchLike } from './transport.js';
import { adjustStock, setStock, type AdjustStockInput, type SetStockInput } from './resources/stock.js';
import { createCustomerToken, type CreateCustomerTokenInput } from './resources/customer-tokens.js';

export { adjustStock, setStock, createCustomerToken };
export type { AdjustStockInput, SetStockInput, CreateCustomerTokenInput, CallOptions };
export type { StockChange, StockMovement, StockReason, CustomerToken, Availability } from '@omnikit/contract';
export * from './errors.js';

/** Options of {@link createAdminClient}. */
export interface AdminClientOptions {
  /** Where the API lives, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** The secret key (`sk_...`). Keep it on servers: it can change stock. */
  secretKey: string;
  /** A `fetch` to use instead of the global one. */
  fetch?: FetchLike;
  /** Milliseconds per attempt. Default 10 000. */
  timeout?: number;
  /** Retries; mutations are retried only because each carries an idempotency key. Default 2. */
  retry?: number;
  /** The channel mutations are attributed to. Default `pos`. */
  channel?: 'web' | 'kiosk' | 'app' | 'pos';
}

/** Client for the admin routes (secret key). */
export interface AdminClient extends ClientLike {
  readonly config: ResolvedConfig;
  readonly stock: {
    /** Sets the on-hand count (a stock take). */
    set(input: SetStockInput, options?: CallOptions): Promise<StockChange>;
    /** Adds or takes units, recording the reason. */
    adjust(input: AdjustStockInput, options?: CallOptions): Promise<StockChange>;
  };
  readonly customerTokens: {
    /** Mints a customer token for one of your signed-in customers. */
    create(input: CreateCustomerTokenInput, options?: CallOptions): Promise<CustomerToken>;
  };
  /** Releases the client (nothing stays open between calls; here for symmetry and future streams). */
  close(): void;
}

/**
 * Creates an admin client. The secret key must stay server side; constructing one where a
 * `window` exists logs a warning.
 *
 * ```ts
 * const admin = createAdminClient({ baseUrl: process.env.OMNIKIT_API_URL!, secretKey: process.env.OMNIKIT_SECRET_KEY! });
 * await admin.stock.adjust({ sku: 'OK-10001', storeId: 'se-stockholm-drottninggatan', delta: -1, reason: 'sale_in_store' });
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  if (typeof window !== 'undefined' && typeof document !== 'undefined') {
    console.warn('[omnikit] createAdminClient runs in a browser-like environment: the secret key must stay on the server.');
  }
  const core = createCore(options.secretKey, { ...options, channel: options.channel ?? 'pos' });
  const client: AdminClient = {
    [CORE]: core,
    config: core.config,
    stock: {
      set: (input, o) => setStock(client, input, o),
      adjust: (input, o) => adjustStock(client, input, o),
    },
    customerTokens: {
      create: (input, o) => createCustomerToken(client, input, o),
    },
    close: () => closeCore(core),
  };
  return client;
}
