import { CART_SECRET_HEADER, setCartPickupSlotRoute, type Cart } from '@omnikit/contract/cart';
import { CORE, type ClientLike } from '../client-state.js';
import { OmnikitError, isOmnikitError } from '../errors.js';
import { randomId, type CallOptions } from '../transport.js';
import { MAX_REAPPLY, cartCoreOf, invalid } from './cart-core.js';

// The shapes the server takes (checked here so a typo fails at the call, before a request).
const STORE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SLOT_ID = /^[a-z0-9][a-z0-9-]{0,63}@\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * Chooses the pickup slot of the cart's pickup group at a store (`slotId` from
 * `omni.pickup.slots`, or `null` for none): `omni.cart.setPickupSlot` as a function of its own,
 * so the add-to-cart path carries it without the rest of the cart API. Checked here first
 * (`validation_failed`); `cart_not_found` without a cart on this device; a change of the cart by
 * another device is re-applied.
 */
export function setPickupSlot(client: ClientLike, input: { storeId: string; slotId: string | null }, options?: CallOptions): Promise<Cart> {
  const core = cartCoreOf(client);
  const { handle, serial, show } = core._;
  const call = client[CORE].transport.call;
  const slotOk = input?.slotId === null || (typeof input?.slotId === 'string' && SLOT_ID.test(input.slotId));
  if (typeof input?.storeId !== 'string' || !STORE_ID.test(input.storeId) || !slotOk) {
    return Promise.reject(invalid('setPickupSlot needs { storeId, slotId } with a slot id from omni.pickup.slots (or slotId: null)'));
  }
  const key = options?.idempotencyKey ?? randomId();
  return serial(async () => {
    for (let attempt = 0; ; attempt++) {
      const h = handle();
      if (!h) throw new OmnikitError('cart_not_found', 'There is no cart on this device to choose a slot for.');
      const cur = core.$cart.get();
      const headers = { [CART_SECRET_HEADER]: h.secret, ...(cur?.id === h.id ? { 'If-Match': `"${cur.version}"` } : {}) };
      try {
        const cart = await call(setCartPickupSlotRoute, { params: { cartId: h.id }, body: { storeId: input.storeId, slotId: input.slotId }, headers }, { ...options, idempotencyKey: key });
        show(cart);
        return cart;
      } catch (e) {
        // Another device changed the cart: the choice applies as is to the cart as it is now.
        if (attempt < MAX_REAPPLY && isOmnikitError(e, 'cart_version_conflict')) {
          await core.get(options);
          continue;
        }
        throw e;
      }
    }
  });
}

