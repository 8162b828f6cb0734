/**
 * `@omnikit/contract/cart`: the cart and order schemas and routes, for the SDK's cart (and the
 * widgets that use it). Everything here is also exported by `@omnikit/contract`; an entry of its
 * own for the same reason as `@omnikit/contract/client`: the CDN build chunks by module, and the
 * cart's chunk must not pull the barrel's other modules into the chunk every widget loads.
 * @packageDocumentation
 */
export * from './cart.js';
export * from './cart-handoff.js';
export * from './orders.js';
