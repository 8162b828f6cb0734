import { ContextRoot, createContext } from '@lit/context';
import type { createBaseClient } from '@omnikit/sdk/base';

/**
 * The SDK client the widgets talk through: the SDK's smallest client (no namespaces), since the
 * widgets call the SDK's store functions directly. A full `createClient()` client fits too.
 */
export type OmniClient = ReturnType<typeof createBaseClient>;

/** What `<omni-provider>` (or `configure()`) gives every widget below it. */
export interface OmniContext {
  /** The shared SDK client. */
  client: OmniClient;
  /** Sales channel: `web`, `kiosk`, `app` or `pos`. */
  channel: string;
  /**
   * The store to show: the provider's `store` attribute when set, otherwise the client's
   * selected store; `undefined` when neither is set (widgets then show online stock).
   */
  storeId: string | undefined;
  /** BCP 47 locale, when set; widgets fall back to `<html lang>`, then English. */
  locale: string | undefined;
  /** ISO 4217 currency for prices, when set; widgets fall back to the locale's usual one. */
  currency: string | undefined;
}

/** The Lit context key; a Symbol so two copies of the bundle never answer each other's requests. */
export const omniContext = createContext<OmniContext | undefined>(Symbol('omni-client'));

/**
 * @internal Where `<omni-provider>` keeps its `ContextProvider`, so a widget of the same bundle
 * that walks up to it subscribes directly instead of sending a `context-request` event (which
 * every other consumer of {@link omniContext} still sends, and gets answered).
 */
export const linkContext = Symbol();

let rootAttached = false;

/**
 * Keeps context requests that no provider answered yet, and replays them when a provider
 * appears: a widget defined before `<omni-provider>` (an npm import order, or chunks that load in
 * any order) still gets its client once the provider upgrades. Attached once per page.
 */
export function attachContextRoot(): void {
  if (rootAttached || typeof document === 'undefined') return;
  rootAttached = true;
  new ContextRoot().attach(document.documentElement);
}

/** Default currency by language when none is configured. */
export function defaultCurrency(locale: string | undefined): string {
  const l = (locale ?? '').toLowerCase();
  if (/^(nb|nn|no)\b/.test(l)) return 'NOK';
  if (/^da\b/.test(l)) return 'DKK';
  if (/^fi\b/.test(l)) return 'EUR';
  return 'SEK';
}
