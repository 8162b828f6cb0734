import { randomInt } from 'node:crypto';
import type { LockerCompartment } from '@omnikit/contract';
import type { Queryable } from './db/types.js';
import { ApiError } from './errors.js';

// Parcel locker compartments. A locker location has a number of compartments (its `compartments`,
// else the server's default for a store with the locker service); a locker pickup gets the
// lowest free one when it becomes ready, with an opening code, and gives it back when collected,
// expired, cancelled or moved. Assignment locks the location's row, so two orders made ready at
// once queue for it and never share a compartment; the partial unique index is the backstop.

/** Compartments of a locker location that does not say how many it has. */
export const DEFAULT_LOCKER_COMPARTMENTS = 20;
/** Digits of a compartment's opening code. */
const CODE_DIGITS = 6;

/** The opening code: random digits (never derived from the order, so it cannot be guessed from it). */
const newCode = () => Array.from({ length: CODE_DIGITS }, () => randomInt(10)).join('');

/**
 * Assigns the lowest free compartment of `locationId` to one pickup group of an order, inside the
 * caller's transaction, before any event of it (the location row's lock is taken here). 409
 * `locker_full` when every compartment is in use.
 */
export async function assignCompartment(
  q: Queryable, locationId: string, orderId: string, groupId: string, fallbackCount = DEFAULT_LOCKER_COMPARTMENTS,
): Promise<LockerCompartment> {
  const [loc] = await q.query<{ compartments: number | null; services: string[] }>(
    'SELECT compartments, services FROM stores WHERE id = $1 FOR UPDATE', [locationId],
  );
  const count = loc?.compartments ?? (loc?.services.includes('locker') ? fallbackCount : 0);
  const used = new Set((await q.query<{ compartment: number }>(
    "SELECT compartment FROM locker_assignments WHERE location_id = $1 AND status = 'active'", [locationId],
  )).map((r) => Number(r.compartment)));
  let compartment = 0;
  for (let n = 1; n <= count; n++) {
    if (!used.has(n)) {
      compartment = n;
      break;
    }
  }
  if (!compartment) throw new ApiError('locker_full', `Every compartment of ${locationId} is in use; mark the order ready when one is collected.`);
  await q.query(
    'INSERT INTO locker_assignments (location_id, compartment, order_id, group_id) VALUES ($1, $2, $3, $4)',
    [locationId, compartment, orderId, groupId],
  );
  return { compartment, code: newCode() };
}

/** Frees every compartment an order holds (collected, expired, cancelled, moved). */
export async function releaseCompartments(q: Queryable, orderId: string): Promise<void> {
  await q.query("UPDATE locker_assignments SET status = 'released', released_at = now() WHERE order_id = $1 AND status = 'active'", [orderId]);
}
