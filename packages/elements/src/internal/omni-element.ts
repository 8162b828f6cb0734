import { ContextEvent, type ContextProvider } from '@lit/context';
import { LitElement, type PropertyDeclarations } from 'lit';
import { $defaultContext } from './configure.js';
import { attachContextRoot, defaultCurrency, linkContext, omniContext, type OmniContext } from './context.js';
import { messagesFor, resolveLocale, type Catalogs } from './i18n.js';
import { StoreController } from './store-controller.js';
import { hostStyles } from './theme.js';

/**
 * Asks for the provider's context with the @lit/context protocol. A function outside the class:
 * the manifest analyzer lists every `this.dispatchEvent` of a class as an event of its widgets,
 * and this request is no event a page listens for.
 */
function requestContext(el: HTMLElement, to: (v: OmniContext | undefined, unlink?: () => void) => void): void {
  el.dispatchEvent(new ContextEvent(omniContext, el, to, true));
}

/**
 * Base class of every Omnikit widget: shared host styles and tokens, the context from the
 * nearest `<omni-provider>` (or the page-wide `configure()` default), the resolved locale and
 * currency, and custom states (`:state(loading)`) through ElementInternals.
 */
export class OmniElement extends LitElement {
  static override styles = [hostStyles];
  // Not decorators: the decorator helper would ride in every chunk.
  static override properties: PropertyDeclarations = { theme: { reflect: true }, provided: { state: true } };

  /** `light` or `dark` to force a theme; unset follows the provider or the OS. */
  theme: 'light' | 'dark' | undefined;

  /** Set by the nearest `<omni-provider>`, and again on every change of its attributes. */
  protected provided: OmniContext | undefined;

  /** Ends the subscription to the provider's context. */
  private unlink: (() => void) | undefined;

  // The page-wide default only while no provider answered (a subscription fewer per widget),
  // and its controller only in a widget that found no provider (none on a page of hundreds).
  private defaults: StoreController<OmniContext | undefined> | undefined;
  private internals: ElementInternals | undefined;
  /** Custom states on now (created with the first). */
  private shownStates: Set<string> | undefined;

  private useDefaults(): void {
    this.defaults ??= new StoreController(this, () => (this.provided ? undefined : $defaultContext));
  }

  override connectedCallback(): void {
    // The provider's answer, now and on every change; a provider that takes over (one upgraded
    // closer) comes with another unsubscribe, so the old one ends.
    const to = (v: OmniContext | undefined, unlink?: () => void) => {
      if (unlink !== this.unlink) this.unlink?.();
      this.unlink = unlink;
      this.provided = v;
      if (!v) this.useDefaults();
    };
    // The nearest upgraded <omni-provider> of this bundle, found by a walk up (across shadow
    // roots): subscribing to it directly costs far less than the composed context-request event
    // it would otherwise answer, which a page of hundreds of widgets pays per widget.
    let n: Node | null = this;
    while ((n = n.parentNode ?? (n as ShadowRoot).host ?? null) && !(linkContext in n));
    if (n) {
      (n as unknown as { [linkContext]: ContextProvider<typeof omniContext> })[linkContext].addCallback(to, this, true);
    } else {
      this.useDefaults();
      // Before the request goes out, so a provider that upgrades later can answer it.
      attachContextRoot();
      requestContext(this, to);
    }
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unlink?.();
    this.unlink = undefined;
  }

  /**
   * Derives what `render()` shows from the inputs and the SDK's stores. Widgets call it in
   * `update()` before `super.update` (where their store controllers already follow this
   * update's inputs); server-side rendering (`ssr/render.ts`) calls it from `willUpdate()`.
   */
  protected derive(): void {}

  /** The provider's context, else the `configure()` default, else `undefined` (not set up yet). */
  protected get ctx(): OmniContext | undefined {
    // Without a controller (server-side rendering has no connect) the default as it is now.
    return this.provided ?? (this.defaults ? this.defaults.value : $defaultContext.value);
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
   * Turns a CSS custom state on or off (`omni-stock-badge:state(low-stock)`). States are
   * independent flags: a price can be `ready` and `sale` at once. Call it from `willUpdate()` or
   * `updated()`, never from `render()`. Browsers without CustomStateSet simply skip it; nothing
   * else depends on it.
   */
  protected toggleCustomState(name: string, on: boolean): void {
    // Our own record first: most updates change no state, and ElementInternals calls cost.
    const shown = (this.shownStates ??= new Set());
    if (shown.has(name) === on) return;
    if (on) shown.add(name);
    else shown.delete(name);
    try {
      this.internals ??= this.attachInternals();
      const states = this.internals.states;
      if (on) states.add(name);
      else states.delete(name);
    } catch {
      /* CustomStateSet unsupported (or attachInternals unavailable): styling hook only. */
    }
  }

  /** Sets exactly these custom states among `names`: each on when in `on`, else off. */
  protected setCustomStates(names: readonly string[], on: readonly string[]): void {
    for (const n of names) this.toggleCustomState(n, on.includes(n));
  }
}
