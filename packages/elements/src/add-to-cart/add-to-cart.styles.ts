import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-sm);
    vertical-align: middle;
  }
  /* The same box in every state: the label changes, the button does not move. */
  button {
    min-inline-size: var(--omni-add-to-cart-min-width, 10em);
    min-block-size: 2.75em;
    padding: var(--omni-add-to-cart-padding, var(--_space-sm) var(--_space-md));
    border: 1px solid transparent;
    border-radius: var(--omni-add-to-cart-radius, var(--_radius-sm));
    background: var(--omni-add-to-cart-background, var(--_color-accent));
    /* The surface colour on the accent: near white on the light accent, near black on the dark one (both above 4.5:1). */
    color: var(--omni-add-to-cart-color, var(--_color-surface));
    font: inherit;
    font-weight: var(--_font-weight-strong);
    cursor: pointer;
  }
  [aria-disabled=true] {
    cursor: not-allowed;
    border-color: var(--_color-border);
    background: var(--_color-surface);
    color: var(--_color-text-muted);
  }
  #reason {
    color: var(--_color-text-muted);
  }
  #reason:empty {
    display: none;
  }
  #reason.error {
    color: var(--_color-danger);
  }
`;
