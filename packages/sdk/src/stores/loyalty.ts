import { tierProgress, type LoyaltyMember, type Tier, type TierBenefits } from '@omnikit/contract/loyalty';
import type { ReadableAtom } from 'nanostores';
import { isOmnikitError, type OmnikitError } from '../errors.js';
import type { ClientLike } from '../client-state.js';
import { customerTokenStore, getMyLoyalty } from '../resources/loyalty.js';
import { asOmnikitError, sharedStore } from './remote.js';

/** What a points widget shows, decided here so every widget (and a React page) shows the same. */
export interface LoyaltyView {
  balance: number;
  tierName: string;
  benefits: TierBenefits;
  /** The next tier's name, absent at the top. */
  nextTierName?: string;
  /** Points still to earn for the next tier (0 at the top). */
  pointsToNext: number;
  /** 0 to 100: the progress bar's value (100 at the top). */
  percent: number;
}

/**
 * The signed-in shopper's loyalty state: `guest` (no customer token on this client), `loading`,
 * `not_member` (signed in, not joined: show the sign-up call to action), `ready` with the member
 * and its {@link LoyaltyView}, or `error`.
 */
export type LoyaltyState =
  | { status: 'guest' }
  | { status: 'loading' }
  | { status: 'not_member' }
  | { status: 'ready'; member: LoyaltyMember; view: LoyaltyView }
  | { status: 'error'; error: OmnikitError };

/**
 * The view of a member: balance, tier, and the progress to the next tier by the contract's one
 * rule (`tierProgress`), from the member's earned points and `tiers` (the server's, by default
 * the contract's `DEFAULT_TIERS`); when no `tiers` are given the server's own answer is shown.
 */
export function loyaltyView(member: LoyaltyMember, tiers?: readonly Tier[]): LoyaltyView {
  const { tier, progress } = tiers ? tierProgress(member.progress.earnedPoints, tiers) : { tier: member.tier, progress: member.progress };
  return {
    balance: member.balance, tierName: tier.name, benefits: tier.benefits, pointsToNext: progress.pointsToNext, percent: progress.percent,
    ...(progress.next ? { nextTierName: progress.next.name } : {}),
  };
}

/**
 * The signed-in shopper's loyalty, read when the first subscriber comes and again on every sign-in
 * or sign-out of the client. One store per client.
 *
 * ```ts
 * omni.signIn({ customerToken });
 * loyaltyStore(omni).subscribe((s) => s.status === 'ready' && show(s.view.balance, s.view.percent));
 * ```
 */
/* @__NO_SIDE_EFFECTS__ */
export function loyaltyStore(client: ClientLike): ReadableAtom<LoyaltyState> {
  return sharedStore<LoyaltyState>(client, 'loyalty:me', { status: 'loading' }, ($store) => {
    let reads = 0;
    const read = (token: string | undefined) => {
      const n = ++reads;
      if (!token) return $store.set({ status: 'guest' });
      if ($store.value?.status !== 'ready') $store.set({ status: 'loading' });
      getMyLoyalty(client).then(
        (member) => n === reads && $store.set({ status: 'ready', member, view: loyaltyView(member) }),
        (e) => {
          if (n !== reads) return;
          $store.set(isOmnikitError(e, 'member_not_found') ? { status: 'not_member' } : { status: 'error', error: asOmnikitError(e) });
        },
      );
    };
    return customerTokenStore(client).subscribe(read);
  });
}
