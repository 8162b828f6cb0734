import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--omni-order-status-accent, var(--_color-accent));
    display: block;
  }
  [part='base'] {
    display: grid;
    gap: var(--_space-md);
  }
  h2,
  h3,
  p,
  ol,
  ul {
    margin: 0;
    padding: 0;
  }
  h2 {
    font-size: 1.2em;
  }
  h3 {
    font-size: 1.05em;
  }
  [part='status'] {
    font-weight: var(--_font-weight-strong);
  }
  [part='steps'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    list-style: none;
  }
  [part='step'] {
    padding: var(--_space-sm) var(--_space-md);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
  }
  [part='step'].done {
    border-color: var(--_accent);
  }
  [part='step'].current {
    border: 2px solid var(--_accent);
    font-weight: var(--_font-weight-strong);
  }
  [part='locker'] {
    font-size: 1.2em;
    font-weight: var(--_font-weight-strong);
  }
  [part='attention'] {
    display: grid;
    gap: var(--_space-sm);
    padding: var(--_space-md);
    border-inline-start: 4px solid var(--_color-warning);
    background: var(--_color-surface);
  }
  [part='choices'] {
    display: grid;
    gap: var(--_space-sm);
    list-style: none;
  }
  [part='arrive'] {
    display: grid;
    gap: var(--_space-sm);
    max-inline-size: 24rem;
  }
  label {
    display: grid;
    gap: 0.25em;
  }
  input,
  button {
    font: inherit;
  }
  input {
    padding: var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
    color: inherit;
    background: var(--_color-surface);
  }
  button {
    padding: var(--_space-sm) var(--_space-md);
    border: 0;
    border-radius: var(--_radius-sm);
    color: var(--_color-surface);
    background: var(--_accent);
    cursor: pointer;
    text-align: start;
  }
  button.secondary {
    border: 1px solid var(--_color-border);
    color: inherit;
    background: transparent;
  }
  button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [part='error'] {
    color: var(--_color-danger);
  }
`;
