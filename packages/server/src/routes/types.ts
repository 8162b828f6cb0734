import type { Context } from 'hono';
import type { RouteName, Routes } from '@omnikit/contract';
import type { Credential } from '../auth.js';
import type { Queryable } from '../db/types.js';
import type { AppState } from '../state.js';

/** Hono context variables the middleware sets. */
export interface Env {
  Variables: { requestId: string; credential?: Credential; customerId?: string };
}

/** Output type of a contract schema (without importing zod: the schema carries it). */
export type Out<S> = S extends { _zod: { output: infer O } } ? O : undefined;

type Field<R, K extends string> = R extends Record<K, infer S> ? Out<S> : undefined;

/** What a handler gets: validated params, query and body, and where to send SQL. */
export interface HandlerInput<R> {
  params: Field<R, 'params'>;
  query: Field<R, 'query'>;
  body: Field<R, 'body'>;
  /** The database, or the mutation's transaction. */
  q: Queryable;
  c: Context<Env>;
  app: AppState;
}

/** A handler returns the response body (validated by the contract in tests) or a raw Response (streams). */
export type Handler<R> = (input: HandlerInput<R>) => Promise<Field<R, 'response'> | Response>;

/** One handler per operation of the route table: the compiler says when one is missing. */
export type Handlers = { [K in RouteName]: Handler<Routes[K]> };
