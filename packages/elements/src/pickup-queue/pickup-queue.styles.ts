import { css } from 'lit';

export const styles = css`
  :host {
    --_curb: var(--omni-pickup-queue-curb, var(--_color-warning));
    display: block;
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-md);
  }
  h2,
  h3,
  p,
  ul {
    margin: 0;
    padding: 0;
  }
  h2 {
    font-size: 1.2em;
  }
  h3 {
    font-size: 1em;
    margin-block-end: var(--_space-sm);
  }
  [part='section'] {
    padding: var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
  }
  [part='section'].atCurb {
    border-inline-start: 4px solid var(--_curb);
  }
  ul {
    list-style: none;
  }
  .orders {
    display: grid;
    gap: var(--_space-sm);
  }
  [part='order'] {
    display: grid;
    gap: var(--_space-xs);
    padding: var(--_space-sm);
    border-radius: var(--_radius-sm);
    background: var(--_color-surface);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    align-items: baseline;
  }
  [part='number'],
  [part='arrival'] {
    font-weight: var(--_font-weight-strong);
  }
  .tag,
  .count,
  [part='message'] {
    color: var(--_color-text-muted);
  }
  button {
    justify-self: start;
    padding: var(--_space-sm) var(--_space-md);
    border: 0;
    border-radius: var(--_radius-sm);
    font: inherit;
    color: var(--_color-surface);
    background: var(--_color-accent);
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  :focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  [part='error'] {
    color: var(--_color-danger);
  }
`;
