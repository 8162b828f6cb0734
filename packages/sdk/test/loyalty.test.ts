// omni.loyalty, the loyalty store and admin.loyalty against the real reference server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, SEED_FIXTURES, DEMO_PUBLISHABLE_KEY, DEMO_SECRET_KEY, type RunningServer } from '@omnikit/server';
import { createClient, isOmnikitError, loyaltyView, tierProgress, type LoyaltyState, type Tier } from '@omnikit/sdk';
import { createAdminClient, type AdminClient } from '@omnikit/sdk/admin';
import { memoryStorage, until } from './helpers.js';

let server: RunningServer;
let admin: AdminClient;
before(async () => {
  server = await startServer({ port: 0, dataDir: 'memory', log: false });
  admin = createAdminClient({ baseUrl: server.url, secretKey: DEMO_SECRET_KEY });
});
after(async () => {
  admin.close();
  await server.close();
});

test('a signed-in shopper joins, checks in once a day per store, pages the ledger; the store follows sign-in and sign-out', async (t) => {
  await admin.loyalty.rules.create({ kind: 'signup', points: 100 });
  const checkInRule = await admin.loyalty.rules.create({ kind: 'check_in', points: 10 });
  assert.equal((await admin.loyalty.rules.list()).some((r) => r.id === checkInRule.id), true);
  await assert.rejects(admin.loyalty.rules.create({ kind: 'check_in', points: 3 }), (e) => isOmnikitError(e, 'loyalty_rule_conflict'));

  const storage = memoryStorage();
  const omni = createClient({ baseUrl: server.url, publishableKey: DEMO_PUBLISHABLE_KEY, storage });
  t.after(() => omni.close());
  const states: LoyaltyState['status'][] = [];
  const stop = omni.$member.subscribe((s) => states.push(s.status));
  t.after(stop);
  await until(() => omni.$member.get().status === 'guest', 'guest');
  await assert.rejects(omni.loyalty.me(), (e) => isOmnikitError(e, 'unauthorized'));

  const { token } = await admin.customerTokens.create({ customerId: 'sdk-loyalty-1' });
  omni.signIn({ customerToken: token });
  await until(() => omni.$member.get().status === 'not_member', 'not_member');
  const joined = await omni.loyalty.join();
  assert.equal(joined.balance, 100);
  const first = await omni.loyalty.checkIn({ storeId: SEED_FIXTURES.defaultStoreId });
  assert.equal(first.member.balance, 110);
  await assert.rejects(omni.loyalty.checkIn({ storeId: SEED_FIXTURES.defaultStoreId }), (e) => isOmnikitError(e, 'loyalty_limit_reached'));
  assert.throws(() => omni.signIn({ customerToken: 'not-a-token' }), (e) => isOmnikitError(e, 'validation_failed'));
  await assert.rejects(omni.loyalty.checkIn({ storeId: 'Not A Store' }), (e) => isOmnikitError(e, 'validation_failed'));

  const page1 = await omni.loyalty.ledger({ limit: 1 });
  assert.deepEqual(page1.items.map((e) => [e.source, e.points]), [['check_in', 10]]);
  const page2 = await omni.loyalty.ledger({ cursor: page1.nextCursor!, limit: 1 });
  assert.deepEqual(page2.items.map((e) => [e.source, e.points]), [['signup', 100]]);
  assert.equal(page2.nextCursor, undefined);

  // The store shows the server's answer with the view the widgets will render.
  omni.signOut();
  await until(() => omni.$member.get().status === 'guest', 'guest again');
  omni.signIn({ customerToken: token });
  await until(() => omni.$member.get().status === 'ready', 'ready');
  const s = omni.$member.get();
  assert.ok(s.status === 'ready');
  assert.equal(s.view.balance, 110);
  assert.equal(s.view.tierName, 'Bronze');
  assert.equal(s.view.nextTierName, 'Silver');
  assert.equal(s.view.percent, tierProgress(s.member.progress.earnedPoints).progress.percent);
  // The token was never written to storage.
  assert.equal([...storage.data.values()].some((v) => v.includes(token)), false);

  // The retailer's side.
  const adjusted = await admin.loyalty.adjust({ customerId: 'sdk-loyalty-1', points: -110, note: 'goodwill reversed' });
  assert.equal(adjusted.member.balance, 0);
  await assert.rejects(admin.loyalty.adjust({ customerId: 'sdk-loyalty-1', points: -1, note: 'x' }), (e) => isOmnikitError(e, 'insufficient_points'));
  await assert.rejects(admin.loyalty.adjust({ customerId: 'sdk-loyalty-1', points: 0, note: 'x' }), (e) => isOmnikitError(e, 'validation_failed'));
  assert.equal((await admin.loyalty.member('sdk-loyalty-1')).balance, 0);
  await assert.rejects(admin.loyalty.member('nobody'), (e) => isOmnikitError(e, 'member_not_found'));
  await admin.loyalty.rules.create({ kind: 'review', points: 5 });
  const review = await admin.loyalty.recordAction({ customerId: 'sdk-loyalty-1', action: 'review', sku: SEED_FIXTURES.inStock.sku });
  assert.equal(review.entry.points, 5);
  await admin.loyalty.rules.delete(checkInRule.id);
  assert.equal((await admin.loyalty.rules.list()).some((r) => r.id === checkInRule.id), false);
  assert.ok(states.includes('loading'));
});

test('loyaltyView: progress by the contract rule, the top tier at 100 %', () => {
  const tiers: Tier[] = [
    { id: 'a', name: 'A', threshold: 0, benefits: { freeDelivery: false, earlyAccess: false, pointsMultiplierPercent: 100 } },
    { id: 'b', name: 'B', threshold: 200, benefits: { freeDelivery: true, earlyAccess: false, pointsMultiplierPercent: 150 } },
  ];
  const member = (earnedPoints: number) => {
    const { tier, progress } = tierProgress(earnedPoints, tiers);
    return { id: 'mem_1', customerId: 'c', balance: 5, tier, progress, pendingPoints: 0, joinedAt: new Date().toISOString() };
  };
  assert.deepEqual(loyaltyView(member(50)), { balance: 5, tierName: 'A', benefits: tiers[0]!.benefits, nextTierName: 'B', pointsToNext: 150, percent: 25 });
  assert.deepEqual(loyaltyView(member(250)), { balance: 5, tierName: 'B', benefits: tiers[1]!.benefits, pointsToNext: 0, percent: 100 });
});
