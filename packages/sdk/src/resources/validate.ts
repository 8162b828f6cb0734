import { LocationId, Sku } from '@omnikit/contract/client';
import { OmnikitError } from '../errors.js';

// Ids already checked: a page of badges checks each SKU several times per badge (the store, its
// watch and its read), and a schema parse per check is a measurable part of a badge's first render.
// One set per kind, keyed by the id itself: the same string each time (an attribute's value), so
// a check is a hash lookup with no string built.
const validSkus = new Set<string>();
const validLocations = new Set<string>();
function remember(valid: Set<string>, id: string): void {
  if (valid.size > 10_000) valid.clear();
  valid.add(id);
}

/** Client-side checks so a typo fails at the call with a clear message, not as a batch-wide 400. */
export function requireSku(sku: unknown, field = 'sku'): asserts sku is string {
  if (typeof sku === 'string' && validSkus.has(sku)) return;
  if (typeof sku === 'string' && Sku.safeParse(sku).success) remember(validSkus, sku);
  else {
    throw new OmnikitError('validation_failed', `${field}: "${String(sku)}" is not a valid SKU`, {
      details: { issues: [{ path: field, message: 'invalid sku' }] },
    });
  }
}

export function requireLocation(id: unknown, field = 'storeId'): asserts id is string {
  if (typeof id === 'string' && validLocations.has(id)) return;
  if (typeof id === 'string' && LocationId.safeParse(id).success) remember(validLocations, id);
  else {
    throw new OmnikitError('validation_failed', `${field}: "${String(id)}" is not a valid store id`, {
      details: { issues: [{ path: field, message: 'invalid store id' }] },
    });
  }
}
