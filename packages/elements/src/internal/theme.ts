import { css, unsafeCSS } from 'lit';

/**
 * Page-wide design tokens: `--omni-<name>` with a light and a dark default. Widgets read them
 * through private `--_<name>` variables declared on their host, so a page sets `--omni-*`
 * anywhere above a widget (`:root`, a container, the widget) and nothing leaks out.
 */
export const TOKENS: Record<string, [light: string, dark: string]> = {
  'color-text': ['#1f2328', '#e6edf3'],
  'color-text-muted': ['#59636e', '#9198a1'],
  'color-surface': ['#f6f8fa', '#151b23'],
  'color-border': ['#d1d9e0', '#3d444d'],
  'color-accent': ['#0969da', '#4493f8'],
  'color-success': ['#1a7f37', '#3fb950'],
  'color-warning': ['#9a6700', '#d29922'],
  'color-danger': ['#cf222e', '#f85149'],
  'color-sale': ['#b3261e', '#ff938a'],
  'color-skeleton': ['#e6eaef', '#262c36'],
  'radius-sm': ['4px', '4px'],
  'radius-pill': ['999px', '999px'],
  'space-xs': ['0.25em', '0.25em'],
  'space-sm': ['0.5em', '0.5em'],
  'space-md': ['0.75em', '0.75em'],
  'font-family': ['inherit', 'inherit'],
  'font-size': ['0.875rem', '0.875rem'],
  'font-weight-strong': ['600', '600'],
  'font-line-height': ['1.5', '1.5'],
};

const rule = (dark: 0 | 1, fallback: boolean) =>
  unsafeCSS(
    Object.entries(TOKENS)
      // The dark rules only repeat what differs from light.
      .filter(([, v]) => !dark || v[0] !== v[1])
      .map(([n, v]) => (fallback ? `--_${n}:var(--omni-${n},${v[dark]});` : `--omni-${n}:${v[dark]};`))
      .join(''),
  );

/**
 * Shared host styles of every widget: the private token variables (light by default, dark
 * under `prefers-color-scheme: dark` unless `theme="light"`, dark with `theme="dark"`), the
 * `hidden` attribute, and a visually hidden helper for screen-reader text.
 */
export const hostStyles = css`
  :host {
    ${rule(0, true)}
    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--_font-size);
    line-height: var(--_font-line-height);
    color: var(--_color-text);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${rule(1, true)}
    }
  }
  :host([theme='dark']) {
    ${rule(1, true)}
  }
  :host([hidden]) {
    display: none !important;
  }
  /* Not ::before/::after: a universal pseudo-element rule costs every node a pseudo-style lookup. */
  * {
    box-sizing: inherit;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * The provider's `theme` attribute sets the public tokens for everything below it, so one
 * `theme="dark"` on `<omni-provider>` switches every widget inside.
 */
export const providerThemeStyles = css`
  :host([theme='light']) {
    ${rule(0, false)}
  }
  :host([theme='dark']) {
    ${rule(1, false)}
  }
`;
