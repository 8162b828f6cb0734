import { DEFAULT_STAFF_SESSION_SECONDS } from '@omnikit/contract';
import { demoCustomerId, mintCustomerToken, mintStaffSession } from '../auth.js';
import { correctStock } from '../drift.js';
import { ApiError } from '../errors.js';
import { localInventoryFeed } from '../feed.js';
import { createReturn } from '../returns.js';
import { staffStoreOf } from '../staff.js';
import { readModelOf } from '../state.js';
import { adjustStock, setStock } from '../stock.js';
import type { Handlers } from './types.js';

const DAY = 24 * 3600;

export const adminHandlers: Pick<
  Handlers, 'setStock' | 'adjustStock' | 'createCustomerToken' | 'demoSignIn' | 'createStaffSession' | 'correctStock' | 'createReturn' | 'localInventoryFeed'
> = {
  async setStock({ params, body, q, app }) {
    const model = readModelOf(app);
    return setStock(q, app.bus, params.storeId, params.sku, body, (sku, seq) => model.noteWrite(sku, seq));
  },

  async adjustStock({ body, q, app }) {
    const model = readModelOf(app);
    return adjustStock(q, app.bus, body, (sku, seq) => model.noteWrite(sku, seq));
  },

  async createCustomerToken({ body, q }) {
    return mintCustomerToken(q, body.customerId, body.ttlSeconds ?? DAY);
  },

  async demoSignIn({ body, q, app }) {
    // Off unless the server enables it: anyone could sign in as anyone by typing an email.
    if (!app.demoSignIn) throw new ApiError('not_found', 'Demo sign-in is not enabled on this server.');
    return mintCustomerToken(q, demoCustomerId(body.email), DAY);
  },

  async createStaffSession({ body, q }) {
    return mintStaffSession(q, body.storeId, body.ttlSeconds ?? DEFAULT_STAFF_SESSION_SECONDS);
  },

  async correctStock({ body, q, c, app }) {
    return correctStock(q, app, body, staffStoreOf(c));
  },

  async createReturn({ body, q, c, app }) {
    return createReturn(q, app, body, staffStoreOf(c));
  },

  async localInventoryFeed({ q }) {
    return new Response(await localInventoryFeed(q), {
      headers: { 'Content-Type': 'text/tab-separated-values; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  },
};
