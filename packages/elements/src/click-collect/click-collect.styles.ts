import { css } from 'lit';

// One column, mobile first. The base reserves the height of the usual answer (four options), so
// loading, error and ready take the same room and the page below does not jump.
export const styles = css`
  :host {
    --_gap: var(--omni-click-collect-gap, var(--_space-sm));
    --_radius: var(--omni-click-collect-radius, var(--_radius-sm));
    display: block;
    min-inline-size: 0;
  }
  [part=base] {
    display: grid;
    gap: var(--_gap);
    min-block-size: var(--omni-click-collect-min-height, 15em);
    align-content: start;
  }
  [part=legend] {
    font-weight: var(--_font-weight-strong);
  }
  [role=radiogroup] {
    display: grid;
    gap: var(--_space-xs);
  }
  [part=option],
  [part=slot] {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: var(--_space-sm);
    align-items: center;
    min-block-size: 2.75em;
    padding: var(--_space-xs) var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    cursor: pointer;
  }
  [part=option] > :not(.dot),
  [part=slot] > :not(.dot) {
    grid-column: 2;
  }
  .dot {
    grid-row: 1 / span 2;
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid var(--_color-text-muted);
    border-radius: 50%;
    box-sizing: border-box;
  }
  [aria-checked=true] {
    border-color: var(--_color-accent);
    box-shadow: inset 0 0 0 1px var(--_color-accent);
  }
  [aria-checked=true] > .dot {
    border: 5px solid var(--_color-accent);
  }
  [aria-disabled=true] {
    cursor: not-allowed;
    color: var(--_color-text-muted);
  }
  [aria-disabled=true] > .dot {
    border-style: dashed;
  }
  [part=name] {
    font-weight: var(--_font-weight-strong);
  }
  [part=detail] {
    color: var(--_color-text-muted);
    font-size: 0.9em;
  }
  [part=option][aria-disabled=true] [part=detail] {
    color: var(--_color-danger);
  }
  :focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  [part=store] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-xs) var(--_space-sm);
  }
  [part=store-button] {
    min-block-size: 2.75em;
    padding: var(--_space-xs) var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  [part=slots] [role=radiogroup] {
    grid-template-columns: repeat(auto-fill, minmax(9em, 1fr));
  }
  .skeleton {
    block-size: 2.75em;
    border-radius: var(--_radius);
    background: var(--_color-skeleton);
  }
  [part=message].error {
    color: var(--_color-danger);
  }
  [part=message]:empty {
    display: none;
  }
`;
