import * as z from 'zod/mini';
import { Currency, LocationId, Sku, Timestamp, defineSchema, queryInt } from './common.js';
import { ObjectId } from './cart.js';
import type { RouteDef } from './route-def.js';
import type { Assert, Same } from './type-checks.js';

// Loyalty: a member is a customer id (the one a customer token stands for) with a points ledger.
// Entries are immutable (never edited or deleted: a correction is another entry), each with its
// source and an idempotency key unique per member, so the same earn event delivered twice is one
// entry. The balance is the sum of the entries and never below zero. Rewards and vouchers, the
// member card and kiosk member sessions come in a later slice: `reward` and the entry `reference`
// are there for them already.

/** What an entry does: `earn` and `reverse` (taking back an earn) count towards the tier; `redeem`, `expire`, `adjust` do not. */
export const LEDGER_KINDS = ['earn', 'redeem', 'expire', 'adjust', 'reverse'] as const;
/** A kind of {@link LEDGER_KINDS}. */
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/**
 * Where an entry comes from: an `order` (earn when paid or collected, reverse on a return or
 * cancellation), an action (`signup`, `review`, `check_in`, `birthday`), `manual` (the retailer's
 * adjustment), `expiry` (points past their lifetime), `reward` (a redemption, next slice).
 */
export const LEDGER_SOURCES = ['order', 'review', 'check_in', 'birthday', 'signup', 'manual', 'expiry', 'reward'] as const;
/** A source of {@link LEDGER_SOURCES}. */
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

/** The actions beyond purchases that earn points, each with its limit: `signup` once, `review` once per product, `check_in` once a day per store, `birthday` once a calendar year. */
export const LOYALTY_ACTIONS = ['signup', 'review', 'check_in', 'birthday'] as const;
/** An action of {@link LOYALTY_ACTIONS}. */
export type LoyaltyAction = (typeof LOYALTY_ACTIONS)[number];

/** Points of one order line in an order's earn or reverse entry (a return reverses exactly its lines). */
export interface LedgerLine {
  lineId: string;
  /** Units the points are for. */
  quantity: number;
  points: number;
}
export const LedgerLine = defineSchema(() => z.object({ lineId: ObjectId, quantity: z.int(), points: z.int() }));
type _LedgerLine = Assert<Same<LedgerLine, z.infer<typeof LedgerLine>>>;

/** One entry of a member's ledger. */
export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  source: LedgerSource;
  /** Signed: earn and positive adjustments add, the rest take away. */
  points: number;
  /** The balance after this entry (the sum of the ledger up to it; never below zero). */
  balanceAfter: number;
  /** What it is about: the order id, the SKU reviewed, the store checked in at, the year of a birthday. */
  reference?: string;
  /** Order entries: points per line. */
  lines?: LedgerLine[];
  /** The retailer's note of a manual adjustment. */
  note?: string;
  /** Earn entries whose rule has a lifetime: ISO 8601, when what is left of them expires. */
  expiresAt?: string;
  /** ISO 8601. */
  createdAt: string;
}
export const LedgerEntry = defineSchema(() => z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  source: z.enum(LEDGER_SOURCES),
  points: z.int(),
  balanceAfter: z.int(),
  reference: z.optional(z.string()),
  lines: z.optional(z.array(LedgerLine)),
  note: z.optional(z.string()),
  expiresAt: z.optional(Timestamp),
  createdAt: Timestamp,
}));
type _LedgerEntry = Assert<Same<LedgerEntry, z.infer<typeof LedgerEntry>>>;

/** One page of a ledger, newest first; `nextCursor` fetches the next (older) page. */
export interface LedgerPage {
  items: LedgerEntry[];
  nextCursor?: string;
}
export const LedgerPage = defineSchema(() => z.object({ items: z.array(LedgerEntry), nextCursor: z.optional(z.string()) }));
type _LedgerPage = Assert<Same<LedgerPage, z.infer<typeof LedgerPage>>>;

/** What a tier gives its members. */
export interface TierBenefits {
  freeDelivery: boolean;
  /** Early access to campaigns. */
  earlyAccess: boolean;
  /** Purchase points are multiplied by this percentage (100 = as earned, 150 = half as many again). */
  pointsMultiplierPercent: number;
}
export const TierBenefits = defineSchema(() => z.object({
  freeDelivery: z.boolean(),
  earlyAccess: z.boolean(),
  pointsMultiplierPercent: z.int(),
}));
type _TierBenefits = Assert<Same<TierBenefits, z.infer<typeof TierBenefits>>>;

/** A tier: reached with `threshold` points earned over the rolling twelve months. */
export interface Tier {
  id: string;
  name: string;
  threshold: number;
  benefits: TierBenefits;
}
export const Tier = defineSchema(() => z.object({ id: z.string(), name: z.string(), threshold: z.int(), benefits: TierBenefits }));
type _Tier = Assert<Same<Tier, z.infer<typeof Tier>>>;

/** The reference server's tiers (a server option replaces them), lowest first; the first has threshold 0. */
export const DEFAULT_TIERS: readonly Tier[] = [
  { id: 'bronze', name: 'Bronze', threshold: 0, benefits: { freeDelivery: false, earlyAccess: false, pointsMultiplierPercent: 100 } },
  { id: 'silver', name: 'Silver', threshold: 1000, benefits: { freeDelivery: true, earlyAccess: false, pointsMultiplierPercent: 125 } },
  { id: 'gold', name: 'Gold', threshold: 3000, benefits: { freeDelivery: true, earlyAccess: true, pointsMultiplierPercent: 150 } },
];

/** Days of the rolling window tiers are computed over. */
export const TIER_WINDOW_DAYS = 365;

/** Where a member stands between their tier and the next. */
export interface TierProgress {
  /** Points earned (less reversed) over the rolling window. */
  earnedPoints: number;
  /** The next tier, absent at the top. */
  next?: { id: string; name: string; threshold: number };
  /** Points still to earn for the next tier (0 at the top). */
  pointsToNext: number;
  /** 0 to 100, whole: how far from this tier's threshold to the next one's (100 at the top). */
  percent: number;
}
export const TierProgress = defineSchema(() => z.object({
  earnedPoints: z.int(),
  next: z.optional(z.object({ id: z.string(), name: z.string(), threshold: z.int() })),
  pointsToNext: z.int(),
  percent: z.int(),
}));
type _TierProgress = Assert<Same<TierProgress, z.infer<typeof TierProgress>>>;

/** A member's tier and the progress to the next (what {@link tierProgress} answers). */
export interface TierStanding {
  tier: Tier;
  progress: TierProgress;
}

/**
 * The tier of `earnedPoints` and the progress to the next: the one rule, applied by the server
 * (the member's answer, the purchase multiplier) and by the SDK's loyalty store. `tiers` lowest
 * first; a member below every threshold is in the first.
 */
export function tierProgress(earnedPoints: number, tiers: readonly Tier[] = DEFAULT_TIERS): TierStanding {
  const sorted = [...tiers].sort((a, b) => a.threshold - b.threshold);
  let i = 0;
  while (i + 1 < sorted.length && earnedPoints >= sorted[i + 1]!.threshold) i++;
  const tier = sorted[i]!;
  const next = sorted[i + 1];
  if (!next) return { tier, progress: { earnedPoints, pointsToNext: 0, percent: 100 } };
  const span = next.threshold - tier.threshold;
  const percent = span > 0 ? Math.min(100, Math.max(0, Math.floor(((earnedPoints - tier.threshold) * 100) / span))) : 0;
  return {
    tier,
    progress: { earnedPoints, next: { id: next.id, name: next.name, threshold: next.threshold }, pointsToNext: Math.max(0, next.threshold - earnedPoints), percent },
  };
}

/** A member as they (customer token) and the retailer (secret key) read it. */
export interface LoyaltyMember {
  /** `mem_...`; the topic `member:{id}` carries its changes. */
  id: string;
  customerId: string;
  /** The sum of the ledger. */
  balance: number;
  tier: Tier;
  progress: TierProgress;
  /**
   * Points the member's open orders will earn once the purchase rule credits them (unpaid, or
   * paid and waiting to be collected), at today's rule and tier; not in the balance yet.
   */
  pendingPoints: number;
  /** ISO 8601. */
  joinedAt: string;
}
export const LoyaltyMember = defineSchema(() => z.object({
  id: z.string(),
  customerId: z.string(),
  balance: z.int(),
  tier: Tier,
  progress: TierProgress,
  pendingPoints: z.int(),
  joinedAt: Timestamp,
}));
type _LoyaltyMember = Assert<Same<LoyaltyMember, z.infer<typeof LoyaltyMember>>>;

/** When a purchase rule credits an order: when it is `paid` (at pickup: when collected), or only once `collected` or shipped. */
export const CREDIT_ON = ['paid', 'collected'] as const;

/**
 * An earn rule. `purchase`: `pointsPerUnit` points per whole unit of `currency` paid (per line,
 * after discounts, rounded down; the same in every channel), times the tier's multiplier. An
 * action (`signup`, `review`, `check_in`, `birthday`): `points` each time, within its limit (see
 * {@link LOYALTY_ACTIONS}). Points of a rule with `expiresAfterDays` expire that long after they
 * were earned (as far as they were not spent first: spending takes the soonest-expiring points).
 */
export interface EarnRule {
  id: string;
  kind: 'purchase' | LoyaltyAction;
  active: boolean;
  /** Actions: the points per action. */
  points?: number;
  /** Purchases: points per whole currency unit. */
  pointsPerUnit?: number;
  /** Purchases: the currency of the orders it applies to. */
  currency?: Currency;
  /** Purchases: when the order is credited. */
  creditOn?: (typeof CREDIT_ON)[number];
  expiresAfterDays?: number;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
}
export const EarnRule = defineSchema(() => z.object({
  id: z.string(),
  kind: z.enum(['purchase', ...LOYALTY_ACTIONS]),
  active: z.boolean(),
  points: z.optional(z.int()),
  pointsPerUnit: z.optional(z.int()),
  currency: z.optional(Currency),
  creditOn: z.optional(z.enum(CREDIT_ON)),
  expiresAfterDays: z.optional(z.int()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}));
type _EarnRule = Assert<Same<EarnRule, z.infer<typeof EarnRule>>>;

/** Earn rules, oldest first. */
export interface EarnRuleList {
  items: EarnRule[];
}
export const EarnRuleList = defineSchema(() => z.object({ items: z.array(EarnRule) }));
type _EarnRuleList = Assert<Same<EarnRuleList, z.infer<typeof EarnRuleList>>>;

/** Most points one rule, action or adjustment may give or take (keeps sums far inside int4). */
export const MAX_POINTS = 1_000_000;
const Points = defineSchema(() => z.int().check(z.minimum(1), z.maximum(MAX_POINTS)));
const Lifetime = defineSchema(() => z.optional(z.int().check(z.minimum(1), z.maximum(3650))));

/** `POST /v1/admin/loyalty/rules` and `PUT /v1/admin/loyalty/rules/{ruleId}`: one active rule per action, and per currency for purchases. */
export const EarnRuleBody = defineSchema(() => z.union([
  z.object({
    kind: z.literal('purchase'),
    currency: Currency,
    pointsPerUnit: z.int().check(z.minimum(1), z.maximum(1000)),
    creditOn: z.optional(z.enum(CREDIT_ON)),
    expiresAfterDays: Lifetime,
    active: z.optional(z.boolean()),
  }),
  z.object({ kind: z.enum(LOYALTY_ACTIONS), points: Points, expiresAfterDays: Lifetime, active: z.optional(z.boolean()) }),
]));
export type EarnRuleBody = z.infer<typeof EarnRuleBody>;

/** Path parameters of a rule. */
export const EarnRuleParams = defineSchema(() => z.object({ ruleId: ObjectId }));

/** Path parameters of admin member routes: the retailer's customer id (as customer tokens carry it). */
export const CustomerParams = defineSchema(() => z.object({ customerId: z.string().check(z.minLength(1), z.maxLength(128)) }));

/** Longest note kept on an adjustment. */
export const MAX_NOTE_LENGTH = 500;

/** `POST /v1/admin/loyalty/customers/{customerId}/adjustments`: add (positive) or take (negative) points; never below zero (409 `insufficient_points`). */
export const AdjustPointsBody = defineSchema(() => z.object({
  points: z.int().check(z.minimum(-MAX_POINTS), z.maximum(MAX_POINTS), z.refine((n) => n !== 0, 'not 0')),
  note: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NOTE_LENGTH)),
}));
export type AdjustPointsBody = z.infer<typeof AdjustPointsBody>;

/**
 * `POST /v1/admin/loyalty/customers/{customerId}/actions`: the retailer's systems report an
 * action (a review published: `sku`; a birthday; a check-in at the till: `storeId`). Within the
 * action's limit it earns its rule's points; beyond it 409 `loyalty_limit_reached`.
 */
export const RecordActionBody = defineSchema(() => z.union([
  z.object({ action: z.literal('review'), sku: Sku }),
  z.object({ action: z.literal('check_in'), storeId: LocationId }),
  z.object({ action: z.literal('birthday') }),
  z.object({ action: z.literal('signup') }),
]));
export type RecordActionBody = z.infer<typeof RecordActionBody>;

/** `POST /v1/loyalty/me/check-ins`: the shopper checks in at a store (once a day per store earns). */
export const CheckInBody = defineSchema(() => z.object({ storeId: LocationId }));
export type CheckInBody = z.infer<typeof CheckInBody>;

/** `GET /v1/loyalty/me/ledger`: a page, newest first. */
export const LedgerQuery = defineSchema(() => z.object({
  cursor: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,200}$/, 'invalid cursor'))),
  limit: z.optional(queryInt(1, 100)),
}));
export type LedgerQuery = z.input<typeof LedgerQuery>;

/** What an action or an adjustment did: the entry written and the member after it. */
export interface LoyaltyResult {
  entry: LedgerEntry;
  member: LoyaltyMember;
}
export const LoyaltyResult = defineSchema(() => z.object({ entry: LedgerEntry, member: LoyaltyMember }));
type _LoyaltyResult = Assert<Same<LoyaltyResult, z.infer<typeof LoyaltyResult>>>;

/**
 * The topic of a member's changes: `member:{memberId}`. Like a cart's or an order's topic its
 * notices carry no contents (the member re-reads with their customer token) and the id is
 * unguessable, so the stream serves it without a token of its own: a page's one event stream,
 * shared by its tabs, never depends on which tab is signed in.
 */
export const memberTopic = (memberId: string) => `member:${memberId}`;

/** Parses a member topic; `undefined` when it is not one. */
export function parseMemberTopic(topic: string): { memberId: string } | undefined {
  const m = /^member:(.+)$/.exec(topic);
  return m && ObjectId.safeParse(m[1]).success ? { memberId: m[1]! } : undefined;
}

/**
 * `member.changed`: an entry was written to the member's ledger (`entryId`), or, without
 * `entryId`, one of the member's orders changed what it will earn (`pendingPoints`: placed,
 * cancelled). A notice only: no balance, nothing personal; read the member again.
 */
export const MemberChangedEvent = defineSchema(() => z.object({
  type: z.literal('member.changed'),
  topic: z.string(),
  data: z.object({ memberId: z.string(), entryId: z.optional(z.string()) }),
  at: Timestamp,
}));
export type MemberChangedEvent = z.infer<typeof MemberChangedEvent>;

/** `joinLoyalty` of `routes` as a client calls it (no input schemas). */
export const joinLoyaltyRoute = {
  method: 'POST', path: '/v1/loyalty/me', auth: 'publishable', tag: 'loyalty',
  summary: "Join with the customer token (a member already answers as is); the signup rule's points on joining",
  response: LoyaltyMember, idempotent: true,
} as const satisfies RouteDef;

/** `getLoyaltyMe` of `routes` as a client calls it (no input schemas). */
export const getLoyaltyMeRoute = {
  method: 'GET', path: '/v1/loyalty/me', auth: 'publishable', tag: 'loyalty',
  summary: "The customer token's member: balance, tier and progress to the next",
  response: LoyaltyMember,
} as const satisfies RouteDef;

/** `getLoyaltyLedger` of `routes` as a client calls it (no input schemas). */
export const getLoyaltyLedgerRoute = {
  method: 'GET', path: '/v1/loyalty/me/ledger', auth: 'publishable', tag: 'loyalty',
  summary: "A page of the customer token's member's ledger, newest first",
  response: LedgerPage,
} as const satisfies RouteDef;

/** `loyaltyCheckIn` of `routes` as a client calls it (no input schemas). */
export const loyaltyCheckInRoute = {
  method: 'POST', path: '/v1/loyalty/me/check-ins', auth: 'publishable', tag: 'loyalty',
  summary: "Check in at a store: the check-in rule's points, once a day per store",
  response: LoyaltyResult, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `listEarnRules` of `routes` as a client calls it (no input schemas). */
export const listEarnRulesRoute = {
  method: 'GET', path: '/v1/admin/loyalty/rules', auth: 'secret', tag: 'admin',
  summary: 'The earn rules, oldest first', response: EarnRuleList,
} as const satisfies RouteDef;

/** `createEarnRule` of `routes` as a client calls it (no input schemas). */
export const createEarnRuleRoute = {
  method: 'POST', path: '/v1/admin/loyalty/rules', auth: 'secret', tag: 'admin',
  summary: 'Add an earn rule (409 loyalty_rule_conflict when one is active for the same action or currency)',
  response: EarnRule, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `updateEarnRule` of `routes` as a client calls it (no input schemas). */
export const updateEarnRuleRoute = {
  method: 'PUT', path: '/v1/admin/loyalty/rules/:ruleId', auth: 'secret', tag: 'admin',
  summary: 'Replace an earn rule (points already earned stay as they are)', response: EarnRule, idempotent: true,
} as const satisfies RouteDef;

/** `deleteEarnRule` of `routes` as a client calls it (no input schemas). */
export const deleteEarnRuleRoute = {
  method: 'DELETE', path: '/v1/admin/loyalty/rules/:ruleId', auth: 'secret', tag: 'admin',
  summary: 'Remove an earn rule (points already earned stay)', response: EarnRule, idempotent: true,
} as const satisfies RouteDef;

/** `getLoyaltyMember` of `routes` as a client calls it (no input schemas). */
export const getLoyaltyMemberRoute = {
  method: 'GET', path: '/v1/admin/loyalty/customers/:customerId', auth: 'secret', tag: 'admin',
  summary: "A customer's member: balance, tier and progress", response: LoyaltyMember,
} as const satisfies RouteDef;

/** `adjustPoints` of `routes` as a client calls it (no input schemas). */
export const adjustPointsRoute = {
  method: 'POST', path: '/v1/admin/loyalty/customers/:customerId/adjustments', auth: 'secret', tag: 'admin',
  summary: "Add or take a member's points with a note (never below zero: 409 insufficient_points)",
  response: LoyaltyResult, status: 201, idempotent: true,
} as const satisfies RouteDef;

/** `recordLoyaltyAction` of `routes` as a client calls it (no input schemas). */
export const recordLoyaltyActionRoute = {
  method: 'POST', path: '/v1/admin/loyalty/customers/:customerId/actions', auth: 'secret', tag: 'admin',
  summary: "An action of a member (review, check-in at the till, birthday, signup) earns its rule's points within its limit",
  response: LoyaltyResult, status: 201, idempotent: true,
} as const satisfies RouteDef;
