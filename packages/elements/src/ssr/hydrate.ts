// Part of `@omnikit/elements/ssr-client.js` (imported there before the widgets are defined).
import { warn } from '#dev';
import { ReactiveElement, render, type PropertyValues } from 'lit';
import { OmniElement } from '../internal/omni-element.js';

type Updating = { update(changed: PropertyValues): void };
/** What a widget derived for this update (`current`: the badge's `kind`, the price's `state`). */
type Derived = { current?: { kind?: string; state?: string }; [fromServer]?: boolean; [own]?: boolean };

// A server-rendered widget hydrates into the state the server showed. An answer the server had
// can still resolve a microtask late on the client (the primed cache is read through a promise);
// until then the widget keeps the server's DOM (ReactiveElement's update only reflects
// attributes) and the next update, with the state known, hydrates. Here, not in the widgets, so
// pages without SSR carry none of it.

/** A node's content as HTML, without comments (Lit's markers) and style elements. */
const markup = (node: Element | ShadowRoot): string =>
  [...node.childNodes]
    .map((n) => (n instanceof Element && !(n instanceof HTMLStyleElement) ? n.outerHTML : n.nodeType === Node.TEXT_NODE ? n.textContent : ''))
    .join('')
    .replace(/<!--[\s\S]*?-->/g, '');

/** Whether the shadow root came from the server (declarative shadow DOM) and is not hydrated yet. */
const fromServer = Symbol();
const connected = OmniElement.prototype.connectedCallback;
OmniElement.prototype.connectedCallback = function (this: OmniElement & Derived) {
  this[fromServer] ??= !!this.shadowRoot;
  connected.call(this);
};
const update = (OmniElement.prototype as unknown as Updating).update;
const reflectOnly = (ReactiveElement.prototype as unknown as Updating).update;
/** Renders through lit-html itself, not Lit's hydration (its server DOM was replaced). */
const own = Symbol();
(OmniElement.prototype as unknown as Updating).update = function (this: OmniElement & Derived, changed: PropertyValues) {
  const c = this.current;
  const root = this.renderRoot as ShadowRoot;
  const template = () => (this as unknown as { render(): unknown }).render();
  const fresh = () => {
    for (const node of [...root.childNodes]) if (!(node instanceof HTMLStyleElement)) node.remove();
    this[own] = true;
    render(template(), root, this.renderOptions);
  };
  if (this[own]) {
    reflectOnly.call(this, changed);
    render(template(), root, this.renderOptions);
    return;
  }
  if (this[fromServer] && (c?.kind ?? c?.state) === 'loading') return reflectOnly.call(this, changed);
  const first = this[fromServer];
  this[fromServer] = false;
  if (!first) return update.call(this, changed);
  // Lit's hydration trusts that the server's DOM shows the client's values (it checks only the
  // template's shape): a state that changed in between (another quantity, an error) would keep
  // the server's text. So the client's first render is compared with the server's, and a widget
  // that differs renders afresh instead of hydrating.
  const probe = document.createElement('div');
  render(template(), probe);
  if (markup(probe) !== markup(root)) {
    reflectOnly.call(this, changed);
    return fresh();
  }
  try {
    update.call(this, changed);
  } catch (error) {
    // Hydration refused the DOM after all: render afresh rather than throw into the page.
    fresh();
    warn('a server-rendered widget could not hydrate; rendered afresh', this, error);
  }
};
