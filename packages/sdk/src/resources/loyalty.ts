import {
  CUSTOMER_TOKEN_PREFIX, LOYALTY_ACTIONS, MAX_NOTE_LENGTH, MAX_POINTS,
  adjustPointsRoute, createEarnRuleRoute, deleteEarnRuleRoute, getLoyaltyLedgerRoute, getLoyaltyMeRoute, getLoyaltyMemberRoute,
  joinLoyaltyRoute, listEarnRulesRoute, loyaltyCheckInRoute, recordLoyaltyActionRoute, updateEarnRuleRoute,
  type EarnRule, type EarnRuleBody, type LedgerPage, type LoyaltyAction, type LoyaltyMember, type LoyaltyResult,
} from '@omnikit/contract/loyalty';
import { CUSTOMER_TOKEN_HEADER } from '@omnikit/contract/client';
import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import { CORE, useService, type ClientLike } from '../client-state.js';
import { OmnikitError } from '../errors.js';
import type { CallOptions } from '../transport.js';
import { requireLocation } from './validate.js';

// Loyalty: the shopper's side (their member, with the customer token the retailer's login minted)
// and the retailer's (rules, adjustments, actions; secret key). One module of its own, so only the
// pages that show points carry it. The customer token lives in memory only: never in
// localStorage, sessionStorage, IndexedDB or a cookie (a reload signs the shopper out of loyalty
// until the page hands the token over again).

const invalid = (message: string) => new OmnikitError('validation_failed', message);

/** @internal A client's member session: the customer token in memory, and who it is once read. */
interface MemberSession {
  readonly $token: WritableAtom<string | undefined>;
}

const createMemberSession = (): MemberSession => ({ $token: atom<string | undefined>(undefined) });

/** @internal The client's member session (one per client). */
export const memberSessionOf = (client: ClientLike): MemberSession => useService(client, createMemberSession);

/**
 * Signs the shopper in to loyalty on this client with the customer token your login minted
 * (`admin.customerTokens.create`). Kept in memory only. Throws `validation_failed` for something
 * that is not a customer token (`ct_...`).
 */
export function signIn(client: ClientLike, input: { customerToken: string }): void {
  const token = input?.customerToken;
  if (typeof token !== 'string' || !token.startsWith(CUSTOMER_TOKEN_PREFIX) || token.length > 200) {
    throw invalid('signIn needs { customerToken } with a customer token (ct_...)');
  }
  memberSessionOf(client).$token.set(token);
}

/** Forgets the customer token of this client (loyalty calls answer `unauthorized` until the next sign-in). */
export function signOut(client: ClientLike): void {
  memberSessionOf(client).$token.set(undefined);
}

/** The signed-in customer token, or `undefined` (a store of it, for whoever shows sign-in state). */
export function customerTokenStore(client: ClientLike): ReadableAtom<string | undefined> {
  return memberSessionOf(client).$token;
}

function memberHeaders(client: ClientLike): Record<string, string> {
  const token = memberSessionOf(client).$token.get();
  if (!token) throw new OmnikitError('unauthorized', 'Not signed in: call omni.signIn({ customerToken }) first.');
  return { [CUSTOMER_TOKEN_HEADER]: token };
}

/** The signed-in shopper's member: balance, tier and progress. `member_not_found` (404) before they join; `unauthorized` when not signed in. */
export async function getMyLoyalty(client: ClientLike, options?: CallOptions): Promise<LoyaltyMember> {
  return client[CORE].transport.call(getLoyaltyMeRoute, { headers: memberHeaders(client) }, options);
}

/** Joins loyalty as the signed-in shopper (the signup rule's points); a member already answers as is. */
export async function joinLoyalty(client: ClientLike, options?: CallOptions): Promise<LoyaltyMember> {
  return client[CORE].transport.call(joinLoyaltyRoute, { headers: memberHeaders(client) }, options);
}

/** Input of {@link getMyLedger}. */
export interface LedgerInput {
  /** `nextCursor` of the page before; absent for the newest page. */
  cursor?: string;
  /** 1 to 100 entries (default 20). */
  limit?: number;
}

/** A page of the signed-in shopper's ledger, newest first; `nextCursor` reads on. */
export async function getMyLedger(client: ClientLike, input: LedgerInput = {}, options?: CallOptions): Promise<LedgerPage> {
  if (input.cursor !== undefined && (typeof input.cursor !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(input.cursor))) {
    throw invalid('ledger cursor must be a nextCursor of an earlier page');
  }
  if (input.limit !== undefined && !(Number.isInteger(input.limit) && input.limit >= 1 && input.limit <= 100)) throw invalid('ledger limit must be 1 to 100');
  const query = { ...(input.cursor !== undefined ? { cursor: input.cursor } : {}), ...(input.limit !== undefined ? { limit: String(input.limit) } : {}) };
  return client[CORE].transport.call(getLoyaltyLedgerRoute, { query, headers: memberHeaders(client) }, options);
}

/** Checks the signed-in shopper in at a store: the check-in rule's points once a day per store; `loyalty_limit_reached` (409) after that. */
export async function checkIn(client: ClientLike, input: { storeId: string }, options?: CallOptions): Promise<LoyaltyResult> {
  requireLocation(input?.storeId);
  return client[CORE].transport.call(loyaltyCheckInRoute, { body: { storeId: input.storeId }, headers: memberHeaders(client) }, options);
}

// The retailer's side (secret key).

function requireCustomerId(customerId: unknown): asserts customerId is string {
  if (typeof customerId !== 'string' || customerId === '' || customerId.length > 128) throw invalid('customerId must be 1 to 128 characters');
}

/** The earn rules, oldest first (secret key). */
export async function listEarnRules(client: ClientLike, options?: CallOptions): Promise<EarnRule[]> {
  return (await client[CORE].transport.call(listEarnRulesRoute, {}, options)).items;
}

/** Adds an earn rule (secret key); `loyalty_rule_conflict` (409) when one is active for the same action or currency. */
export async function createEarnRule(client: ClientLike, rule: EarnRuleBody, options?: CallOptions): Promise<EarnRule> {
  return client[CORE].transport.call(createEarnRuleRoute, { body: rule }, options);
}

/** Replaces an earn rule (secret key); points already earned stay. */
export async function updateEarnRule(client: ClientLike, ruleId: string, rule: EarnRuleBody, options?: CallOptions): Promise<EarnRule> {
  if (typeof ruleId !== 'string' || ruleId === '') throw invalid('ruleId is required');
  return client[CORE].transport.call(updateEarnRuleRoute, { params: { ruleId }, body: rule }, options);
}

/** Removes an earn rule (secret key); points already earned stay. */
export async function deleteEarnRule(client: ClientLike, ruleId: string, options?: CallOptions): Promise<EarnRule> {
  if (typeof ruleId !== 'string' || ruleId === '') throw invalid('ruleId is required');
  return client[CORE].transport.call(deleteEarnRuleRoute, { params: { ruleId } }, options);
}

/** A customer's member (secret key); `member_not_found` (404) when they have not joined. */
export async function getLoyaltyMember(client: ClientLike, customerId: string, options?: CallOptions): Promise<LoyaltyMember> {
  requireCustomerId(customerId);
  return client[CORE].transport.call(getLoyaltyMemberRoute, { params: { customerId } }, options);
}

/** Input of {@link adjustPoints}. */
export interface AdjustPointsInput {
  customerId: string;
  /** Points to add (positive) or take (negative), never 0. */
  points: number;
  /** Why, for the ledger (1 to 500 characters). */
  note: string;
}

/**
 * Adds or takes a member's points with a note (secret key). Taking more than the balance is
 * `insufficient_points` (409) and writes nothing. Retries carry one Idempotency-Key: one entry.
 */
export async function adjustPoints(client: ClientLike, input: AdjustPointsInput, options?: CallOptions): Promise<LoyaltyResult> {
  requireCustomerId(input?.customerId);
  if (!Number.isInteger(input.points) || input.points === 0 || Math.abs(input.points) > MAX_POINTS) throw invalid(`points must be a whole number, not 0, at most ${MAX_POINTS} either way`);
  if (typeof input.note !== 'string' || input.note.trim() === '' || input.note.trim().length > MAX_NOTE_LENGTH) throw invalid(`note must be 1 to ${MAX_NOTE_LENGTH} characters`);
  return client[CORE].transport.call(adjustPointsRoute, { params: { customerId: input.customerId }, body: { points: input.points, note: input.note } }, options);
}

/** Input of {@link recordLoyaltyAction}: the action, with the product reviewed or the store checked in at. */
export type LoyaltyActionInput =
  | { customerId: string; action: 'review'; sku: string }
  | { customerId: string; action: 'check_in'; storeId: string }
  | { customerId: string; action: 'birthday' | 'signup' };

/** Reports a member's action (secret key): its rule's points within its limit, `loyalty_limit_reached` (409) beyond it. */
export async function recordLoyaltyAction(client: ClientLike, input: LoyaltyActionInput, options?: CallOptions): Promise<LoyaltyResult> {
  requireCustomerId(input?.customerId);
  if (!(LOYALTY_ACTIONS as readonly string[]).includes(input.action)) throw invalid(`action must be one of ${LOYALTY_ACTIONS.join(', ')}`);
  const { customerId, ...body } = input;
  return client[CORE].transport.call(recordLoyaltyActionRoute, { params: { customerId }, body: body as { action: LoyaltyAction } }, options);
}
