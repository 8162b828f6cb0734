import { css } from 'lit';

// Mobile first: one column at 360 px; lines lay out in one row when the cart is wide enough
// (a container query on the cart itself, so a narrow drawer on a wide page stays compact).
// Rules the user agent's defaults already give are left out; one rule per shared look.
export const styles = css`
  :host {
    --_image: var(--omni-cart-image-size, 4em);
    display: block;
    container-type: inline-size;
    min-inline-size: 0;
  }
  [part=base] {
    display: grid;
    gap: var(--omni-cart-gap, 1em);
    min-block-size: 12em;
  }
  :focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  /* Stretched to the base's reserved 12em (the grid's only item in flow). */
  .skeleton,
  [part=image] {
    border-radius: var(--_radius-sm);
    background: var(--_color-skeleton);
  }
  p,
  h2,
  ul,
  dl,
  dd,
  fieldset {
    margin: 0;
    padding: 0;
  }
  .notice {
    padding: var(--_space-sm) var(--_space-md);
    border-inline-start: 4px solid var(--_color-warning);
    background: var(--_color-surface);
  }
  h2 {
    margin-block-end: var(--_space-sm);
    font-size: 1.1em;
  }
  h2,
  [part=name],
  [part=line-total],
  .total,
  [part=checkout] {
    font-weight: var(--_font-weight-strong);
  }
  ul {
    list-style: none;
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }
  button,
  [part=email] {
    min-block-size: 2.75em;
    padding: 0 var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
    background: var(--_color-surface);
  }
  button {
    min-inline-size: 2.75em;
    cursor: pointer;
  }
  [aria-disabled=true] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  [part=line],
  [part=removed] {
    display: grid;
    grid-template-columns: var(--_image) 1fr;
    align-items: center;
    gap: var(--_space-sm) var(--_space-md);
    padding-block: var(--_space-md);
    border-block-end: 1px solid var(--_color-border);
  }
  [part=removed] {
    grid-template-columns: 1fr auto;
  }
  .blocked {
    border-inline-start: 4px solid var(--_color-danger);
    padding-inline-start: var(--_space-sm);
  }
  [part=image] {
    inline-size: var(--_image);
    block-size: var(--_image);
    object-fit: cover;
  }
  .info,
  dl,
  fieldset,
  .email {
    display: grid;
    gap: var(--_space-xs);
  }
  [part=name] {
    overflow-wrap: anywhere;
  }
  [part=removed] span,
  [part=compare-at],
  .hint,
  .vat,
  .discount,
  .refused {
    color: var(--_color-text-muted);
  }
  .controls,
  [part=problem] {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-sm);
  }
  [part=stepper] {
    display: flex;
  }
  [part=stepper] input {
    appearance: textfield;
    inline-size: 3.5em;
    text-align: center;
    border: 1px solid var(--_color-border);
    border-inline: 0;
    background: none;
  }
  [part=line-total] {
    margin-inline-start: auto;
  }
  dd,
  [part=line-total] {
    font-variant-numeric: tabular-nums;
  }
  [part=problem] {
    padding: var(--_space-sm);
    border-radius: var(--_radius-sm);
    background: var(--_color-surface);
  }
  [part=problem] p {
    flex: 1 0 100%;
  }
  dl div {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-md);
  }
  .total {
    font-size: 1.15em;
    padding-block-start: var(--_space-xs);
    border-block-start: 1px solid var(--_color-border);
  }
  .checkout {
    display: grid;
    gap: var(--_space-md);
  }
  fieldset {
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
  }
  fieldset label {
    display: grid;
    grid-template-columns: auto 1fr;
    align-items: center;
    column-gap: var(--_space-sm);
    min-block-size: 2.75em;
  }
  small {
    grid-column: 2;
  }
  [part=email] {
    padding: 0 var(--_space-sm);
    background: none;
  }
  [aria-invalid=true] {
    border-color: var(--_color-danger);
  }
  [part=problem] p,
  .error {
    color: var(--_color-danger);
  }
  /* The surface colour on the accent: near white, near black in dark mode (both above 4.5:1). */
  [part=checkout] {
    min-block-size: 3em;
    border: 0;
    background: var(--omni-cart-button-background, var(--_color-accent));
    color: var(--omni-cart-button-color, var(--_color-surface));
  }
  @container (min-width: 36em) {
    [part=line] {
      grid-template-columns: var(--_image) 1fr auto;
    }
    .controls {
      grid-column: auto;
      flex-wrap: nowrap;
    }
    [part=line-total] {
      min-inline-size: 6em;
      text-align: end;
    }
  }
`;
