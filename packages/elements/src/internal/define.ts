import { warn } from '#dev';

/**
 * Registers a custom element once. A second registration of the same tag (two copies of the
 * bundle on one page, or a CDN chunk plus an npm import) keeps the first instead of throwing, so
 * a host page never sees an exception from us; development builds warn.
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
  } else if (existing !== ctor) {
    warn(`<${tag}> is already defined by another copy of Omnikit; keeping the first.`);
  }
}
