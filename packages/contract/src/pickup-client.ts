/**
 * `@omnikit/contract/pickup`: the store schemas and routes, for the SDK's click-and-collect
 * stores (the store picker) and the widgets that use them. Everything here is also exported by
 * `@omnikit/contract`; an entry of its own for the same reason as `@omnikit/contract/cart`: the
 * CDN build chunks by module, and the pickup chunk must not depend on the barrel, whose other
 * modules ride in `sdk.js` (a pickup chunk importing the barrel imported `sdk.js`, which
 * imports the pickup chunk: a circle).
 * @packageDocumentation
 */
export * from './stores.js';
