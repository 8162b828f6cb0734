import { LocationId, Sku } from '@omnikit/contract';
import { OmnikitError } from '../errors.js';

/** Client-side checks so a typo fails at the call with a clear message, not as a batch-wide 400. */
export function requireSku(sku: unknown, field = 'sku'): asserts sku is string {
  if (typeof sku !== 'string' || !Sku.safeParse(sku).success) {
    throw new OmnikitError('validation_failed', `${field}: "${String(sku)}" is not a valid SKU`, {
      details: { issues: [{ path: field, message: 'invalid sku' }] },
    });
  }
}

export function requireLocation(id: unknown, field = 'storeId'): asserts id is string {
  if (typeof id !== 'string' || !LocationId.safeParse(id).success) {
    throw new OmnikitError('validation_failed', `${field}: "${String(id)}" is not a valid store id`, {
      details: { issues: [{ path: field, message: 'invalid store id' }] },
    });
  }
}
