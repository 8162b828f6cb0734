/**
 * `@omnikit/sdk/cart`: the shopper's cart for the widget path. The cart widgets import this
 * entry beside `@omnikit/sdk/base` (never the full client), so the cart's code and schemas ride
 * in the cart widgets' own CDN chunk and a page without a cart widget pays nothing for them.
 * `@omnikit/sdk` re-exports the same functions and types.
 * @packageDocumentation
 */
import type { ReadableAtom } from 'nanostores';
import type { ClientLike } from './client-state.js';
import { cartCoreOf } from './resources/cart-core.js';
import { asOmnikitError, remoteStore, setReady, type Remote } from './stores/remote.js';

export { addToCart, addToCartStore, type AddToCartKind, type AddToCartQuery, type AddToCartReason, type AddToCartState, type AddedToCart } from './stores/add-to-cart.js';
export { fulfillmentChoice, FULFILLMENT_CHOICE_KEY, type FulfillmentChoice, type FulfillmentChoiceApi } from './stores/fulfillment-choice.js';
export {
  clickCollectStore,
  chooseClickCollectOption,
  chooseClickCollectSlot,
  type ClickCollectQuery,
  type ClickCollectState,
  type ClickCollectOption,
  type ClickCollectSlots,
  type ReadyDay,
} from './stores/click-collect.js';
export { orderStore } from './stores/order.js';
export { orderStatusStore, orderStatusOf, type OrderStatusStore, type OrderStatusState, type OrderStatusStep, type OrderStepKey, type OrderOutcome, type OrderLockerView, type OrderActionState } from './stores/order-status.js';
export { arriveOrder, resolveOrder, watchOrder, type ArriveInput } from './resources/orders.js';
export { cartOf, getOrder, setPickupSlot, MAX_REAPPLY, CART_STORAGE_KEY, ORDERS_STORAGE_KEY, type CartApi, type AddLineInput, type CheckoutInput } from './resources/cart.js';
export { cartViewOf, emailProblemOf, CART_UNDO_MS, type CartViewApi, type CartView, type CartViewStatus, type CartViewLine, type CartViewRemoved, type CartViewGroup, type CartViewChange, type EmailProblem } from './stores/cart-view.js';
export { createCartHandoff, checkHandoffCode, formatHandoffCode, HANDOFF_AUTO_RENEWALS, HANDOFF_ALPHABET, HANDOFF_CODE_LENGTH, HANDOFF_TTL_MINUTES, HANDOFF_URL_PARAM, type CartHandoffController, type CartHandoffOptions, type HandoffClock, type HandoffCodeCheck, type HandoffCodeProblem, type HandoffResumeState, type HandoffShowState, type ShownHandoff } from './stores/handoff.js';
export {
  MAX_LINE_QUANTITY,
  type Cart,
  type CartLine,
  type CartHandoff,
  type Fulfillment,
  type FulfillmentGroup,
  type LineAvailability,
  type LineAlternative,
  type MoneyTotals,
  type Order,
  type OrderStatus,
  type OrderPickup,
  type PickupArrival,
  type OrderAttention,
  type OrderAlternative,
  type ShortLine,
  type ResolveBody,
  type ResolutionChoice,
  type OrderReturn,
  type Refund,
  type PaymentMethod,
} from '@omnikit/contract/cart';

/**
 * The number of items in this device's cart (the server's `cart.itemCount`, every unit of every
 * line), as remote data for a header icon: `loading` until the cart is known (read once when
 * the store starts, when this device has a cart), `ready` with `0` when there is no cart, then
 * every change of `$cart`: this page's changes, other tabs' and other devices' (the cart's
 * event topic). `error` when that first read failed and no cart is known yet; a later change
 * of the cart makes it `ready` again. One store per client.
 */
/* @__NO_SIDE_EFFECTS__ */
export function cartCountStore(client: ClientLike): ReadableAtom<Remote<number>> {
  return remoteStore<number>(client, 'cart-count', ($store) => {
    const cart = cartCoreOf(client);
    let active = true;
    const show = (c: { itemCount: number } | null) => setReady($store, c?.itemCount ?? 0);
    // `$cart` is `null` both before the first read and when there is no cart: only a non-null
    // value is known without asking; `get()` answers `null` at once when there is no handle.
    const known = cart.$cart.get();
    if (known) show(known);
    const stop = cart.$cart.listen((c) => active && show(c));
    // The cart as `$cart` holds it after the read: a change that overtook the read wins.
    cart.get().then(
      () => active && show(cart.$cart.get()),
      (e) => active && $store.value?.status !== 'ready' && $store.set({ status: 'error', error: asOmnikitError(e) }),
    );
    return () => {
      active = false;
      stop();
    };
  });
}
