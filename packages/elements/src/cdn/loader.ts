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

/** Imports in flight or done, by tag (they never reject); a failed one is forgotten so it can be retried. */
const imports = new Map<string, Promise<unknown>>();

const PROVIDER = 'omni-provider';

/**
 * Loads the chunk that defines `tag` (once; later calls return the same promise). Resolves
 * when the element is defined. Use it to load a widget before its tag is on the page.
 */
export function load(tag: WidgetTag): Promise<CustomElementConstructor>;
export function load(tag: string): Promise<CustomElementConstructor | undefined>;
export function load(tag: string): Promise<CustomElementConstructor | undefined> {
  return request(tag);
}

/** {@link load}, for a tag found as `el` (its provider may be an ancestor in a shadow root). */
function request(tag: string, el?: Element): Promise<CustomElementConstructor | undefined> {
  const importer = pending.get(tag);
  // Another copy (npm build, omnikit.all.js) may already have defined it: no download.
  if (importer && !customElements.get(tag)) {
    pending.delete(tag);
    refresh();
    // A widget asks the <omni-provider> above it for its client once, when it connects; a
    // provider defined after it would never hear the question. So while the page has a
    // provider that is not defined yet, widgets are imported after it (the provider chunk
    // brings the shared chunk, so the widget chunk that follows is small).
    const first =
      tag !== PROVIDER && !customElements.get(PROVIDER) && (el?.closest(PROVIDER) || document.querySelector(PROVIDER))
        ? (request(PROVIDER), imports.get(PROVIDER))
        : undefined;
    const loading = (first ? first.then(importer) : importer()).catch((error: unknown) => {
      // A failed chunk (offline, CDN blip) is retried the next time the tag appears.
      imports.delete(tag);
      pending.set(tag, importer);
      refresh();
      for (const root of roots) observer.observe(root, options);
      console.warn(`[omnikit] could not load <${tag}>`, error);
    });
    imports.set(tag, loading);
  } else if (importer) {
    pending.delete(tag);
    refresh();
  }
  return tag in widgets ? customElements.whenDefined(tag) : Promise.resolve(undefined);
}

/** Loads every pending widget used in `root` (itself included). */
function scan(root: ParentNode): void {
  if (root instanceof Element && pending.has(root.localName)) request(root.localName, root);
  // One match per pending tag at most: each hit leaves the selector, so this stops early.
  for (let el: Element | null; selector && (el = root.querySelector(selector)); ) request(el.localName, el);
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
