import { lazyCatalogs } from '../internal/lazy-messages.js';

/** Every text the cart handoff says, per language. */
export interface CartHandoffMessages {
  /** The button that shows a code. */
  show: string;
  /** While the cart is read and a code made. */
  making: string;
  /** No cart, or an empty one. */
  empty: string;
  /** Above the QR code. */
  scan: string;
  /** The QR code's accessible name. */
  qr: string;
  /** Before the code: "or type the code". */
  typeCode: string;
  /** The code's accessible name, its characters spelled one by one. */
  codeSpelled(spelled: string): string;
  /** Time left; `relative` is Intl's "in 15 minutes". */
  expires(relative: string): string;
  /** The code ran out. */
  expired: string;
  /** A new code is on its way after the last expired. */
  renewing: string;
  /** Asks for a new code. */
  newCode: string;
  /** A code could not be made. */
  showFailed: string;
  /** Tries again after an error. */
  retry: string;
  /** The QR encoder did not load: the code still works. */
  qrFailed: string;
  /** The label of the field. */
  have: string;
  /** The button that opens a cart by the code typed. */
  open: string;
  /** While the code is used. */
  opening: string;
  /** Nothing typed. */
  invalidEmpty: string;
  /** Too few or too many characters. */
  invalidLength(length: number): string;
  /** Characters no code has (each quoted). */
  invalidCharacters(quoted: string, count: number): string;
  /** `handoff_code_invalid`: unknown, used or expired. */
  codeInvalid: string;
  /** `rate_limited`: too many wrong codes. */
  tooMany: string;
  /** Any other failure. */
  resumeFailed: string;
  /** Shown and announced when the cart opened. */
  opened(count: number, formatted: string): string;
}

const one = (n: number) => n === 1;

/** English: always in the widget's chunk (and the fallback of every other language). */
export const en: CartHandoffMessages = {
  show: 'Continue on another device',
  making: 'Making a code…',
  empty: 'Your cart is empty: there is nothing to hand off yet.',
  scan: 'Scan with your phone to open this cart there',
  qr: 'QR code that opens this cart on another device',
  typeCode: 'or type this code',
  codeSpelled: (s) => `Code: ${s}`,
  expires: (r) => `Expires ${r}`,
  expired: 'This code has expired.',
  renewing: 'Getting a new code…',
  newCode: 'New code',
  showFailed: 'A code could not be made.',
  retry: 'Try again',
  qrFailed: 'The QR code could not be drawn; type the code instead.',
  have: 'Have a code?',
  open: 'Open cart',
  opening: 'Opening the cart…',
  invalidEmpty: 'Type the code shown on the other device.',
  invalidLength: (n) => `A code has ${n} characters.`,
  invalidCharacters: (q, n) => `${q} ${n === 1 ? 'is' : 'are'} never in a code. Check the code and try again.`,
  codeInvalid: 'This code is not valid: it may have expired or been used. Ask for a new one.',
  tooMany: 'Too many wrong codes. Wait a minute and try again.',
  resumeFailed: 'The cart could not be opened. Try again.',
  opened: (n, f) => `Cart opened: ${one(n) ? '1 item' : `${f} items`}`,
};

// The other languages are chunks of their own, loaded by the pages that speak them: a page
// downloads one language of the handoff, not five.
export const { messagesOf, loadMessages } = lazyCatalogs<CartHandoffMessages>(en, {
  sv: () => import('./messages.sv.js'),
  nb: () => import('./messages.nb.js'),
  da: () => import('./messages.da.js'),
  fi: () => import('./messages.fi.js'),
});
