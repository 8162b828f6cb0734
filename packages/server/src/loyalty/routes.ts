import { IDEMPOTENCY_KEY_HEADER } from '@omnikit/contract';
import type { Context } from 'hono';
import { ApiError } from '../errors.js';
import type { Env, Handlers } from '../routes/types.js';
import {
  adjustPoints, createRule, deleteRule, joinMember, listRules, readLedger, readMember, recordAction, updateRule,
} from './service.js';

/** The shopper's customer id: the member routes need a customer token (a publishable key alone is 401). */
function customerOf(c: Context<Env>): string {
  const id = c.get('customerId');
  if (id === undefined) throw new ApiError('unauthorized', 'Send the member\'s customer token in the Omnikit-Customer-Token header.');
  return id;
}

export const loyaltyHandlers: Pick<
  Handlers,
  | 'joinLoyalty' | 'getLoyaltyMe' | 'getLoyaltyLedger' | 'loyaltyCheckIn' | 'listEarnRules' | 'createEarnRule' | 'updateEarnRule'
  | 'deleteEarnRule' | 'getLoyaltyMember' | 'adjustPoints' | 'recordLoyaltyAction'
> = {
  async joinLoyalty({ q, c, app }) {
    return joinMember(q, app, customerOf(c));
  },
  async getLoyaltyMe({ c, app }) {
    return readMember(app, customerOf(c));
  },
  async getLoyaltyLedger({ query, c, app }) {
    return readLedger(app, customerOf(c), query);
  },
  async loyaltyCheckIn({ body, q, c, app }) {
    return recordAction(q, app, customerOf(c), { action: 'check_in', storeId: body.storeId });
  },
  async listEarnRules({ q }) {
    return listRules(q);
  },
  async createEarnRule({ body, q }) {
    return createRule(q, body);
  },
  async updateEarnRule({ params, body, q }) {
    return updateRule(q, params.ruleId, body);
  },
  async deleteEarnRule({ params, q }) {
    return deleteRule(q, params.ruleId);
  },
  async getLoyaltyMember({ params, app }) {
    return readMember(app, params.customerId);
  },
  async adjustPoints({ params, body, q, c, app }) {
    return adjustPoints(q, app, params.customerId, body, c.req.header(IDEMPOTENCY_KEY_HEADER));
  },
  async recordLoyaltyAction({ params, body, q, app }) {
    return recordAction(q, app, params.customerId, body);
  },
};
