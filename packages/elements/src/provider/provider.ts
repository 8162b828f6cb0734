import { ContextProvider } from '@lit/context';
import { warn } from '#dev';
import { createBaseClient } from '@omnikit/sdk/base';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { linkContext, omniContext, type OmniClient, type OmniContext } from '../internal/context.js';
import { StoreController } from '../internal/store-controller.js';
import { providerThemeStyles } from '../internal/theme.js';

/**
 * Gives every Omnikit widget inside it one shared SDK client and the store, locale and currency
 * to show. Changing an attribute at runtime updates every widget below; two providers on a page
 * each keep their own client and settings. The client is closed when the provider is removed.
 *
 * @summary Shares one Omnikit client and settings with the widgets inside it.
 * @tag omni-provider
 * @slot - The page content containing Omnikit widgets.
 * @cssprop --omni-color-text - Set by `theme="light|dark"` for all widgets inside (every `--omni-*` token is).
 */
export class OmniProvider extends LitElement {
  static override styles = [
    css`
      :host {
        display: contents;
      }
    `,
    providerThemeStyles,
  ];
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties = { api: {}, publishableKey: { attribute: 'publishable-key' }, key: {}, channel: {}, store: {}, locale: {}, currency: {}, theme: { reflect: true }, client: { attribute: false } };

  /** API base URL, e.g. `https://api.example.com`; empty for the page's own origin. */
  api = '';

  /**
   * Publishable key (`pk_...`). Never put a secret key in a page. The attribute frameworks
   * leave alone: React and Vue keep `key` for themselves.
   */
  publishableKey = '';

  /** The same as `publishable-key`, for plain HTML (`publishable-key` wins when both are set). */
  key = '';

  /** Sales channel: `web`, `kiosk`, `app` or `pos`. */
  channel = 'web';

  /** A fixed store id for the widgets inside; when unset they follow the shopper's selected store. */
  store: string | undefined;

  /** BCP 47 locale (`sv-SE`, `nb-NO`, `da-DK`, `fi-FI`, `en`); when unset, `<html lang>`. */
  locale: string | undefined;

  /** ISO 4217 currency (`SEK`, `NOK`, `DKK`, `EUR`); when unset, the locale's usual one. */
  currency: string | undefined;

  /** `light` or `dark` to force a theme for everything inside; unset follows the OS. */
  theme: 'light' | 'dark' | undefined;

  /**
   * The SDK client shared with the widgets inside. Created from `api`, `key` and `channel`
   * (and closed with the provider); or assign your own (`createBaseClient()`/`createClient()`,
   * e.g. with a custom `fetch`), which the provider then uses and never closes. Page scripts
   * use it too, e.g. `provider.client.selectStore(id)`.
   */
  client: OmniClient | undefined;

  /**
   * @internal Answers every `omniContext` request from below; the widgets of this bundle find it
   * here and subscribe without an event.
   */
  readonly [linkContext] = new ContextProvider(this, { context: omniContext });

  /** What the widgets inside get. */
  protected get value(): OmniContext | undefined {
    return this[linkContext].value;
  }

  private readonly selected = new StoreController(this, () => this.client?.$selectedStore);
  /** The client we created (and so must close), and what it was created from. */
  private created: OmniClient | undefined;
  private clientKey = '';
  /**
   * Given to the widgets while the provider cannot make a client (no key, a bad channel): it
   * answers every call with that error, so each widget shows its error state instead of a
   * skeleton that never ends, and the page makes no request.
   */
  private refusing: OmniClient | undefined;
  private refusal: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ensureClient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Wait a microtask: a provider moved in the DOM is disconnected and reconnected at once
    // and should keep its client (and its open event stream).
    queueMicrotask(() => {
      if (!this.isConnected) this.closeCreated();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A client assigned from outside replaces ours.
    if (changed.has('client') && this.client !== this.created) this.closeCreated();
    if (changed.has('api') || changed.has('key') || changed.has('publishableKey') || changed.has('channel')) this.ensureClient();
  }

  protected override update(changed: PropertyValues<this>): void {
    // Here, not in willUpdate: the selected-store controller follows the client in hostUpdate,
    // which runs between the two. Set before super.update, so no second update follows.
    this.publish();
    super.update(changed);
  }

  /** Gives the widgets inside the context of the current attributes and client (also from `ssr/render.ts`). */
  protected publish(): void {
    const client = this.client ?? this.refusing;
    this[linkContext].setValue(client && {
      client,
      channel: this.channel,
      storeId: this.store || this.selected.value || undefined,
      locale: this.locale || undefined,
      currency: this.currency || undefined,
    });
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private ensureClient(): void {
    if (this.client && this.client !== this.created) return;
    const key = this.publishableKey || this.key;
    const id = `${this.api}\n${key}\n${this.channel}`;
    // Once per configuration, also when it failed (no warning on every update).
    if (id === this.clientKey) return;
    this.closeCreated();
    this.clientKey = id;
    if (!key) return this.refuse('unauthorized', 'no publishable key: set the publishable-key attribute (key also works in plain HTML)');
    try {
      this.client = this.created = createBaseClient({
        baseUrl: this.api,
        publishableKey: key,
        channel: this.channel,
        ...(this.locale ? { locale: this.locale } : {}),
        ...(this.currency ? { currency: this.currency } : {}),
      } as Parameters<typeof createBaseClient>[0]);
    } catch (error) {
      // A bad attribute (unknown channel) must not throw into the page.
      this.refuse((error as { code?: string }).code ?? 'validation_failed', (error as Error).message);
    }
  }

  /**
   * No client can be made: after this task (a framework may still be setting the key), the
   * widgets get a client that fails every call with `code`, and a development build says why.
   */
  private refuse(code: string, message: string): void {
    this.refusal = setTimeout(() => {
      warn(`<omni-provider>: ${message}`, this);
      const body = JSON.stringify({ error: { code, message: `<omni-provider>: ${message}`, requestId: 'omni-provider' } });
      this.refusing = createBaseClient({
        baseUrl: this.api,
        publishableKey: 'pk_unconfigured',
        storage: null,
        fetch: () => Promise.resolve(new Response(body, { status: code === 'unauthorized' ? 401 : 400, headers: { 'content-type': 'application/json' } })),
      });
      this.requestUpdate();
    });
  }

  private closeCreated(): void {
    clearTimeout(this.refusal);
    this.refusing?.close();
    this.refusing = undefined;
    this.clientKey = '';
    if (!this.created) return;
    this.created.close();
    if (this.client === this.created) this.client = undefined;
    this.created = undefined;
  }
}
