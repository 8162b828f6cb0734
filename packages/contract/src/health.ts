import * as z from 'zod/mini';
import { defineSchema } from './common.js';
import type { RouteDef } from './route-def.js';

const HealthResponse = defineSchema(() => z.object({ ok: z.boolean(), version: z.string(), database: z.string() }));

/** `health` of `routes` as a client calls it (no input schemas). */
export const healthRoute = {
  method: 'GET', path: '/v1/health', auth: 'public', tag: 'meta',
  summary: 'Liveness and database kind', response: HealthResponse,
} as const satisfies RouteDef;
