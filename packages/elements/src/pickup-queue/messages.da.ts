import type { PickupQueueMessages } from './messages.js';

/** The pickup queue in Danish (loaded only by pages in that language). */
export const messages: PickupQueueMessages = {
  title: 'Afhentningskø',
  section: { atCurb: 'Ved bilen', toPick: 'Skal pakkes', picking: 'Bliver pakket', ready: 'Klar til afhentning', needsAttention: 'Kræver opfølgning' },
  none: 'Ingen lige nu.',
  loading: 'Henter køen…',
  signIn: 'Log ind via backoffice for at se butikkens kø.',
  refused: 'Medarbejdersessionen blev afvist (udløbet, eller til en anden butik). Log ind igen.',
  loadFailed: 'Køen kunne ikke hentes.',
  retry: 'Prøv igen',
  order: (n) => `Ordre ${n}`,
  method: { in_store: 'I butikken', curbside: 'Ved bilen', locker: 'Pakkeboks' },
  line: (q, name) => `${q} × ${name}`,
  arrived: (t, bay, car) => `Ankom ${t}${bay ? `, plads ${bay}` : ''}${car ? `, ${car}` : ''}`,
  compartment: (n) => `Rum ${n}`,
  step: { picking: 'Begynd at pakke', ready: 'Markér som klar', collected: 'Udleveret' },
  sending: 'Sender…',
  stepFailed: 'Det gik ikke igennem. Prøv igen.',
  conflict: 'Ordren er ændret i mellemtiden; køen viser den, som den er nu.',
  waiting: 'Lageret er rettet: kunden vælger, hvordan det skal fortsætte.',
  truncated: 'Flere ordrer er åbne, end der vises; de ældste står her.',
  announceArrival: (n, bay) => `Ordre ${n} venter ved butikken${bay ? `, plads ${bay}` : ''}`,
  announceNew: (n) => `Ny ordre at pakke: ${n}`,
};
