/**
 * One polite live region for the whole page, shared by every widget: a page of 200 badges keeps
 * one region instead of 200 (each an absolutely positioned node to style and lay out), and
 * screen readers hear each change once. The region is created on the first `prepareAnnouncer()`
 * call (a widget's connect), so it exists before anything is announced into it: a region
 * created together with its text is not reliably read.
 */
let region: HTMLElement | undefined;

const HIDDEN: Record<string, string> = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: '0',
  overflow: 'hidden',
  'clip-path': 'inset(50%)',
  'white-space': 'nowrap',
  border: '0',
};

/** Creates the page's live region if there is none yet. */
export function prepareAnnouncer(): void {
  if (region?.isConnected || typeof document === 'undefined' || !document.body) return;
  region = document.createElement('div');
  region.setAttribute('role', 'status');
  region.setAttribute('data-omni-announcer', '');
  // Through the CSSOM, which a strict style-src CSP allows (a style attribute it would not).
  for (const [k, v] of Object.entries(HIDDEN)) region.style.setProperty(k, v, 'important');
  document.body.append(region);
}

/**
 * Says `text` politely. Each message is its own node, so several widgets changing at once are
 * all read; a message is removed after a while so the region does not grow.
 */
export function announce(text: string): void {
  if (!text) return;
  prepareAnnouncer();
  if (!region) return;
  const line = document.createElement('div');
  line.textContent = text;
  region.append(line);
  setTimeout(() => line.remove(), 5000);
}

/** The page's live region, if created (for tests). */
export function announcer(): HTMLElement | undefined {
  return region;
}
