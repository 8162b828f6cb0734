import { adminHandlers } from './admin.js';
import { availabilityHandlers } from './availability.js';
import { cartHandlers } from './carts.js';
import { eventHandlers } from './events.js';
import { orderHandlers } from './orders.js';
import { loyaltyHandlers } from '../loyalty/routes.js';
import { pickupHandlers } from '../pickup/routes.js';
import { productHandlers } from './products.js';
import { storeHandlers } from './stores.js';
import type { Handlers } from './types.js';

/** Every operation of the contract's route table, by operation id. */
export const handlers: Handlers = {
  async health({ app }) {
    await app.db.query('SELECT 1');
    return { ok: true, version: app.version, database: app.db.kind };
  },
  ...storeHandlers,
  ...productHandlers,
  ...availabilityHandlers,
  ...eventHandlers,
  ...adminHandlers,
  ...cartHandlers,
  ...orderHandlers,
  ...pickupHandlers,
  ...loyaltyHandlers,
};
