// Part of `@omnikit/elements/ssr-client.js` (imported there before the widgets are defined).
import { ReactiveElement, type PropertyValues } from 'lit';
import { OmniElement } from '../internal/omni-element.js';

type Updating = { update(changed: PropertyValues): void };
/** What a widget derived for this update (`current`: the badge's `kind`, the price's `state`). */
type Derived = { current?: { kind?: string; state?: string }; [fromServer]?: boolean };

// A server-rendered widget hydrates into the state the server showed. An answer the server had
// can still resolve a microtask late on the client (the primed cache is read through a promise);
// until then the widget keeps the server's DOM (ReactiveElement's update only reflects
// attributes) and the next update, with the state known, hydrates. Here, not in the widgets, so
// pages without SSR carry none of it.

/** Whether the shadow root came from the server (declarative shadow DOM) and is not hydrated yet. */
const fromServer = Symbol();
const connected = OmniElement.prototype.connectedCallback;
OmniElement.prototype.connectedCallback = function (this: OmniElement & Derived) {
  this[fromServer] ??= !!this.shadowRoot;
  connected.call(this);
};
const update = (OmniElement.prototype as unknown as Updating).update;
(OmniElement.prototype as unknown as Updating).update = function (this: OmniElement & Derived, changed: PropertyValues) {
  const c = this.current;
  if (this[fromServer] && (c?.kind ?? c?.state) === 'loading') {
    return (ReactiveElement.prototype as unknown as Updating).update.call(this, changed);
  }
  this[fromServer] = false;
  return update.call(this, changed);
};

