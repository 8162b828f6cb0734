import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { $defaultContext } from './configure.js';
import { attachContextRoot, defaultCurrency, omniContext, type OmniContext } from './context.js';
import { messagesFor, resolveLocale, type Catalogs } from './i18n.js';
import { StoreController } from './store-controller.js';
import { hostStyles } from './theme.js';

/**
 * Base class of every Omnikit widget: shared host styles and tokens, the context from the
 * nearest `<omni-provider>` (or the page-wide `configure()` default), the resolved locale and
 * currency, and custom states (`:state(loading)`) through ElementInternals.
 */
export class OmniElement extends LitElement {
  static override styles = [hostStyles];

  /** `light` or `dark` to force a theme; unset follows the provider or the OS. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** Set by the nearest `<omni-provider>`; `subscribe` so attribute changes there reach us. */
  @consume({ context: omniContext, subscribe: true })
  @state()
  protected provided: OmniContext | undefined;

  private readonly defaults = new StoreController(this, () => $defaultContext);
  private internals: ElementInternals | undefined;
  private currentState: string | undefined;

  override connectedCallback(): void {
    // Before the context request goes out, so a provider that upgrades later can answer it.
    attachContextRoot();
    super.connectedCallback();
  }

  /** The provider's context, else the `configure()` default, else `undefined` (not set up yet). */
  protected get ctx(): OmniContext | undefined {
    return this.provided ?? this.defaults.value;
  }

  /** Provider locale, then `<html lang>`, then `en`. */
  protected get resolvedLocale(): string {
    return resolveLocale(this.ctx?.locale);
  }

  /** Provider currency, else the usual one for the locale. */
  protected get resolvedCurrency(): string {
    return this.ctx?.currency || defaultCurrency(this.resolvedLocale);
  }

  /** This widget's messages in the resolved locale. */
  protected messages<M>(catalogs: Catalogs<M>): M {
    return messagesFor(catalogs, this.resolvedLocale);
  }

  /**
   * Exposes the widget's state as a CSS custom state (`omni-stock-badge:state(low-stock)`).
   * Browsers without CustomStateSet simply skip it; nothing else depends on it.
   */
  protected setCustomState(name: string): void {
    if (name === this.currentState) return;
    try {
      this.internals ??= this.attachInternals();
      const states = this.internals.states;
      if (this.currentState) states.delete(this.currentState);
      states.add(name);
    } catch {
      /* CustomStateSet unsupported (or attachInternals unavailable): styling hook only. */
    }
    this.currentState = name;
  }
}
