import { correction, generate } from 'lean-qr/nano';

/** A QR code as the widget draws it. */
export interface QrCode {
  /** Modules per side, quiet zone not included. */
  size: number;
  /** The dark modules as one SVG path in module units: a rectangle per run of dark modules in a row. */
  path: string;
}

/**
 * The QR code of `text` (error correction M: a screen's glare or a scratch on a kiosk's glass
 * still scans). Its own module, imported only when a code is shown, so the encoder rides in a
 * CDN chunk of its own that a page without a shown handoff never downloads.
 */
export function qrCode(text: string): QrCode {
  const code = generate(text, { minCorrectionLevel: correction.M });
  const { size } = code;
  let path = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; ) {
      if (!code.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && code.get(x, y)) x++;
      path += `M${start} ${y}h${x - start}v1h${start - x}z`;
    }
  }
  return { size, path };
}
