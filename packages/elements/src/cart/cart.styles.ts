import { css } from 'lit';

// Mobile first: one column at 360 px; lines lay out in one row when the cart is wide enough
// (a container query on the cart itself, so a narrow drawer on a wide page stays compact).
export const styles = css`
  :host {
    --_gap: var(--omni-cart-gap, 1em);
    --_image: var(--omni-cart-image-size, 4em);
    --_button-bg: var(--omni-cart-button-background, var(--_color-accent));
    --_button-fg: var(--omni-cart-button-color, var(--_on-accent));
    --_on-accent: #fff;
    display: block;
    container-type: inline-size;
    min-inline-size: 0;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_on-accent: #0d1117;
    }
  }
  :host([theme='dark']) {
    --_on-accent: #0d1117;
  }
  [part='base'] {
    display: grid;
    gap: var(--_gap);
    min-block-size: 12em;
    outline: none;
  }
  [part='base']:focus-visible,
  [part='message']:focus-visible,
  [part='line']:focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  .skeleton {
    block-size: 12em;
    border-radius: var(--_radius-sm);
    background: var(--_color-skeleton);
  }
  p {
    margin: 0;
  }
  .notice {
    padding: var(--_space-sm) var(--_space-md);
    border-inline-start: 4px solid var(--_color-warning);
    background: var(--_color-surface);
  }
  h2 {
    margin: 0 0 var(--_space-sm);
    font-size: 1.1em;
    font-weight: var(--_font-weight-strong);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  button {
    font: inherit;
    min-block-size: 2.75em;
    min-inline-size: 2.75em;
    padding: 0 var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
    background: var(--_color-surface);
    color: var(--_color-text);
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 1px;
  }
  [part='line'],
  [part='removed'] {
    display: grid;
    grid-template-columns: var(--_image) 1fr;
    gap: var(--_space-sm) var(--_space-md);
    padding-block: var(--_space-md);
    border-block-end: 1px solid var(--_color-border);
  }
  [part='removed'] {
    grid-template-columns: 1fr auto;
    align-items: center;
    color: var(--_color-text-muted);
  }
  [part='line'].blocked {
    border-inline-start: 4px solid var(--_color-danger);
    padding-inline-start: var(--_space-sm);
  }
  [part='image'] {
    inline-size: var(--_image);
    block-size: var(--_image);
    object-fit: cover;
    border-radius: var(--_radius-sm);
    background: var(--_color-skeleton);
  }
  .info {
    display: grid;
    align-content: start;
    gap: var(--_space-xs);
    min-inline-size: 0;
  }
  [part='name'] {
    font-weight: var(--_font-weight-strong);
    overflow-wrap: anywhere;
  }
  [part='compare-at'] {
    color: var(--_color-text-muted);
  }
  .controls {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-sm);
  }
  [part='stepper'] {
    display: inline-flex;
    align-items: stretch;
  }
  [part='stepper'] input {
    appearance: textfield;
    inline-size: 3.5em;
    font: inherit;
    text-align: center;
    border: 1px solid var(--_color-border);
    border-inline: 0;
    background: transparent;
    color: inherit;
  }
  [part='line-total'] {
    margin-inline-start: auto;
    font-weight: var(--_font-weight-strong);
    font-variant-numeric: tabular-nums;
  }
  [part='problem'] {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    padding: var(--_space-sm);
    border-radius: var(--_radius-sm);
    background: var(--_color-surface);
  }
  [part='problem'] p {
    flex: 1 0 100%;
    color: var(--_color-danger);
  }
  dl {
    margin: 0;
    display: grid;
    gap: var(--_space-xs);
  }
  dl div {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-md);
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .hint,
  .vat,
  .discount,
  .refused {
    color: var(--_color-text-muted);
  }
  .total {
    font-weight: var(--_font-weight-strong);
    font-size: 1.15em;
    padding-block-start: var(--_space-xs);
    border-block-start: 1px solid var(--_color-border);
  }
  .checkout {
    display: grid;
    gap: var(--_space-md);
  }
  fieldset {
    margin: 0;
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
    display: grid;
    gap: var(--_space-xs);
  }
  fieldset label {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: var(--_space-sm);
    min-block-size: 2.75em;
  }
  fieldset small {
    grid-column: 2;
  }
  .email {
    display: grid;
    gap: var(--_space-xs);
  }
  [part='email'] {
    font: inherit;
    min-block-size: 2.75em;
    padding: 0 var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
    background: transparent;
    color: inherit;
  }
  [part='email'][aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  .error {
    color: var(--_color-danger);
  }
  [part='checkout'] {
    min-block-size: 3em;
    border: 0;
    background: var(--_button-bg);
    color: var(--_button-fg);
    font-weight: var(--_font-weight-strong);
  }
  @container (min-width: 36em) {
    [part='line'] {
      grid-template-columns: var(--_image) 1fr auto;
      align-items: center;
    }
    .controls {
      grid-column: auto;
      flex-wrap: nowrap;
    }
    [part='line-total'] {
      min-inline-size: 6em;
      text-align: end;
    }
  }
`;
