import type { CartHandoffMessages } from './messages.js';

const one = (n: number) => n === 1;

/** The handoff's texts in Danish (loaded only by pages in that language). */
export const messages: CartHandoffMessages = {
  show: 'Fortsæt på en anden enhed',
  making: 'Laver en kode…',
  empty: 'Kurven er tom: der er intet at flytte endnu.',
  scan: 'Scan med din telefon for at åbne kurven der',
  qr: 'QR-kode, der åbner kurven på en anden enhed',
  typeCode: 'eller skriv koden',
  codeSpelled: (s) => `Kode: ${s}`,
  expires: (r) => `Udløber ${r}`,
  expired: 'Koden er udløbet.',
  renewing: 'Henter en ny kode…',
  newCode: 'Ny kode',
  showFailed: 'Der kunne ikke laves en kode.',
  retry: 'Prøv igen',
  qrFailed: 'QR-koden kunne ikke tegnes; skriv koden i stedet.',
  have: 'Har du en kode?',
  open: 'Åbn kurv',
  opening: 'Åbner kurven…',
  invalidEmpty: 'Skriv koden, der vises på den anden enhed.',
  invalidLength: (n) => `En kode har ${n} tegn.`,
  invalidCharacters: (q) => `${q} findes aldrig i en kode. Tjek koden, og prøv igen.`,
  codeInvalid: 'Koden er ikke gyldig: den kan være udløbet eller brugt. Bed om en ny.',
  tooMany: 'For mange forkerte koder. Vent et minut, og prøv igen.',
  resumeFailed: 'Kurven kunne ikke åbnes. Prøv igen.',
  opened: (n, f) => `Kurven er åbnet: ${one(n) ? '1 vare' : `${f} varer`}`,
};
