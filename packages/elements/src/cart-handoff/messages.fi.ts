import type { CartHandoffMessages } from './messages.js';

const one = (n: number) => n === 1;

/** The handoff's texts in Finnish (loaded only by pages in that language). */
export const messages: CartHandoffMessages = {
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
};
