import { createCustomerTokenRoute, type CustomerToken } from '@omnikit/contract';
import { CORE, type ClientLike } from '../client-state.js';
import type { CallOptions } from '../transport.js';

/** Input of {@link createCustomerToken}. */
export interface CreateCustomerTokenInput {
  /** Your own id of the signed-in customer. */
  customerId: string;
  /** Lifetime in seconds, 60 s to 30 days (server default 1 day). */
  ttlSeconds?: number;
}

/**
 * Mints a customer token for a customer your own login has authenticated (secret key); hand it
 * to that customer's browser, which sends it as `Omnikit-Customer-Token`.
 */
export async function createCustomerToken(client: ClientLike, input: CreateCustomerTokenInput, options?: CallOptions): Promise<CustomerToken> {
  return client[CORE].transport.call(createCustomerTokenRoute, { body: { ...input } }, options);
}
