import { css } from 'lit';

export const styles = css`
  :host {
    --_qr-size: var(--omni-cart-handoff-qr-size, 12rem);
    --_button-bg: var(--omni-cart-handoff-button-background, var(--_color-accent));
    /* The surface colour on the accent: near white on the light one, near black on the dark one (both above 4.5:1). */
    --_button-fg: var(--omni-cart-handoff-button-color, var(--_color-surface));
    --_mono: ui-monospace, 'SF Mono', Menlo, Consolas, 'Liberation Mono', monospace;
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space-md) * 2);
    align-items: flex-start;
  }
  [part='show'],
  [part='resume'] {
    display: flex;
    flex: 1 1 14rem;
    flex-direction: column;
    gap: var(--_space-sm);
    align-items: flex-start;
    min-inline-size: 0;
  }
  p {
    margin: 0;
  }
  /* The QR code's box in every state that may show it, so nothing moves when it arrives. */
  .qr-slot {
    display: block;
    inline-size: var(--_qr-size);
    block-size: var(--_qr-size);
    border-radius: var(--_radius-sm);
    background: var(--_color-skeleton);
  }
  /* Dark modules on white in every theme: scanners expect it (inverted codes fail on many phones). */
  svg.qr-slot {
    background: #fff;
  }
  .qr-slot.expired {
    opacity: 0.4;
  }
  .qr-failed {
    display: flex;
    align-items: center;
    padding: var(--_space-md);
    color: var(--_color-text-muted);
  }
  .scan,
  .type,
  [part='expiry'],
  [part='message'] {
    color: var(--_color-text-muted);
  }
  [part='code'] {
    font-family: var(--_mono);
    font-size: 1.75em;
    font-weight: var(--_font-weight-strong);
    letter-spacing: 0.12em;
    font-variant-numeric: tabular-nums;
    line-height: 1.2;
    white-space: nowrap;
  }
  [part='code'].expired {
    text-decoration: line-through;
    color: var(--_color-text-muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-sm);
    inline-size: 100%;
  }
  [part='label'] {
    font-weight: var(--_font-weight-strong);
  }
  [part='input'] {
    flex: 1 1 9em;
    min-inline-size: 0;
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-sm);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius-sm);
    background: transparent;
    color: inherit;
    font: inherit;
    font-family: var(--_mono);
    font-size: 1.25em;
    letter-spacing: 0.08em;
    text-transform: uppercase;
  }
  [part='input'][aria-invalid='true'] {
    border-color: var(--_color-danger);
  }
  /* Touch-sized (44 px) for kiosks and phones. */
  [part='button'] {
    min-block-size: 2.75rem;
    padding: var(--_space-xs) var(--_space-md);
    border: 0;
    border-radius: var(--_radius-sm);
    background: var(--_button-bg);
    color: var(--_button-fg);
    font: inherit;
    font-weight: var(--_font-weight-strong);
    cursor: pointer;
  }
  /* Busy without dimming: the text keeps its contrast. */
  [part='button'][aria-busy='true'] {
    cursor: progress;
  }
  [part='button']:focus-visible,
  [part='input']:focus-visible {
    outline: 2px solid var(--_color-accent);
    outline-offset: 2px;
  }
  [part='error'] {
    color: var(--_color-danger);
  }
`;
