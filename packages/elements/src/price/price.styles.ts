import { css } from 'lit';

export const styles = css`
  :host {
    --_fg: var(--omni-price-color, var(--_color-text));
    --_sale: var(--omni-price-sale-color, var(--_color-sale));
    --_muted: var(--omni-price-compare-at-color, var(--_color-text-muted));
    display: inline-block;
    min-inline-size: var(--omni-price-min-width, 5em);
    color: var(--_fg);
  }
  [part='base'] {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-sm);
  }
  [part='price'] {
    font-weight: var(--omni-price-font-weight, var(--_font-weight-strong));
    font-size: var(--omni-price-font-size, 1em);
    font-variant-numeric: tabular-nums;
  }
  .sale [part='price'] {
    color: var(--_sale);
  }
  [part='compare-at'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .unavailable {
    color: var(--_muted);
  }
  .skeleton {
    /* In the stock badge's order (the same chunk: gzip finds the repeat). */
    display: inline-block;
    vertical-align: middle;
    block-size: 1em;
    border-radius: var(--_radius-sm);
    background: var(--_color-skeleton);
    inline-size: 4em;
  }
`;
