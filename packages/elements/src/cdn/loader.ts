/**
 * `omnikit.js`, the script-tag entry point. It knows every `omni-` tag but none of their code:
 * the first time a tag appears in the document, it imports that widget's chunk (which pulls
 * in the shared chunks), so a page downloads only the widgets it uses.
 *
 * The document is observed automatically. Widgets that render other widgets inside their
 * own shadow DOM import those definitions themselves, so the loader never has to look into
 * shadow roots; a host page that puts `omni-` tags inside its own shadow roots calls
 * `observe(shadowRoot)` once per root.
 *
 * ```html
 * <script type="module" src="https://cdn.example/omnikit/omnikit.js"></script>
 * <omni-provider api="https://api.example" key="pk_..."><omni-stock-badge sku="OK-10001"></omni-stock-badge></omni-provider>
 * ```
 * @packageDocumentation
 */
import { widgets, type WidgetTag } from './widgets.js';

/** Tags not loaded yet; emptied as their chunks are requested. */
const pending = new Map<string, () => Promise<unknown>>(Object.entries(widgets));
let selector = '';
const refresh = () => (selector = [...pending.keys()].join(','));
refresh();

/**
 * Loads the chunk that defines `tag` (once; later calls return the same promise). Resolves
 * when the element is defined. Use it to load a widget before its tag is on the page.
 */
export function load(tag: WidgetTag): Promise<CustomElementConstructor>;
export function load(tag: string): Promise<CustomElementConstructor | undefined>;
export function load(tag: string): Promise<CustomElementConstructor | undefined> {
  const importer = pending.get(tag);
  // Another copy (npm build, omnikit.all.js) may already have defined it: no download.
  if (importer && !customElements.get(tag)) {
    pending.delete(tag);
    refresh();
    // Widget chunks load in parallel: <omni-provider> lives in the shared chunk every widget
    // chunk imports, and a widget that connects before its provider is defined is answered
    // when the provider arrives (the ContextRoot in internal/context.ts).
    importer().catch((error: unknown) => {
      // A failed chunk (offline, CDN blip) is retried the next time the tag appears.
      pending.set(tag, importer);
      refresh();
      for (const root of roots) observer.observe(root, options);
      console.warn(`[omnikit] could not load <${tag}>`, error);
    });
  } else if (importer) {
    pending.delete(tag);
    refresh();
  }
  return tag in widgets ? customElements.whenDefined(tag) : Promise.resolve(undefined);
}

/** Loads every pending widget used in `root` (itself included). */
function scan(root: ParentNode): void {
  if (root instanceof Element && pending.has(root.localName)) void load(root.localName);
  // One match per pending tag at most: each hit leaves the selector, so this stops early.
  for (let el: Element | null; selector && (el = root.querySelector(selector)); ) void load(el.localName);
}

const options: MutationObserverInit = { childList: true, subtree: true };
/** Roots watched; kept so a failed load can resume watching after the observer stopped. */
const roots: (Document | ShadowRoot | Element)[] = [];
const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node.nodeType === 1) scan(node as Element);
  }
  if (!pending.size) observer.disconnect();
});

/**
 * Watches `root` (a shadow root or element the document observer cannot see into) for
 * `omni-` tags, loading widgets as they appear. The document itself is watched already.
 */
export function observe(root: Document | ShadowRoot | Element): void {
  roots.push(root);
  scan(root);
  if (pending.size) observer.observe(root, options);
}

observe(document);
