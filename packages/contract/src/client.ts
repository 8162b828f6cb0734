/**
 * `@omnikit/contract/client`: the part of the contract a client's read path runs (the shared
 * scalars, error envelope and headers, route shape, availability, products and event-stream
 * schemas). Everything here is also exported by `@omnikit/contract`.
 *
 * Why a second entry: a bundler that splits chunks by module (the CDN build) counts every module
 * a barrel re-exports as imported by whoever imports the barrel. The SDK's widget path imports
 * this entry, so the store, category, nearest, stock, auth and input schemas that only page
 * scripts or the server use stay out of the chunks the widgets share.
 * @packageDocumentation
 */
export * from './common.js';
export * from './errors.js';
export * from './route-def.js';
export * from './availability.js';
export * from './products.js';
export * from './events.js';
