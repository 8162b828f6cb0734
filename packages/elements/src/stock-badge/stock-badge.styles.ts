import { css } from 'lit';

export const styles = css`
  :host {
    --_bg: var(--omni-stock-badge-background, var(--_color-surface));
    --_fg: var(--omni-stock-badge-color, var(--_color-text));
    /* A pill on one line (half the line box), a rounded box when the text wraps. */
    --_radius: var(--omni-stock-badge-radius, min(var(--_radius-pill), calc(0.5em * var(--_font-line-height) + 0.25em)));
    --_pad: var(--omni-stock-badge-padding, var(--_space-xs) var(--_space-sm));
    --_dot: var(--_color-text-muted);
    display: inline-block;
    vertical-align: middle;
  }
  [part~='base'] {
    /*
     * One box, no flex and no pseudo-element: a page renders hundreds of these. A block as wide
     * as its text, not an inline-block: the host (an inline-block as wide as this box) then lays
     * out no line box of its own around it, the same look for a quarter less style and layout.
     */
    display: block;
    inline-size: fit-content;
    max-inline-size: 100%;
    padding: var(--_pad);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    min-block-size: calc(1em * var(--_font-line-height) + 0.5em);
    overflow-wrap: anywhere;
    text-wrap: balance;
  }
  /*
   * The indicator dot is a background layer (no node of its own), in the padding before the
   * text and centred on the first line whatever the padding: the layer is placed against the
   * content box (its top is the first line's) and reaches back into the padding. Its colour is
   * the state's custom property.
   */
  [part~='label'] {
    --_dot-room: calc(2 * var(--_space-sm) + 0.6em);
    padding-inline-start: var(--_dot-room);
    background:
      radial-gradient(circle 0.3em at calc(var(--_space-sm) + 0.3em) calc(0.5em * var(--_font-line-height)), var(--_dot) 96%, transparent)
        calc(-1 * var(--_dot-room)) 0 / calc(100% + var(--_dot-room)) 100% no-repeat content-box border-box,
      var(--_bg);
  }
  :host(:dir(rtl)) [part~='label'] {
    background:
      radial-gradient(circle 0.3em at calc(100% - var(--_space-sm) - 0.3em) calc(0.5em * var(--_font-line-height)), var(--_dot) 96%, transparent)
        0 0 / calc(100% + var(--_dot-room)) 100% no-repeat content-box border-box,
      var(--_bg);
  }
  .in-stock {
    --_dot: var(--omni-stock-badge-in-stock-color, var(--_color-success));
  }
  .low-stock,
  .nearby {
    --_dot: var(--omni-stock-badge-low-stock-color, var(--_color-warning));
  }
  .out-of-stock {
    --_dot: var(--omni-stock-badge-out-of-stock-color, var(--_color-danger));
  }
  .online-only {
    --_dot: var(--omni-stock-badge-online-only-color, var(--_color-accent));
  }
  /* Reserve the line while loading so nothing below jumps when the state arrives. */
  .loading {
    min-inline-size: var(--omni-stock-badge-min-width, 7em);
  }
  .skeleton {
    /* In the price's order (the same chunk: gzip finds the repeat). */
    display: inline-block;
    vertical-align: middle;
    block-size: 1em;
    border-radius: var(--_radius-sm);
    background: var(--_color-skeleton);
    inline-size: 6em;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
`;
