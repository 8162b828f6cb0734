import { LocationId, Sku } from '@omnikit/contract/client';
import { OmnikitError } from '../errors.js';

// Ids already checked: a page of badges checks each SKU several times per badge (the store, its
// watch and its read), and a schema parse per check is a measurable part of a badge's first render.
const valid = new Set<string>();
function checked(kind: string, id: unknown, ok: (id: string) => boolean): boolean {
  if (typeof id !== 'string') return false;
  const k = `${kind}${id}`;
  if (valid.has(k)) return true;
  if (!ok(id)) return false;
  if (valid.size > 10_000) valid.clear();
  valid.add(k);
  return true;
}

/** Client-side checks so a typo fails at the call with a clear message, not as a batch-wide 400. */
export function requireSku(sku: unknown, field = 'sku'): asserts sku is string {
  if (!checked('s:', sku, (v) => Sku.safeParse(v).success)) {
    throw new OmnikitError('validation_failed', `${field}: "${String(sku)}" is not a valid SKU`, {
      details: { issues: [{ path: field, message: 'invalid sku' }] },
    });
  }
}

export function requireLocation(id: unknown, field = 'storeId'): asserts id is string {
  if (!checked('l:', id, (v) => LocationId.safeParse(v).success)) {
    throw new OmnikitError('validation_failed', `${field}: "${String(id)}" is not a valid store id`, {
      details: { issues: [{ path: field, message: 'invalid store id' }] },
    });
  }
}
