import type { Catalogs } from '../internal/i18n.js';

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

export const messages: Catalogs<CartHandoffMessages> = {
  en: {
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
  },
  sv: {
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
  },
  nb: {
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
  },
  da: {
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
  },
  fi: {
    show: 'Jatka toisella laitteella',
    making: 'Luodaan koodia…',
    empty: 'Ostoskori on tyhjä: siirrettävää ei vielä ole.',
    scan: 'Skannaa puhelimella avataksesi ostoskorin siellä',
    qr: 'QR-koodi, joka avaa ostoskorin toisella laitteella',
    typeCode: 'tai kirjoita koodi',
    codeSpelled: (s) => `Koodi: ${s}`,
    expires: (r) => `Vanhenee ${r}`,
    expired: 'Koodi on vanhentunut.',
    renewing: 'Haetaan uutta koodia…',
    newCode: 'Uusi koodi',
    showFailed: 'Koodia ei voitu luoda.',
    retry: 'Yritä uudelleen',
    qrFailed: 'QR-koodia ei voitu piirtää; kirjoita koodi sen sijaan.',
    have: 'Onko sinulla koodi?',
    open: 'Avaa ostoskori',
    opening: 'Avataan ostoskoria…',
    invalidEmpty: 'Kirjoita toisella laitteella näkyvä koodi.',
    invalidLength: (n) => `Koodissa on ${n} merkkiä.`,
    invalidCharacters: (q) => `${q} ei ole koskaan koodissa. Tarkista koodi ja yritä uudelleen.`,
    codeInvalid: 'Koodi ei kelpaa: se on ehkä vanhentunut tai jo käytetty. Pyydä uusi.',
    tooMany: 'Liian monta väärää koodia. Odota minuutti ja yritä uudelleen.',
    resumeFailed: 'Ostoskoria ei voitu avata. Yritä uudelleen.',
    opened: (n, f) => `Ostoskori avattu: ${one(n) ? '1 tuote' : `${f} tuotetta`}`,
  },
};
