import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CartAccess, EarnRule, EarnRuleList, LedgerPage, LoyaltyMember, LoyaltyResult, Order, memberTopic, type Fulfillment,
} from '@omnikit/contract';
import { SEED_FIXTURES as F } from '../src/index.js';
import { expirePoints, syncOrder } from '../src/loyalty/service.js';
import { loyaltyOrdersOf } from '../src/loyalty/orders.js';
import type { AppState } from '../src/state.js';
import { PK, SK, SseClient, assertError, onPostgres, parseWith, startTestServer, type Reply, type TestServer } from './helpers.js';

let s: TestServer;
/** Days the server's clock runs ahead of the system's (expiry and tier windows are tested by moving it, never by sleeping). */
let aheadDays = 0;
const DAY = 24 * 3600 * 1000;
let skus: string[] = [];
const S1 = F.defaultStoreId;
const S2 = F.nearbyStoreId;
/** Tiers with small thresholds, so a test reaches the second with a few actions. */
const TIERS = [
  { id: 'basic', name: 'Basic', threshold: 0, benefits: { freeDelivery: false, earlyAccess: false, pointsMultiplierPercent: 100 } },
  { id: 'plus', name: 'Plus', threshold: 100, benefits: { freeDelivery: true, earlyAccess: true, pointsMultiplierPercent: 200 } },
];

before(async () => {
  s = await startTestServer('loyalty', { clock: () => new Date(Date.now() + aheadDays * DAY), loyaltyTiers: TIERS });
  skus = (await s.db.query<{ sku: string }>(
    `SELECT sku FROM products WHERE active AND NOT online_only AND sku > 'OK-10040' ORDER BY sku LIMIT 20`,
  )).map((r) => r.sku);
});
after(() => s.close());

let nextCustomer = 0;
/** A fresh customer's token headers (a publishable key beside it, as a browser sends it). */
async function customer(): Promise<{ id: string; headers: Record<string, string> }> {
  const id = `loyalty-${process.pid}-${++nextCustomer}`;
  const r = await s.call('/v1/admin/customer-tokens', { key: SK, body: { customerId: id } });
  assert.equal(r.status, 201, r.text);
  return { id, headers: { 'Omnikit-Customer-Token': r.json.token } };
}

async function member(headers: Record<string, string>): Promise<LoyaltyMember> {
  const r = await s.call('/v1/loyalty/me', { headers });
  assert.equal(r.status, 200, r.text);
  return parseWith(LoyaltyMember, r.json);
}

async function join(headers: Record<string, string>): Promise<LoyaltyMember> {
  const r = await s.call('/v1/loyalty/me', { method: 'POST', headers });
  assert.equal(r.status, 200, r.text);
  return parseWith(LoyaltyMember, r.json);
}

async function ledger(headers: Record<string, string>, query = ''): Promise<LedgerPage> {
  const r = await s.call(`/v1/loyalty/me/ledger${query}`, { headers });
  assert.equal(r.status, 200, r.text);
  return parseWith(LedgerPage, r.json);
}

const adjust = (customerId: string, points: number, key?: string) =>
  s.call(`/v1/admin/loyalty/customers/${customerId}/adjustments`, { key: SK, body: { points, note: 'test' }, headers: key ? { 'Idempotency-Key': key } : {} });

async function rule(body: unknown): Promise<EarnRule> {
  const r = await s.call('/v1/admin/loyalty/rules', { key: SK, body });
  assert.equal(r.status, 201, r.text);
  return parseWith(EarnRule, r.json);
}

/** The active rule of a kind (and currency) replaced by `body`'s, whatever an earlier test left. */
async function setRule(body: { kind: string; currency?: string } & Record<string, unknown>): Promise<EarnRule> {
  const all = parseWith(EarnRuleList, (await s.call('/v1/admin/loyalty/rules', { key: SK })).json);
  const cur = all.items.find((x) => x.active && x.kind === body.kind && x.currency === body.currency);
  if (!cur) return rule(body);
  const r = await s.call(`/v1/admin/loyalty/rules/${cur.id}`, { method: 'PUT', key: SK, body });
  assert.equal(r.status, 200, r.text);
  return parseWith(EarnRule, r.json);
}

/** A paid take-now order of a member: lines handed over at once, so they can be returned. */
async function paidOrder(headers: Record<string, string>, lines: [string, number][]): Promise<Order> {
  const o = await placedOrder(headers, lines);
  const paid = await s.call(`/v1/admin/orders/${o.id}/payment`, { key: SK, body: { status: 'paid' } });
  assert.equal(paid.status, 200, paid.text);
  return parseWith(Order, paid.json);
}

/** An order placed for online payment, not paid yet. */
async function placedOrder(headers: Record<string, string>, lines: [string, number][]): Promise<Order> {
  for (const [sku] of lines) {
    const r = await s.call(`/v1/admin/stock/${S1}/${sku}`, { method: 'PUT', key: SK, body: { quantity: 50 } });
    assert.equal(r.status, 200, r.text);
  }
  const c = await s.call('/v1/carts', { body: {}, headers });
  assert.equal(c.status, 201, c.text);
  const access = parseWith(CartAccess, c.json);
  const h = { ...headers, 'Omnikit-Cart-Secret': access.secret! };
  for (const [sku, quantity] of lines) {
    const fulfillment: Fulfillment = { type: 'take_now', storeId: S1 };
    const r = await s.call(`/v1/carts/${access.cart.id}/lines`, { body: { sku, quantity, fulfillment }, headers: h });
    assert.equal(r.status, 200, r.text);
  }
  const o = await s.call(`/v1/carts/${access.cart.id}/checkout`, { body: { payment: { method: 'online' }, contact: { email: 'm@example.com' } }, headers: h });
  assert.equal(o.status, 201, o.text);
  return parseWith(Order, o.json);
}

const appState = () => ({ db: s.db, bus: s.bus, clock: () => new Date(Date.now() + aheadDays * DAY), loyaltyTiers: TIERS }) as unknown as AppState;

describe('members', () => {
  test('a customer token joins once (signup points once); a publishable key alone is refused; a non-member is 404', async () => {
    await setRule({ kind: 'signup', points: 50 });
    const c = await customer();
    assertError(await s.call('/v1/loyalty/me', {}), 401, 'unauthorized');
    assertError(await s.call('/v1/loyalty/me', { method: 'POST' }), 401, 'unauthorized');
    assertError(await s.call('/v1/loyalty/me', { headers: { 'Omnikit-Customer-Token': 'ct_forged' } }), 401, 'unauthorized');
    assertError(await s.call('/v1/loyalty/me', { headers: c.headers }), 404, 'member_not_found');
    const first = await join(c.headers);
    const again = await join(c.headers);
    assert.equal(again.id, first.id);
    assert.equal(first.balance, 50);
    assert.equal(again.balance, 50);
    assert.equal(first.customerId, c.id);
    assert.equal(first.tier.id, 'basic');
    const page = await ledger(c.headers);
    assert.deepEqual(page.items.map((e) => [e.kind, e.source, e.points, e.balanceAfter]), [['earn', 'signup', 50, 50]]);
    // Admin routes need the secret key.
    assertError(await s.call(`/v1/admin/loyalty/customers/${c.id}`, {}), 403, 'forbidden');
    assertError(await s.call('/v1/admin/loyalty/rules', {}), 403, 'forbidden');
    const byAdmin = await s.call(`/v1/admin/loyalty/customers/${c.id}`, { key: SK });
    assert.equal(parseWith(LoyaltyMember, byAdmin.json).balance, 50);
    assertError(await s.call('/v1/admin/loyalty/customers/nobody-at-all', { key: SK }), 404, 'member_not_found');
  });

  test('the ledger is immutable: the database refuses an UPDATE or DELETE of an entry', async () => {
    const c = await customer();
    await join(c.headers);
    assert.equal((await adjust(c.id, 10)).status, 201);
    await assert.rejects(s.db.query("UPDATE loyalty_entries SET points = 1000000 WHERE source = 'manual'"), /immutable/);
    await assert.rejects(s.db.query('DELETE FROM loyalty_entries'), /immutable/);
  });

  test('ledger pages newest first, with a cursor; a bad cursor is 400', async () => {
    const c = await customer();
    await join(c.headers);
    for (let i = 1; i <= 5; i++) assert.equal((await adjust(c.id, i)).status, 201);
    const p1 = await ledger(c.headers, '?limit=2');
    assert.equal(p1.items.length, 2);
    assert.ok(p1.nextCursor);
    const p2 = await ledger(c.headers, `?limit=2&cursor=${p1.nextCursor}`);
    const p3 = await ledger(c.headers, `?limit=2&cursor=${p2.nextCursor}`);
    const all = [...p1.items, ...p2.items, ...p3.items].filter((e) => e.source === 'manual').map((e) => e.points);
    assert.deepEqual(all, [5, 4, 3, 2, 1]);
    assertError(await s.call('/v1/loyalty/me/ledger?cursor=nonsense', { headers: c.headers }), 400, 'validation_failed');
    assertError(await s.call('/v1/loyalty/me/ledger?limit=0', { headers: c.headers }), 400, 'validation_failed');
  });
});

describe('adjustments', () => {
  test('never below zero: 409 insufficient_points and nothing written; the same Idempotency-Key is one entry', async () => {
    const c = await customer();
    await join(c.headers);
    const start = (await member(c.headers)).balance;
    assertError(await adjust(c.id, -(start + 1)), 409, 'insufficient_points');
    const a = await adjust(c.id, 30, 'adj-1');
    const b = await adjust(c.id, 30, 'adj-1');
    assert.equal(a.status, 201);
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    assert.equal(parseWith(LoyaltyResult, a.json).member.balance, start + 30);
    assert.equal((await member(c.headers)).balance, start + 30);
    assertError(await s.call(`/v1/admin/loyalty/customers/${c.id}/adjustments`, { key: SK, body: { points: 0, note: 'x' } }), 400, 'validation_failed');
    assertError(await s.call(`/v1/admin/loyalty/customers/${c.id}/adjustments`, { key: SK, body: { points: 1.5, note: 'x' } }), 400, 'validation_failed');
    assertError(await s.call(`/v1/admin/loyalty/customers/${c.id}/adjustments`, { key: SK, body: { points: 5 } }), 400, 'validation_failed');
    assertError(await adjust('not-a-member', 5), 404, 'member_not_found');
  });
});

describe('earn rules', () => {
  test('create, list, replace, delete; one active rule per action and currency; bad bodies 400', async () => {
    const r = await setRule({ kind: 'purchase', currency: 'NOK', pointsPerUnit: 2 });
    assert.equal(r.creditOn, 'paid');
    const clash = await s.call('/v1/admin/loyalty/rules', { key: SK, body: { kind: 'purchase', currency: 'NOK', pointsPerUnit: 3 } });
    assertError(clash, 409, 'loyalty_rule_conflict');
    const inactive = await rule({ kind: 'purchase', currency: 'NOK', pointsPerUnit: 3, active: false });
    assert.equal(inactive.active, false);
    const replaced = await s.call(`/v1/admin/loyalty/rules/${r.id}`, { method: 'PUT', key: SK, body: { kind: 'purchase', currency: 'NOK', pointsPerUnit: 5, creditOn: 'collected' } });
    assert.equal(parseWith(EarnRule, replaced.json).pointsPerUnit, 5);
    const del = await s.call(`/v1/admin/loyalty/rules/${inactive.id}`, { method: 'DELETE', key: SK });
    assert.equal(del.status, 200, del.text);
    assertError(await s.call(`/v1/admin/loyalty/rules/${inactive.id}`, { method: 'DELETE', key: SK }), 404, 'loyalty_rule_not_found');
    assertError(await s.call('/v1/admin/loyalty/rules/nope', { method: 'PUT', key: SK, body: { kind: 'review', points: 5 } }), 404, 'loyalty_rule_not_found');
    for (const body of [{ kind: 'purchase', pointsPerUnit: 1 }, { kind: 'review', points: 0 }, { kind: 'teleport', points: 1 }, { kind: 'purchase', currency: 'SEK', pointsPerUnit: -1 }]) {
      assertError(await s.call('/v1/admin/loyalty/rules', { key: SK, body }), 400, 'validation_failed');
    }
  });
});

describe('actions and their limits', () => {
  test('a check-in twice on one day at one store earns once; another store and the next day earn again', async () => {
    await setRule({ kind: 'check_in', points: 5 });
    const c = await customer();
    await join(c.headers);
    const start = (await member(c.headers)).balance;
    const first = await s.call('/v1/loyalty/me/check-ins', { headers: c.headers, body: { storeId: S1 } });
    assert.equal(first.status, 201, first.text);
    assertError(await s.call('/v1/loyalty/me/check-ins', { headers: c.headers, body: { storeId: S1 } }), 409, 'loyalty_limit_reached');
    assert.equal((await s.call('/v1/loyalty/me/check-ins', { headers: c.headers, body: { storeId: S2 } })).status, 201);
    assert.equal((await member(c.headers)).balance, start + 10);
    aheadDays += 1;
    try {
      assert.equal((await s.call('/v1/loyalty/me/check-ins', { headers: c.headers, body: { storeId: S1 } })).status, 201);
    } finally {
      aheadDays -= 1;
    }
    assert.equal((await member(c.headers)).balance, start + 15);
    assertError(await s.call('/v1/loyalty/me/check-ins', { headers: c.headers, body: { storeId: 'no-such-store' } }), 404, 'unknown_store');
    assertError(await s.call('/v1/loyalty/me/check-ins', { headers: c.headers, body: { storeId: 'Bad Id' } }), 400, 'validation_failed');
    assertError(await s.call('/v1/loyalty/me/check-ins', { body: { storeId: S1 } }), 401, 'unauthorized');
  });

  test('a review earns once per product, a birthday once a year; an action without a rule is 409', async () => {
    await setRule({ kind: 'review', points: 20 });
    await setRule({ kind: 'birthday', points: 7 });
    const c = await customer();
    await join(c.headers);
    const act = (body: unknown) => s.call(`/v1/admin/loyalty/customers/${c.id}/actions`, { key: SK, body });
    assert.equal((await act({ action: 'review', sku: skus[0] })).status, 201);
    assertError(await act({ action: 'review', sku: skus[0] }), 409, 'loyalty_limit_reached');
    assert.equal((await act({ action: 'review', sku: skus[1] })).status, 201);
    assert.equal((await act({ action: 'birthday' })).status, 201);
    assertError(await act({ action: 'birthday' }), 409, 'loyalty_limit_reached');
    const entries = (await ledger(c.headers)).items.filter((e) => e.source === 'review' || e.source === 'birthday');
    assert.deepEqual(entries.map((e) => e.points).sort(), [20, 20, 7].sort());
    const all = parseWith(EarnRuleList, (await s.call('/v1/admin/loyalty/rules', { key: SK })).json);
    const birthday = all.items.find((x) => x.kind === 'birthday' && x.active)!;
    await s.call(`/v1/admin/loyalty/rules/${birthday.id}`, { method: 'PUT', key: SK, body: { kind: 'birthday', points: 7, active: false } });
    const other = await customer();
    await join(other.headers);
    assertError(await s.call(`/v1/admin/loyalty/customers/${other.id}/actions`, { key: SK, body: { action: 'birthday' } }), 409, 'loyalty_rule_missing');
    assertError(await act({ action: 'review' }), 400, 'validation_failed');
  });
});

describe('orders', () => {
  test('points per krona when paid, once however often the event is seen; a return reverses exactly its lines', async () => {
    await setRule({ kind: 'purchase', currency: 'SEK', pointsPerUnit: 1 });
    await setRule({ kind: 'signup', points: 1 });
    const c = await customer();
    await join(c.headers);
    const start = (await member(c.headers)).balance;
    const order = await paidOrder(c.headers, [[skus[2]!, 2], [skus[3]!, 1]]);
    const [a, b] = order.lines;
    const pointsOf = (l: typeof a) => Math.floor(l!.lineTotal / 100);
    // Credited after the payment commits, without waiting for the member's next read.
    for (let waited = 0; ; waited += 20) {
      const [n] = await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM loyalty_entries WHERE reference = $1 AND kind = 'earn'", [order.id]);
      if (Number(n!.n) === 1) break;
      assert.ok(waited < 5000, 'the paid order was credited after its commit');
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await member(c.headers);
    assert.equal(after.balance, start + pointsOf(a) + pointsOf(b));
    // The same order change seen again (the sweep and a read at once): still one earn entry.
    assert.equal((await loyaltyOrdersOf(s.db, c.id)).length, 0, 'a read brought the order in line already');
    await s.db.query('DELETE FROM loyalty_order_state WHERE order_id = $1', [order.id]);
    const again = await loyaltyOrdersOf(s.db, c.id);
    assert.equal(again.length, 1);
    await Promise.all([syncOrder(appState(), again[0]!), syncOrder(appState(), again[0]!)]);
    const earns = (await ledger(c.headers)).items.filter((e) => e.source === 'order' && e.kind === 'earn');
    assert.equal(earns.length, 1);
    assert.deepEqual(earns[0]!.lines?.map((l) => [l.lineId, l.points]), [[a!.id, pointsOf(a)], [b!.id, pointsOf(b)]]);
    assert.equal((await member(c.headers)).balance, start + pointsOf(a) + pointsOf(b));

    // One of the two units of line a comes back: half of a's points (rounded down), none of b's.
    const ret = await s.call('/v1/admin/returns', { key: SK, body: { orderId: order.id, storeId: S1, lines: [{ lineId: a!.id, quantity: 1 }] } });
    assert.equal(ret.status, 201, ret.text);
    const half = Math.floor(pointsOf(a) / 2);
    assert.equal((await member(c.headers)).balance, start + pointsOf(a) + pointsOf(b) - half);
    // The other unit: the rest of a's points, so the two reversals add up to exactly a's.
    await s.call('/v1/admin/returns', { key: SK, body: { orderId: order.id, storeId: S1, lines: [{ lineId: a!.id, quantity: 1 }] } });
    const reversals = (await ledger(c.headers)).items.filter((e) => e.kind === 'reverse');
    assert.deepEqual(reversals.flatMap((e) => e.lines!.map((l) => l.lineId)), [a!.id, a!.id]);
    assert.equal(reversals.reduce((sum, e) => sum + e.points, 0), -pointsOf(a));
    assert.equal((await member(c.headers)).balance, start + pointsOf(b));
    // Balance = the ledger's sum.
    const [sum] = await s.db.query<{ n: number }>(
      'SELECT sum(points)::int AS n FROM loyalty_entries e JOIN loyalty_members m ON m.id = e.member_id WHERE m.customer_id = $1', [c.id],
    );
    assert.equal(Number(sum!.n), start + pointsOf(b));
  });

  test('an unpaid order\'s points are pending, not in the balance; paid, they move to the balance; cancelled, they are gone', async () => {
    await setRule({ kind: 'purchase', currency: 'SEK', pointsPerUnit: 1 });
    const c = await customer();
    await join(c.headers);
    const start = await member(c.headers);
    assert.equal(start.pendingPoints, 0);
    const sse = await SseClient.open(`${s.url}/v1/events?topics=${encodeURIComponent(memberTopic(start.id))}`, { headers: { Authorization: `Bearer ${PK}`, ...c.headers } });
    let unpaid: Order;
    try {
      unpaid = await placedOrder(c.headers, [[skus[6]!, 2]]);
      // No ledger entry, but a notice: what the member will earn changed.
      await sse.until(() => sse.events.some((e) => e.event === 'member.changed' && !(e.data as { data: { entryId?: string } }).data.entryId), 5000, 'member.changed without an entry');
    } finally {
      sse.close();
    }
    // At the member's tier now (a tier's multiplier applies to what it will earn).
    const pointsOf = (o: Order, m: LoyaltyMember) =>
      o.lines.reduce((sum, l) => sum + Math.floor((l.lineTotal * m.tier.benefits.pointsMultiplierPercent) / 10_000), 0);
    const waiting = await member(c.headers);
    const points = pointsOf(unpaid, waiting);
    assert.ok(points > 0);
    assert.deepEqual([waiting.balance, waiting.pendingPoints], [start.balance, points]);
    const other = await placedOrder(c.headers, [[skus[7]!, 1]]);
    assert.equal((await member(c.headers)).pendingPoints, points + pointsOf(other, waiting));
    const paid = await s.call(`/v1/admin/orders/${unpaid.id}/payment`, { key: SK, body: { status: 'paid' } });
    assert.equal(paid.status, 200, paid.text);
    const credited = await member(c.headers);
    assert.deepEqual([credited.balance, credited.pendingPoints], [start.balance + points, pointsOf(other, credited)]);
    const cancelled = await s.call(`/v1/admin/orders/${other.id}/cancel`, { key: SK, body: {} });
    assert.equal(cancelled.status, 200, cancelled.text);
    const end = await member(c.headers);
    assert.deepEqual([end.balance, end.pendingPoints], [start.balance + points, 0]);
  });

  test('an order of a customer who is no member earns nothing; an unpaid order earns nothing yet', async () => {
    const c = await customer();
    await paidOrder(c.headers, [[skus[4]!, 1]]);
    assertError(await s.call('/v1/loyalty/me', { headers: c.headers }), 404, 'member_not_found');
  });
});

describe('expiry and tiers', () => {
  test('points expire after the rule\'s lifetime as an expire entry, the spent ones first', async () => {
    await setRule({ kind: 'review', points: 40, expiresAfterDays: 30 });
    const c = await customer();
    await join(c.headers);
    const start = (await member(c.headers)).balance;
    const act = (sku: string) => s.call(`/v1/admin/loyalty/customers/${c.id}/actions`, { key: SK, body: { action: 'review', sku } });
    assert.equal((await act(skus[5]!)).status, 201);
    // 15 of the 40 are spent: 25 are left to expire.
    assert.equal((await adjust(c.id, -15)).status, 201);
    aheadDays += 29;
    try {
      assert.equal((await member(c.headers)).balance, start + 25);
      aheadDays += 2;
      // The periodic pass writes it (a read would too); a second pass finds nothing left.
      assert.ok((await expirePoints(appState())) >= 1);
      const [n] = await s.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM loyalty_entries e JOIN loyalty_members m ON m.id = e.member_id WHERE m.customer_id = $1 AND kind = 'expire'", [c.id],
      );
      assert.equal(Number(n!.n), 1);
      const m = await member(c.headers);
      assert.equal(m.balance, start);
      const expired = (await ledger(c.headers)).items.filter((e) => e.kind === 'expire');
      assert.deepEqual(expired.map((e) => [e.source, e.points]), [['expiry', -25]]);
      // Reading again writes nothing more.
      await member(c.headers);
      assert.equal((await ledger(c.headers)).items.filter((e) => e.kind === 'expire').length, 1);
    } finally {
      aheadDays -= 31;
    }
  });

  test('tiers on rolling twelve-month earned points: progress, the multiplier on purchases, falling back after a year', async () => {
    await setRule({ kind: 'review', points: 60 });
    await setRule({ kind: 'purchase', currency: 'SEK', pointsPerUnit: 1 });
    const c = await customer();
    await join(c.headers);
    const act = (sku: string) => s.call(`/v1/admin/loyalty/customers/${c.id}/actions`, { key: SK, body: { action: 'review', sku } });
    // Adjustments do not count towards the tier.
    await adjust(c.id, 500);
    let m = await member(c.headers);
    assert.equal(m.tier.id, 'basic');
    const earned0 = m.progress.earnedPoints;
    assert.equal(m.progress.next?.id, 'plus');
    await act(skus[6]!);
    m = await member(c.headers);
    assert.equal(m.progress.earnedPoints, earned0 + 60);
    assert.equal(m.progress.pointsToNext, Math.max(0, 100 - earned0 - 60));
    await act(skus[7]!);
    m = await member(c.headers);
    assert.equal(m.tier.id, 'plus');
    assert.deepEqual(m.tier.benefits, { freeDelivery: true, earlyAccess: true, pointsMultiplierPercent: 200 });
    assert.equal(m.progress.percent, 100);
    assert.equal(m.progress.next, undefined);
    // Purchases earn double in this tier.
    const before = m.balance;
    const order = await paidOrder(c.headers, [[skus[8]!, 1]]);
    assert.equal((await member(c.headers)).balance, before + Math.floor((order.lines[0]!.lineTotal * 2) / 100));
    // A year and a day on, nothing earned within the window: back to the first tier.
    aheadDays += 366;
    try {
      m = await member(c.headers);
      assert.equal(m.tier.id, 'basic');
      assert.equal(m.progress.earnedPoints, 0);
    } finally {
      aheadDays -= 366;
    }
  });
});

describe('member topic', () => {
  test('member:{id} carries notices without contents: a ledger change is delivered, no balance, to whoever knows the id', async () => {
    const c = await customer();
    const m = await join(c.headers);
    const url = `${s.url}/v1/events?topics=${encodeURIComponent(memberTopic(m.id))}`;
    // A tab without the token (the page's shared stream may be another tab's) follows it too.
    const own = await SseClient.open(url, { headers: { Authorization: `Bearer ${PK}` } });
    const admin = await SseClient.open(url, { headers: { Authorization: `Bearer ${SK}` } });
    try {
      assert.equal(own.status, 200);
      assert.equal(admin.status, 200);
      const r = parseWith(LoyaltyResult, (await adjust(c.id, 12)).json);
      for (const sse of [own, admin]) {
        await sse.until(() => sse.events.some((e) => e.event === 'member.changed' && (e.data as { data: { entryId?: string } }).data.entryId === r.entry.id), 5000, 'member.changed');
        const notice = sse.events.find((e) => e.event === 'member.changed')!.data as { data: object };
        assert.deepEqual(Object.keys(notice.data).sort(), ['entryId', 'memberId'], 'a notice: no balance, nothing personal');
      }
    } finally {
      own.close();
      admin.close();
    }
  });
});

describe('concurrency (PostgreSQL)', { skip: onPostgres ? false : 'needs the PostgreSQL server (PGlite has one connection)' }, () => {
  const timed = async (f: () => Promise<Reply>) => {
    const t = performance.now();
    const r = await f();
    return { r, ms: performance.now() - t };
  };
  const report = (label: string, ms: number[]) => {
    const sorted = [...ms].sort((x, y) => x - y);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
    console.log(`# ${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms (n=${ms.length})`);
  };

  test('20 concurrent debits that together would overdraw: exactly the affordable ones succeed, never below zero', async () => {
    const c = await customer();
    await join(c.headers);
    const start = (await member(c.headers)).balance;
    await adjust(c.id, 1000 - start);
    const results = await Promise.all(Array.from({ length: 20 }, () => timed(() => adjust(c.id, -100))));
    const ok = results.filter((x) => x.r.status === 201).length;
    for (const x of results) if (x.r.status !== 201) assertError(x.r, 409, 'insufficient_points');
    assert.equal(ok, 10);
    report('20 concurrent debits of 100 from 1000', results.map((x) => x.ms));
    const m = await member(c.headers);
    assert.equal(m.balance, 0);
    const [row] = await s.db.query<{ n: number; min: number }>(
      'SELECT sum(points)::int AS n, min(balance_after)::int AS min FROM loyalty_entries e JOIN loyalty_members m ON m.id = e.member_id WHERE m.customer_id = $1', [c.id],
    );
    assert.equal(Number(row!.n), 0);
    assert.ok(Number(row!.min) >= 0);
  });

  test('20 concurrent redemptions of the full balance: exactly one succeeds; the balance equals the ledger sum', async () => {
    const c = await customer();
    await join(c.headers);
    await adjust(c.id, 777);
    const full = (await member(c.headers)).balance;
    const results = await Promise.all(Array.from({ length: 20 }, () => timed(() => adjust(c.id, -full))));
    assert.equal(results.filter((x) => x.r.status === 201).length, 1);
    report('20 concurrent redemptions of the full balance', results.map((x) => x.ms));
    const [row] = await s.db.query<{ n: number }>(
      'SELECT sum(points)::int AS n FROM loyalty_entries e JOIN loyalty_members m ON m.id = e.member_id WHERE m.customer_id = $1', [c.id],
    );
    assert.equal(Number(row!.n), 0);
    assert.equal((await member(c.headers)).balance, 0);
  });

  test('concurrent joins of one customer make one member; concurrent check-ins earn once', async () => {
    await setRule({ kind: 'check_in', points: 5 });
    const c = await customer();
    const joins = await Promise.all(Array.from({ length: 10 }, () => s.call('/v1/loyalty/me', { method: 'POST', headers: c.headers })));
    assert.ok(joins.every((r) => r.status === 200), joins.map((r) => r.text).join('\n'));
    assert.equal(new Set(joins.map((r) => r.json.id)).size, 1);
    const checks = await Promise.all(Array.from({ length: 10 }, () => s.call('/v1/loyalty/me/check-ins', { headers: c.headers, body: { storeId: S1 } })));
    assert.equal(checks.filter((r) => r.status === 201).length, 1);
    for (const r of checks) if (r.status !== 201) assertError(r, 409, 'loyalty_limit_reached');
  });
});
