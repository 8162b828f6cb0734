import {
  DEFAULT_TIERS, TIER_WINDOW_DAYS, memberTopic, tierProgress,
  type EarnRule, type EarnRuleBody, type LedgerEntry, type LedgerKind, type LedgerLine, type LedgerPage, type LedgerSource,
  type LoyaltyAction, type LoyaltyMember, type Tier,
} from '@omnikit/contract';
import { newId } from '../carts.js';
import type { Queryable } from '../db/types.js';
import { ApiError } from '../errors.js';
import { localDate } from '../pickup/hours.js';
import { nowOf, type AppState } from '../state.js';
import { loyaltyOrdersOf, loyaltyOrdersToSync, uncreditedOrdersOf, type LoyaltyOrder } from './orders.js';

// Loyalty's service: members, the ledger and the rules. Invariants kept here:
// - entries are only ever inserted (the table's trigger refuses UPDATE and DELETE);
// - every write takes the member's row lock first (`FOR UPDATE`), then reads the balance (the sum
//   of the ledger) and inserts with `balance_after`, so concurrent debits serialise per member and
//   the balance never goes below zero (a CHECK on balance_after backs this);
// - each entry has an idempotency key unique per member: the same earn event twice is one entry;
// - lock order: the member row, then the entries, then the first event (the bus's lock). Order
//   flows never touch loyalty tables: points follow an order in a transaction of loyalty's own
//   (`syncOrder`), run after it changed (sweep and read-through), so no order transaction ever
//   waits for a member row while holding the event lock.

/** A row of `loyalty_members`. */
interface MemberRow {
  id: string;
  customer_id: string;
  created_at: Date | string;
}

/** A row of `loyalty_entries`. */
interface EntryRow {
  id: string;
  member_id: string;
  kind: LedgerKind;
  source: LedgerSource;
  points: number;
  balance_after: number;
  idempotency_key: string;
  reference: string | null;
  lines: LedgerLine[] | null;
  note: string | null;
  rule_id: string | null;
  expires_at: Date | string | null;
  created_at: Date | string;
}

/** A row of `loyalty_rules`. */
interface RuleRow {
  id: string;
  kind: EarnRule['kind'];
  active: boolean;
  points: number | null;
  points_per_unit: number | null;
  currency: EarnRule['currency'] | null;
  credit_on: EarnRule['creditOn'] | null;
  expires_after_days: number | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();
const DAY_MS = 24 * 3600 * 1000;

/** The app's tiers (a server option), else {@link DEFAULT_TIERS}. */
const tiersOf = (app: AppState): readonly Tier[] => app.loyaltyTiers ?? DEFAULT_TIERS;

export function entryView(r: EntryRow): LedgerEntry {
  return {
    id: r.id, kind: r.kind, source: r.source, points: r.points, balanceAfter: r.balance_after,
    ...(r.reference !== null ? { reference: r.reference } : {}),
    ...(r.lines ? { lines: r.lines } : {}),
    ...(r.note !== null ? { note: r.note } : {}),
    ...(r.expires_at ? { expiresAt: iso(r.expires_at) } : {}),
    createdAt: iso(r.created_at),
  };
}

function ruleView(r: RuleRow): EarnRule {
  return {
    id: r.id, kind: r.kind, active: r.active,
    ...(r.points !== null ? { points: r.points } : {}),
    ...(r.points_per_unit !== null ? { pointsPerUnit: r.points_per_unit } : {}),
    ...(r.currency ? { currency: r.currency } : {}),
    ...(r.credit_on ? { creditOn: r.credit_on } : {}),
    ...(r.expires_after_days !== null ? { expiresAfterDays: r.expires_after_days } : {}),
    createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

async function balanceOf(q: Queryable, memberId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT coalesce(sum(points), 0)::int AS n FROM loyalty_entries WHERE member_id = $1', [memberId]);
  return Number(row?.n ?? 0);
}

/** Points earned less reversed over the rolling window ending at `now` (never below zero). */
async function earnedInWindow(q: Queryable, memberId: string, now: Date): Promise<number> {
  return (await sums(q, memberId, now)).earned;
}

/** The balance and the points earned less reversed in the tier window ending at `now`, in one query. */
async function sums(q: Queryable, memberId: string, now: Date): Promise<{ balance: number; earned: number }> {
  const [row] = await q.query<{ balance: number; earned: number }>(
    `SELECT coalesce(sum(points), 0)::int AS balance,
            coalesce(sum(points) FILTER (WHERE kind IN ('earn', 'reverse') AND created_at > $2 AND created_at <= $3), 0)::int AS earned
     FROM loyalty_entries WHERE member_id = $1`,
    [memberId, new Date(now.getTime() - TIER_WINDOW_DAYS * DAY_MS).toISOString(), now.toISOString()],
  );
  return { balance: Number(row?.balance ?? 0), earned: Math.max(0, Number(row?.earned ?? 0)) };
}

async function memberView(q: Queryable, app: AppState, m: MemberRow): Promise<LoyaltyMember> {
  const { balance, earned } = await sums(q, m.id, nowOf(app));
  const { tier, progress } = tierProgress(earned, tiersOf(app));
  const pendingPoints = await pendingPointsOf(q, m, tier.benefits.pointsMultiplierPercent);
  return { id: m.id, customerId: m.customer_id, balance, tier, progress, pendingPoints, joinedAt: iso(m.created_at) };
}

/**
 * The points of an order's lines under a purchase rule and a tier multiplier: per line, rounded
 * down, so what a return of a line takes back is exactly its own. Lines of no points are left out.
 */
function orderPoints(o: LoyaltyOrder, pointsPerUnit: number, multiplierPercent: number): LedgerLine[] {
  return o.lines
    .map((l) => ({ lineId: l.lineId, quantity: l.quantity, points: Math.floor((l.paid * pointsPerUnit * multiplierPercent) / (100 * 100)) }))
    .filter((l) => l.points > 0);
}

/** What the member's open orders will earn when credited (orders already creditable earned what they could). */
async function pendingPointsOf(q: Queryable, m: MemberRow, multiplierPercent: number): Promise<number> {
  let total = 0;
  const rules = new Map<string, RuleRow | undefined>();
  for (const o of await uncreditedOrdersOf(q, m.id, m.customer_id)) {
    if (!rules.has(o.currency)) rules.set(o.currency, await activeRule(q, 'purchase', o.currency));
    const rule = rules.get(o.currency);
    if (!rule?.points_per_unit || creditable(o, rule.credit_on ?? 'paid')) continue;
    for (const l of orderPoints(o, rule.points_per_unit, multiplierPercent)) total += l.points;
  }
  return total;
}

async function findMember(q: Queryable, customerId: string, forUpdate = false): Promise<MemberRow | undefined> {
  const [row] = await q.query<MemberRow>(`SELECT * FROM loyalty_members WHERE customer_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [customerId]);
  return row;
}

const notMember = () => new ApiError('member_not_found', 'This customer is not a loyalty member (join with POST /v1/loyalty/me).');

/** The member of a customer id, row-locked for a write; 404 `member_not_found` when there is none. */
async function lockMember(q: Queryable, customerId: string): Promise<MemberRow> {
  const row = await findMember(q, customerId, true);
  if (!row) throw notMember();
  return row;
}

interface NewEntry {
  kind: LedgerKind;
  source: LedgerSource;
  points: number;
  key: string;
  reference?: string;
  lines?: LedgerLine[];
  note?: string;
  ruleId?: string;
  expiresAt?: Date;
  /** A debit larger than the balance takes the balance (reversals, expiry) instead of 409 `insufficient_points`. */
  clamp?: boolean;
}

/**
 * Writes one entry for a member whose row the caller has locked (inside its transaction) and
 * publishes `member.changed`. The same key again answers the entry written first
 * (`created: false`) and writes nothing.
 */
/** A member's entry by its idempotency key, if written. */
async function entryByKey(q: Queryable, memberId: string, key: string): Promise<EntryRow | undefined> {
  const [row] = await q.query<EntryRow>('SELECT * FROM loyalty_entries WHERE member_id = $1 AND idempotency_key = $2', [memberId, key]);
  return row;
}

async function writeEntry(q: Queryable, app: AppState, member: MemberRow, e: NewEntry): Promise<{ entry: EntryRow; created: boolean }> {
  const prior = await entryByKey(q, member.id, e.key);
  if (prior) return { entry: prior, created: false };
  const balance = await balanceOf(q, member.id);
  let points = e.points;
  if (balance + points < 0) {
    if (!e.clamp) {
      throw new ApiError('insufficient_points', `The member has ${balance} points; this takes ${-points}.`, undefined, undefined, { balance });
    }
    points = -balance;
  }
  const [entry] = await q.query<EntryRow>(
    `INSERT INTO loyalty_entries (id, member_id, kind, source, points, balance_after, idempotency_key, reference, lines, note, rule_id, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
    [newId('lpe'), member.id, e.kind, e.source, points, balance + points, e.key, e.reference ?? null, e.lines ? JSON.stringify(e.lines) : null,
      e.note ?? null, e.ruleId ?? null, e.expiresAt?.toISOString() ?? null, nowOf(app).toISOString()],
  );
  const topic = memberTopic(member.id);
  await app.bus.publish(q, topic, { type: 'member.changed', topic, data: { memberId: member.id, entryId: entry!.id }, at: iso(entry!.created_at) });
  return { entry: entry!, created: true };
}

const expiryOf = (app: AppState, rule: { expires_after_days: number | null }): Date | undefined =>
  rule.expires_after_days !== null ? new Date(nowOf(app).getTime() + rule.expires_after_days * DAY_MS) : undefined;

async function activeRule(q: Queryable, kind: EarnRule['kind'], currency?: string): Promise<RuleRow | undefined> {
  const [row] = await q.query<RuleRow>(
    'SELECT * FROM loyalty_rules WHERE active AND kind = $1 AND coalesce(currency, \'\') = $2', [kind, currency ?? ''],
  );
  return row;
}

/**
 * Points past their lifetime become an `expire` entry, inside the caller's transaction with the
 * member locked. Spending takes the soonest-expiring points first: what expires is what the
 * member's earns that are past `expires_at` add up to, less every debit of the ledger (redeemed,
 * reversed, expired before, taken by an adjustment). The key names that running total, so two
 * passes at once write one entry.
 */
async function expireLocked(q: Queryable, app: AppState, member: MemberRow): Promise<boolean> {
  const [row] = await q.query<{ due: number; debits: number }>(
    `SELECT coalesce(sum(points) FILTER (WHERE kind = 'earn' AND expires_at IS NOT NULL AND expires_at <= $2), 0)::int AS due,
            coalesce(-sum(points) FILTER (WHERE points < 0), 0)::int AS debits
     FROM loyalty_entries WHERE member_id = $1`,
    [member.id, nowOf(app).toISOString()],
  );
  const due = Number(row?.due ?? 0);
  const left = due - Number(row?.debits ?? 0);
  if (left <= 0) return false;
  return (await writeEntry(q, app, member, { kind: 'expire', source: 'expiry', points: -left, key: `expire:${due}`, clamp: true })).created;
}

/**
 * Writes the expiry of every member with points past their lifetime (each in a transaction of
 * its own). The server runs it periodically; reads of a member apply it to that member first.
 * Returns how many members had an expire entry written.
 */
export async function expirePoints(app: AppState): Promise<number> {
  // Only members with something left to expire (the same sums as expireLocked).
  const members = await app.db.query<{ customer_id: string }>(
    `SELECT m.customer_id FROM loyalty_members m JOIN loyalty_entries e ON e.member_id = m.id
     GROUP BY m.id, m.customer_id
     HAVING coalesce(sum(e.points) FILTER (WHERE e.kind = 'earn' AND e.expires_at <= $1), 0)
          > coalesce(-sum(e.points) FILTER (WHERE e.points < 0), 0)
     LIMIT 1000`, [nowOf(app).toISOString()],
  );
  let n = 0;
  for (const { customer_id } of members) {
    if (await app.db.transaction(async (tx) => expireLocked(tx, app, await lockMember(tx, customer_id)))) n++;
  }
  app.bus.poke();
  return n;
}

/** Brings a member up to date (orders synced, points expired), then answers it. Read path. */
async function freshMember(app: AppState, customerId: string): Promise<MemberRow> {
  const m = await findMember(app.db, customerId);
  if (!m) throw notMember();
  for (const order of await loyaltyOrdersOf(app.db, customerId)) await syncOrder(app, order);
  await app.db.transaction(async (tx) => void (await expireLocked(tx, app, await lockMember(tx, customerId))));
  app.bus.poke();
  return m;
}

/** `GET /v1/loyalty/me` and the admin read: the member of a customer id, up to date. */
export async function readMember(app: AppState, customerId: string): Promise<LoyaltyMember> {
  return memberView(app.db, app, await freshMember(app, customerId));
}

/** Ledger cursors: the last entry of a page, `<created_at ms>_<id>`. */
function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const m = /^(\d{1,15})_([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!m) throw new ApiError('validation_failed', 'The cursor is not one this server gave.', [{ path: 'query.cursor', message: 'unknown cursor' }]);
  return { at: new Date(Number(m[1])), id: m[2]! };
}

/** A page of a member's ledger, newest first. */
export async function readLedger(app: AppState, customerId: string, query: { cursor?: string; limit?: number }): Promise<LedgerPage> {
  const after = parseCursor(query.cursor);
  const m = await freshMember(app, customerId);
  const limit = query.limit ?? 20;
  const rows = await app.db.query<EntryRow>(
    `SELECT * FROM loyalty_entries WHERE member_id = $1 ${after ? 'AND (created_at, id) < ($3, $4)' : ''}
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    after ? [m.id, limit + 1, after.at.toISOString(), after.id] : [m.id, limit + 1],
  );
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(entryView),
    ...(rows.length > limit && last ? { nextCursor: `${new Date(last.created_at).getTime()}_${last.id}` } : {}),
  };
}

/**
 * Joins (inside the caller's transaction): a customer becomes a member, with the signup rule's
 * points; a member already answers as is. Concurrent joins make one member (the unique customer id).
 */
export async function joinMember(q: Queryable, app: AppState, customerId: string): Promise<LoyaltyMember> {
  await q.query(
    'INSERT INTO loyalty_members (id, customer_id, created_at) VALUES ($1, $2, $3) ON CONFLICT (customer_id) DO NOTHING',
    [newId('mem'), customerId, nowOf(app).toISOString()],
  );
  const m = await lockMember(q, customerId);
  const rule = await activeRule(q, 'signup');
  if (rule?.points) {
    await writeEntry(q, app, m, { kind: 'earn', source: 'signup', points: rule.points, key: 'signup', ruleId: rule.id, ...withExpiry(app, rule) });
  }
  return memberView(q, app, m);
}

const withExpiry = (app: AppState, rule: RuleRow) => {
  const at = expiryOf(app, rule);
  return at ? { expiresAt: at } : {};
};

/**
 * An action within its limit earns its rule's points (inside the caller's transaction): the
 * limit is the entry's key (`review:{sku}`, `check_in:{storeId}:{local date}`, `birthday:{year}`,
 * `signup`), so a second one is 409 `loyalty_limit_reached`; no active rule is 409 `loyalty_rule_missing`.
 */
export async function recordAction(
  q: Queryable, app: AppState, customerId: string, action: { action: LoyaltyAction; sku?: string; storeId?: string },
): Promise<{ entry: LedgerEntry; member: LoyaltyMember }> {
  const m = await lockMember(q, customerId);
  const rule = await activeRule(q, action.action);
  if (!rule?.points) throw new ApiError('loyalty_rule_missing', `No active earn rule for ${action.action}.`);
  const now = nowOf(app);
  let key: string;
  let reference: string | undefined;
  if (action.action === 'review') {
    key = `review:${action.sku}`;
    reference = action.sku;
  } else if (action.action === 'check_in') {
    const [store] = await q.query<{ type: string; time_zone: string }>('SELECT type, time_zone FROM stores WHERE id = $1', [action.storeId]);
    if (!store || store.type !== 'store') throw new ApiError('unknown_store', `No store has id ${action.storeId}.`);
    // One a day at the store, by the store's calendar (a check-in at 23:30 and 00:10 are two days there).
    key = `check_in:${action.storeId}:${localDate(now, store.time_zone)}`;
    reference = action.storeId;
  } else if (action.action === 'birthday') {
    reference = String(now.getUTCFullYear());
    key = `birthday:${reference}`;
  } else {
    key = 'signup';
  }
  const { entry, created } = await writeEntry(q, app, m, {
    kind: 'earn', source: action.action, points: rule.points, key, ruleId: rule.id, ...(reference ? { reference } : {}), ...withExpiry(app, rule),
  });
  if (!created) {
    throw new ApiError('loyalty_limit_reached', `This ${action.action.replace('_', '-')} has earned its points already.`, undefined, undefined, { entry: entryView(entry) });
  }
  return { entry: entryView(entry), member: await memberView(q, app, m) };
}

/**
 * The retailer adds or takes points (inside the caller's transaction). Taking more than the
 * balance is 409 `insufficient_points` and writes nothing. `key` is the request's
 * Idempotency-Key when it has one (else a fresh id: every request is its own adjustment).
 */
export async function adjustPoints(
  q: Queryable, app: AppState, customerId: string, body: { points: number; note: string }, key: string | undefined,
): Promise<{ entry: LedgerEntry; member: LoyaltyMember }> {
  const m = await lockMember(q, customerId);
  // Expired points are not there to take.
  await expireLocked(q, app, m);
  const { entry } = await writeEntry(q, app, m, { kind: 'adjust', source: 'manual', points: body.points, note: body.note, key: `adjust:${key ?? newId('adj')}` });
  return { entry: entryView(entry), member: await memberView(q, app, m) };
}

// Orders. The points of an order are a function of the order as it is now: credited once it is
// paid (or collected, per rule), each line's points taken back in proportion to its units given
// back (returns, a partial pickup's cancelled units, the whole order cancelled or expired).

/** Whether an order is credited under a rule with `creditOn`. */
function creditable(o: LoyaltyOrder, creditOn: 'paid' | 'collected'): boolean {
  if (creditOn === 'paid') return o.paymentStatus === 'paid' || (o.paymentStatus === 'at_pickup' && o.status === 'collected');
  return o.status === 'collected' || o.shipped;
}

/** Units of each line given back: everything for a closed order, else returns and cancelled units. */
function unitsBack(o: LoyaltyOrder): Map<string, number> {
  const back = new Map<string, number>();
  const closed = o.status === 'cancelled' || o.status === 'expired';
  for (const l of o.lines) back.set(l.lineId, closed ? l.quantity : Math.min(l.quantity, l.returned + l.cancelled));
  return back;
}

/**
 * Brings one order's points in line with the order (its own transaction, the member locked):
 * the earn entry (`order:{id}:earn`) once it is creditable, and a reverse entry for what was
 * given back since the last one (`order:{id}:reverse:{units}`), line by line. A reversal takes
 * at most the balance: points already spent are not clawed back below zero.
 */
export async function syncOrder(app: AppState, o: LoyaltyOrder): Promise<void> {
  await app.db.transaction(async (tx) => {
    const m = await findMember(tx, o.customerId, true);
    if (m) {
      let wrote = false;
      let earned = await entryByKey(tx, m.id, `order:${o.id}:earn`);
      if (!earned) {
        const rule = await activeRule(tx, 'purchase', o.currency);
        if (rule?.points_per_unit && creditable(o, rule.credit_on ?? 'paid') && o.status !== 'cancelled' && o.status !== 'expired') {
          const { tier } = tierProgress(await earnedInWindow(tx, m.id, nowOf(app)), tiersOf(app));
          const lines = orderPoints(o, rule.points_per_unit, tier.benefits.pointsMultiplierPercent);
          const total = lines.reduce((s, l) => s + l.points, 0);
          if (total > 0) {
            earned = (await writeEntry(tx, app, m, {
              kind: 'earn', source: 'order', points: total, key: `order:${o.id}:earn`, reference: o.id, lines, ruleId: rule.id, ...withExpiry(app, rule),
            })).entry;
            wrote = true;
          }
        }
      }
      if (earned?.lines) wrote = (await reverseGivenBack(tx, app, m, o, earned.lines)) || wrote;
      // No entry, but the order may have changed what it will earn (placed, cancelled, a unit
      // given up): a notice without an entry, so an open points widget shows the pending points.
      if (!wrote) {
        const topic = memberTopic(m.id);
        await app.bus.publish(tx, topic, { type: 'member.changed', topic, data: { memberId: m.id }, at: nowOf(app).toISOString() });
      }
    }
    await tx.query(
      `INSERT INTO loyalty_order_state (order_id, synced_at) VALUES ($1, $2::timestamptz)
       ON CONFLICT (order_id) DO UPDATE SET synced_at = GREATEST(loyalty_order_state.synced_at, EXCLUDED.synced_at)`,
      [o.id, o.version],
    );
  });
}

/** Reverses what was given back since the last reversal; whether it wrote an entry. */
async function reverseGivenBack(q: Queryable, app: AppState, m: MemberRow, o: LoyaltyOrder, earnedLines: LedgerLine[]): Promise<boolean> {
  const prior = await q.query<{ lines: LedgerLine[] | null }>(
    `SELECT lines FROM loyalty_entries WHERE member_id = $1 AND kind = 'reverse' AND source = 'order' AND reference = $2`, [m.id, o.id],
  );
  const done = new Map<string, { units: number; points: number }>();
  for (const r of prior) for (const l of r.lines ?? []) {
    const d = done.get(l.lineId) ?? { units: 0, points: 0 };
    done.set(l.lineId, { units: d.units + l.quantity, points: d.points + l.points });
  }
  const back = unitsBack(o);
  const lines: LedgerLine[] = [];
  for (const l of earnedLines) {
    const units = Math.min(l.quantity, back.get(l.lineId) ?? 0);
    const d = done.get(l.lineId) ?? { units: 0, points: 0 };
    if (units <= d.units) continue;
    // Cumulative, so every unit given back takes its share once and the last takes the rest.
    const target = Math.floor((l.points * units) / l.quantity);
    lines.push({ lineId: l.lineId, quantity: units - d.units, points: -(target + d.points) });
  }
  if (!lines.length) return false;
  const unitsTotal = [...done.values()].reduce((s, d) => s + d.units, 0) + lines.reduce((s, l) => s + l.quantity, 0);
  await writeEntry(q, app, m, {
    kind: 'reverse', source: 'order', points: lines.reduce((s, l) => s + l.points, 0), key: `order:${o.id}:reverse:${unitsTotal}`,
    reference: o.id, lines, clamp: true,
  });
  return true;
}

/** Brings the points of every order changed since its last sync in line (the server runs it periodically). */
export async function syncOrders(app: AppState): Promise<number> {
  const orders = await loyaltyOrdersToSync(app.db);
  for (const o of orders) await syncOrder(app, o);
  if (orders.length) app.bus.poke();
  return orders.length;
}

// Rules.

export async function listRules(q: Queryable): Promise<{ items: EarnRule[] }> {
  return { items: (await q.query<RuleRow>('SELECT * FROM loyalty_rules ORDER BY created_at, id')).map(ruleView) };
}

function ruleValues(body: EarnRuleBody): unknown[] {
  const purchase = body.kind === 'purchase' ? body : undefined;
  return [
    body.kind, body.active ?? true, 'points' in body ? body.points : null, purchase?.pointsPerUnit ?? null, purchase?.currency ?? null,
    purchase ? purchase.creditOn ?? 'paid' : null, body.expiresAfterDays ?? null,
  ];
}

/** Answers 409 `loyalty_rule_conflict` (with the active rule) when another rule is active for the same action or currency. */
async function checkConflict(q: Queryable, body: EarnRuleBody, ruleId?: string): Promise<void> {
  if (body.active === false) return;
  const other = await activeRule(q, body.kind, body.kind === 'purchase' ? body.currency : undefined);
  if (other && other.id !== ruleId) {
    throw new ApiError('loyalty_rule_conflict', `Rule ${other.id} is active for the same ${body.kind === 'purchase' ? 'currency' : 'action'}.`, undefined, undefined,
      { rule: ruleView(other) });
  }
}

export async function createRule(q: Queryable, body: EarnRuleBody): Promise<EarnRule> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['loyalty_rules']);
  await checkConflict(q, body);
  const [row] = await q.query<RuleRow>(
    `INSERT INTO loyalty_rules (id, kind, active, points, points_per_unit, currency, credit_on, expires_after_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`, [newId('rule'), ...ruleValues(body)],
  );
  return ruleView(row!);
}

export async function updateRule(q: Queryable, ruleId: string, body: EarnRuleBody): Promise<EarnRule> {
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['loyalty_rules']);
  const [cur] = await q.query<RuleRow>('SELECT * FROM loyalty_rules WHERE id = $1 FOR UPDATE', [ruleId]);
  if (!cur) throw new ApiError('loyalty_rule_not_found', `No earn rule has id ${ruleId}.`);
  await checkConflict(q, body, ruleId);
  const [row] = await q.query<RuleRow>(
    `UPDATE loyalty_rules SET kind = $2, active = $3, points = $4, points_per_unit = $5, currency = $6, credit_on = $7, expires_after_days = $8,
       updated_at = now() WHERE id = $1 RETURNING *`, [ruleId, ...ruleValues(body)],
  );
  return ruleView(row!);
}

export async function deleteRule(q: Queryable, ruleId: string): Promise<EarnRule> {
  const [row] = await q.query<RuleRow>('DELETE FROM loyalty_rules WHERE id = $1 RETURNING *', [ruleId]);
  if (!row) throw new ApiError('loyalty_rule_not_found', `No earn rule has id ${ruleId}.`);
  return ruleView(row);
}
