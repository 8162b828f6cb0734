import type { CartHandoffMessages } from './messages.js';

const one = (n: number) => n === 1;

/** The handoff's texts in Norwegian (Bokmål) (loaded only by pages in that language). */
export const messages: CartHandoffMessages = {
  show: 'Fortsett på en annen enhet',
  making: 'Lager en kode…',
  empty: 'Handlekurven er tom: det er ingenting å flytte ennå.',
  scan: 'Skann med mobilen for å åpne handlekurven der',
  qr: 'QR-kode som åpner handlekurven på en annen enhet',
  typeCode: 'eller skriv inn koden',
  codeSpelled: (s) => `Kode: ${s}`,
  expires: (r) => `Utløper ${r}`,
  expired: 'Koden har utløpt.',
  renewing: 'Henter en ny kode…',
  newCode: 'Ny kode',
  showFailed: 'Kunne ikke lage en kode.',
  retry: 'Prøv igjen',
  qrFailed: 'QR-koden kunne ikke tegnes; skriv inn koden i stedet.',
  have: 'Har du en kode?',
  open: 'Åpne handlekurv',
  opening: 'Åpner handlekurven…',
  invalidEmpty: 'Skriv inn koden som vises på den andre enheten.',
  invalidLength: (n) => `En kode har ${n} tegn.`,
  invalidCharacters: (q) => `${q} finnes aldri i en kode. Sjekk koden og prøv igjen.`,
  codeInvalid: 'Koden er ikke gyldig: den kan ha utløpt eller blitt brukt. Be om en ny.',
  tooMany: 'For mange feil koder. Vent et minutt og prøv igjen.',
  resumeFailed: 'Kunne ikke åpne handlekurven. Prøv igjen.',
  opened: (n, f) => `Handlekurven åpnet: ${one(n) ? '1 vare' : `${f} varer`}`,
};
