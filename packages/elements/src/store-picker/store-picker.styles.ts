import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--omni-store-picker-selected-color, var(--_color-accent));
    --_r: var(--omni-store-picker-radius, var(--_radius-sm));
    --_list-h: var(--omni-store-picker-list-height, 24em);
    display: block;
  }
  button,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    border: 1px solid var(--_color-border);
    border-radius: var(--_r);
    background: var(--_color-surface);
    padding: var(--_space-xs) var(--_space-sm);
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  dialog {
    border: 1px solid var(--_color-border);
    border-radius: var(--_r);
    padding: var(--_space-md);
    inline-size: min(36em, calc(100vw - 2em));
    color: inherit;
    background: var(--_color-surface);
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space-sm);
  }
  [part~='search'] {
    display: grid;
    gap: var(--_space-xs);
  }
  label {
    font-weight: var(--_font-weight-strong);
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
  }
  input {
    flex: 1 1 12em;
    min-inline-size: 0;
    padding: var(--_space-xs) var(--_space-sm);
    border: 1px solid var(--_color-text-muted);
    border-radius: var(--_r);
    background: transparent;
  }
  [part~='status'] {
    margin: var(--_space-xs) 0;
    min-block-size: calc(1em * var(--_font-line-height));
    color: var(--_color-text-muted);
  }
  [part~='list'] {
    box-sizing: border-box;
    block-size: var(--_list-h);
    overflow-y: auto;
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--_color-border);
    border-radius: var(--_r);
  }
  [part~='option'] {
    display: grid;
    gap: 0.1em;
    padding: var(--_space-sm);
    border-block-end: 1px solid var(--_color-border);
    border-inline-start: 3px solid transparent;
    cursor: pointer;
  }
  [part~='option'].active {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  [part~='option'][aria-selected='true'] {
    border-inline-start-color: var(--_accent);
  }
  .line {
    display: flex;
    justify-content: space-between;
    gap: var(--_space-sm);
  }
  [part~='name'] {
    font-weight: var(--_font-weight-strong);
  }
  [part~='services'] {
    color: var(--_color-text-muted);
  }
  .open,
  .in-stock {
    color: var(--_color-success);
  }
  .low-stock {
    color: var(--_color-warning);
  }
  .out-of-stock,
  .error {
    color: var(--_color-danger);
  }
  [part~='check'] {
    color: var(--_accent);
    font-weight: var(--_font-weight-strong);
  }
  i {
    display: block;
    block-size: 3.5em;
    margin: var(--_space-sm);
    border-radius: var(--_r);
    background: var(--_color-skeleton);
  }
`;
