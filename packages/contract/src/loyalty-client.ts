/**
 * `@omnikit/contract/loyalty`: the loyalty schemas and routes, for the SDK's loyalty resource and
 * store. Everything here is also exported by `@omnikit/contract`; an entry of its own for the same
 * reason as `@omnikit/contract/cart`: the CDN build chunks by module, and a loyalty chunk must not
 * pull the barrel (and with it every other resource's schemas) into pages that never show points.
 * @packageDocumentation
 */
export * from './loyalty.js';
export { CUSTOMER_TOKEN_PREFIX } from './auth.js';
