import type { Keys } from './auth.js';
import type { Db } from './db/types.js';
import type { EventBus } from './events/bus.js';
import type { StreamRegistry } from './events/sse.js';
import type { Tier } from '@omnikit/contract';
import type { FulfillmentTimes } from './pickup/ready-time.js';
import { AvailabilityReadModel } from './read-model.js';

/** What every handler can reach: the database, the event bus and the resolved options. */
export interface AppState {
  db: Db;
  bus: EventBus;
  streams: StreamRegistry;
  keys: Keys;
  version: string;
  demoSignIn: boolean;
  heartbeatMs: number;
  /** Template of cart handoff URLs (`{code}` replaced); absent: the requesting origin's. */
  handoffUrl?: string;
  /** Minutes an online or invoice order waits for its payment. */
  paymentWindowMinutes: number;
  /** The current time (tests inject one): ready times, opening states and slots are computed at it. */
  clock?: () => Date;
  /** Lead times of ready times and delivery dates, over `DEFAULT_FULFILLMENT_TIMES` (pickup/ready-time.ts). */
  fulfillmentTimes?: Partial<FulfillmentTimes>;
  /** Hours a ready pickup order waits to be collected before it expires (default 72). */
  collectWithinHours?: number;
  /** Compartments of a locker location that does not say (default 20). */
  lockerCompartments?: number;
  /** Loyalty tiers, lowest first (default `DEFAULT_TIERS`). */
  loyaltyTiers?: readonly Tier[];
  /** Availability served from memory; made on first use by {@link readModelOf} unless given. */
  readModel?: AvailabilityReadModel;
}

/** The process's availability read model, made on first use (it loads what it is asked about, lazily). */
export function readModelOf(app: AppState): AvailabilityReadModel {
  return (app.readModel ??= new AvailabilityReadModel(app.db, app.bus));
}

/** The current time of the app: its injected clock, else the system's. */
export const nowOf = (app: AppState): Date => app.clock?.() ?? new Date();
