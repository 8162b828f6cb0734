import type { PickupQueueMessages } from './messages.js';

/** The pickup queue in Norwegian Bokmål (loaded only by pages in that language). */
export const messages: PickupQueueMessages = {
  title: 'Hentekø',
  section: { atCurb: 'Ved bilen', toPick: 'Skal plukkes', picking: 'Plukkes', ready: 'Klar til henting', needsAttention: 'Trenger oppfølging' },
  none: 'Ingen akkurat nå.',
  loading: 'Henter køen…',
  signIn: 'Logg inn via backoffice for å se butikkens kø.',
  refused: 'Ansattøkten ble avvist (utløpt, eller for en annen butikk). Logg inn på nytt.',
  loadFailed: 'Køen kunne ikke lastes.',
  retry: 'Prøv igjen',
  order: (n) => `Ordre ${n}`,
  method: { in_store: 'I butikk', curbside: 'Ved bilen', locker: 'Pakkeboks' },
  line: (q, name) => `${q} × ${name}`,
  arrived: (t, bay, car) => `Ankom ${t}${bay ? `, plass ${bay}` : ''}${car ? `, ${car}` : ''}`,
  compartment: (n) => `Rom ${n}`,
  step: { picking: 'Start plukking', ready: 'Merk som klar', collected: 'Utlevert' },
  sending: 'Sender…',
  stepFailed: 'Det gikk ikke gjennom. Prøv igjen.',
  conflict: 'Ordren er endret i mellomtiden; køen viser den slik den er nå.',
  waiting: 'Lageret er korrigert: kunden velger hvordan det skal fortsette.',
  truncated: 'Flere ordrer er åpne enn det som vises; de eldste står her.',
  announceArrival: (n, bay) => `Ordre ${n} venter ved butikken${bay ? `, plass ${bay}` : ''}`,
  announceNew: (n) => `Ny ordre å plukke: ${n}`,
};
