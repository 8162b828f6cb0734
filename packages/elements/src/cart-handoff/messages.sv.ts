import type { CartHandoffMessages } from './messages.js';

const one = (n: number) => n === 1;

/** The handoff's texts in Swedish (loaded only by pages in that language). */
export const messages: CartHandoffMessages = {
  show: 'Fortsätt på en annan enhet',
  making: 'Skapar en kod…',
  empty: 'Varukorgen är tom: det finns inget att flytta än.',
  scan: 'Skanna med mobilen för att öppna varukorgen där',
  qr: 'QR-kod som öppnar varukorgen på en annan enhet',
  typeCode: 'eller skriv koden',
  codeSpelled: (s) => `Kod: ${s}`,
  expires: (r) => `Går ut ${r}`,
  expired: 'Koden har gått ut.',
  renewing: 'Hämtar en ny kod…',
  newCode: 'Ny kod',
  showFailed: 'Det gick inte att skapa en kod.',
  retry: 'Försök igen',
  qrFailed: 'QR-koden kunde inte ritas; skriv koden i stället.',
  have: 'Har du en kod?',
  open: 'Öppna varukorg',
  opening: 'Öppnar varukorgen…',
  invalidEmpty: 'Skriv koden som visas på den andra enheten.',
  invalidLength: (n) => `En kod har ${n} tecken.`,
  invalidCharacters: (q) => `${q} finns aldrig i en kod. Kontrollera koden och försök igen.`,
  codeInvalid: 'Koden gäller inte: den kan ha gått ut eller redan använts. Be om en ny.',
  tooMany: 'För många fel koder. Vänta en minut och försök igen.',
  resumeFailed: 'Det gick inte att öppna varukorgen. Försök igen.',
  opened: (n, f) => `Varukorgen öppnad: ${one(n) ? '1 vara' : `${f} varor`}`,
};
