import type { PickupQueueMessages } from './messages.js';

/** The pickup queue in Finnish (loaded only by pages in that language). */
export const messages: PickupQueueMessages = {
  title: 'Noutojono',
  section: { atCurb: 'Autolla', toPick: 'Kerättävät', picking: 'Keräilyssä', ready: 'Noudettavissa', needsAttention: 'Vaatii toimia' },
  none: 'Ei yhtään juuri nyt.',
  loading: 'Haetaan jonoa…',
  signIn: 'Kirjaudu taustajärjestelmän kautta nähdäksesi myymälän jonon.',
  refused: 'Henkilökunnan istunto hylättiin (vanhentunut tai toisen myymälän). Kirjaudu uudelleen.',
  loadFailed: 'Jonoa ei voitu ladata.',
  retry: 'Yritä uudelleen',
  order: (n) => `Tilaus ${n}`,
  method: { in_store: 'Myymälässä', curbside: 'Autolle', locker: 'Pakettiautomaatti' },
  line: (q, name) => `${q} × ${name}`,
  arrived: (t, bay, car) => `Saapui ${t}${bay ? `, paikka ${bay}` : ''}${car ? `, ${car}` : ''}`,
  compartment: (n) => `Lokero ${n}`,
  step: { picking: 'Aloita keräily', ready: 'Merkitse valmiiksi', collected: 'Luovutettu' },
  sending: 'Lähetetään…',
  stepFailed: 'Se ei mennyt läpi. Yritä uudelleen.',
  conflict: 'Tilaus on muuttunut sillä välin; jono näyttää sen nykyisen tilan.',
  waiting: 'Saldoa on korjattu: asiakas valitsee, miten jatketaan.',
  truncated: 'Avoimia tilauksia on enemmän kuin tässä näkyy; vanhimmat on listattu.',
  announceArrival: (n, bay) => `Tilaus ${n} odottaa myymälän edessä${bay ? `, paikka ${bay}` : ''}`,
  announceNew: (n) => `Uusi kerättävä tilaus: ${n}`,
};
