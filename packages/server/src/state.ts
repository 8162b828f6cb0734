import type { Keys } from './auth.js';
import type { Db } from './db/types.js';
import type { EventBus } from './events/bus.js';
import type { StreamRegistry } from './events/sse.js';
import type { TtlCache } from './cache.js';

/** What every handler can reach: the database, the event bus and the resolved options. */
export interface AppState {
  db: Db;
  bus: EventBus;
  streams: StreamRegistry;
  keys: Keys;
  version: string;
  demoSignIn: boolean;
  heartbeatMs: number;
  /** Known SKUs (value: the product's updated-at) and store ids, for hot batch reads. */
  known: { products: TtlCache<string>; stores: TtlCache<true> };
}
