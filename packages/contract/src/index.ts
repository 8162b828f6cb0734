/**
 * The Omnikit API contract: zod (mini) schemas of every resource, the error codes, the route
 * table shared by the SDK and the server, and the OpenAPI document built from them.
 * @packageDocumentation
 */
export * from './common.js';
export * from './stores.js';
export * from './products.js';
export * from './categories.js';
export * from './availability.js';
export * from './nearest.js';
export * from './geo.js';
export * from './stock.js';
export * from './auth.js';
export * from './errors.js';
export * from './events.js';
export * from './cart.js';
export * from './cart-handoff.js';
export * from './orders.js';
export * from './fulfillment.js';
export * from './pickup-slots.js';
export * from './staff.js';
export * from './loyalty.js';
export * from './pricing.js';
export * from './inputs.js';
export * from './health.js';
export * from './route-def.js';
export * from './routes.js';
