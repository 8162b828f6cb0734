import { css } from 'lit';

export const styles = css`
  :host {
    --_size: var(--omni-cart-count-size, 1.5em);
    --_fg: var(--omni-cart-count-color, var(--_color-text));
    --_badge-bg: var(--omni-cart-count-badge-background, var(--_color-accent));
    --_badge-fg: var(--omni-cart-count-badge-color, var(--_on-accent));
    /* Text on the accent: white on the light accent, near black on the dark one (contrast 4.5:1). */
    --_on-accent: #fff;
    display: inline-block;
    vertical-align: middle;
    color: var(--_fg);
    line-height: 1;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_on-accent: #0d1117;
    }
  }
  :host([theme='dark']) {
    --_on-accent: #0d1117;
  }
  /* The same box in every state: the count sits over the icon's corner, so it never shifts the header. */
  [part='base'] {
    position: relative;
    display: inline-block;
    inline-size: var(--_size);
    block-size: var(--_size);
  }
  [part='icon'],
  [part='icon'] svg,
  ::slotted(*) {
    display: block;
    inline-size: 100%;
    block-size: 100%;
  }
  [part='count'] {
    position: absolute;
    inset-block-start: -0.4em;
    inset-inline-end: -0.6em;
    min-inline-size: 1.5em;
    padding: 0.2em 0.35em;
    border-radius: var(--_radius-pill);
    background: var(--_badge-bg);
    color: var(--_badge-fg);
    font-size: 0.75em;
    font-weight: var(--_font-weight-strong);
    font-variant-numeric: tabular-nums;
    text-align: center;
    white-space: nowrap;
  }
  [aria-busy='true'] [part='icon'] {
    opacity: 0.5;
  }
`;
