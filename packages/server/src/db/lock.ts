import { createHash } from 'node:crypto';

/** A stable signed 64-bit advisory lock key (as a string, for pg's bigint parameter) from a name. */
export function lockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}
