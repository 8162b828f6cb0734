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
    /* Reserve the line while loading so nothing below jumps when the state arrives. */
    min-inline-size: var(--omni-stock-badge-min-width, 7em);
  }
  [part~='base'] {
    display: inline-flex;
    /* The dot stays on the first line when the text wraps. */
    align-items: flex-start;
    max-inline-size: 100%;
    gap: var(--_space-sm);
    padding: var(--_pad);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    min-block-size: calc(1em * var(--_font-line-height) + 0.5em);
    overflow-wrap: anywhere;
    text-wrap: balance;
  }
  /* The indicator: a pseudo-element, not a node of its own (hundreds of badges on a page). */
  [part~='label']::before {
    content: '';
    flex: none;
    /* Centred on the first line of text. */
    margin-block-start: calc((1em * var(--_font-line-height) - 0.6em) / 2);
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: var(--_dot);
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
  .skeleton {
    display: inline-block;
    align-self: center;
    inline-size: 6em;
    block-size: 1em;
    border-radius: var(--_radius-sm);
    background: var(--_color-skeleton);
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
