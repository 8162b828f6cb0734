import { createBaseClient } from '@omnikit/sdk/base';
import { atom } from 'nanostores';
import { type OmniClient, type OmniContext } from './context.js';

/** Options for {@link configure}. */
export interface ConfigureOptions {
  /** API base URL, e.g. `https://api.example.com`; empty for the page's own origin. Ignored when `client` is given. */
  api?: string;
  /** Publishable key (`pk_...`). Ignored when `client` is given. */
  key?: string;
  /** An SDK client you created yourself, to share it with your own code. */
  client?: OmniClient;
  /** Sales channel (default `web`). */
  channel?: 'web' | 'kiosk' | 'app' | 'pos';
  /** Fixed store id; when unset the client's selected store is used. */
  store?: string;
  /** BCP 47 locale; when unset `<html lang>`, then English. */
  locale?: string;
  /** ISO 4217 currency; when unset derived from the locale. */
  currency?: string;
}

/** The page-wide default context; widgets without a provider read it. */
export const $defaultContext = atom<OmniContext | undefined>(undefined);

let stop: (() => void) | undefined;

/**
 * Sets the page-wide default used by every widget that has no `<omni-provider>` above it.
 * Calling it again replaces the default (and closes a client it created before); widgets
 * already on the page update. Returns the client, so the page can call e.g. `selectStore()`.
 * Throws the SDK's `OmnikitError` (`validation_failed`) for a missing key or unknown channel.
 *
 * ```js
 * import { configure } from '@omnikit/elements';
 * configure({ api: 'https://api.example.com', key: 'pk_live_...', locale: 'sv-SE' });
 * ```
 */
export function configure(options: ConfigureOptions): OmniClient {
  stop?.();
  const channel = options.channel ?? 'web';
  const own = !options.client;
  const client =
    options.client ??
    createBaseClient({
      baseUrl: options.api ?? '',
      publishableKey: options.key ?? '',
      channel,
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.currency ? { currency: options.currency } : {}),
    } as Parameters<typeof createBaseClient>[0]);
  const unlisten = client.$selectedStore.subscribe((selected) => {
    $defaultContext.set({
      client,
      channel,
      storeId: options.store || selected || undefined,
      locale: options.locale,
      currency: options.currency,
    });
  });
  stop = () => {
    unlisten();
    if (own) client.close();
  };
  return client;
}
