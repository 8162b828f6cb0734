import type { PickupQueueMessages } from './messages.js';

/** The pickup queue in Swedish (loaded only by pages in that language). */
export const messages: PickupQueueMessages = {
  title: 'Upphämtningskö',
  section: { atCurb: 'Vid bilen', toPick: 'Att plocka', picking: 'Plockas', ready: 'Klara att hämta', needsAttention: 'Behöver åtgärd' },
  none: 'Inga just nu.',
  loading: 'Hämtar kön…',
  signIn: 'Logga in via backoffice för att se butikens kö.',
  refused: 'Personalinloggningen nekades (utgången, eller för en annan butik). Logga in igen.',
  loadFailed: 'Kön kunde inte hämtas.',
  retry: 'Försök igen',
  order: (n) => `Order ${n}`,
  method: { in_store: 'I butik', curbside: 'Vid bilen', locker: 'Paketskåp' },
  line: (q, name) => `${q} × ${name}`,
  arrived: (t, bay, car) => `Anlände ${t}${bay ? `, plats ${bay}` : ''}${car ? `, ${car}` : ''}`,
  compartment: (n) => `Fack ${n}`,
  step: { picking: 'Börja plocka', ready: 'Markera klar', collected: 'Överlämnad' },
  sending: 'Skickar…',
  stepFailed: 'Det gick inte igenom. Försök igen.',
  conflict: 'Ordern har ändrats under tiden; kön visar den som den är nu.',
  waiting: 'Lagret har rättats: kunden väljer hur det ska fortsätta.',
  truncated: 'Fler order är öppna än vad som visas; de äldsta listas.',
  announceArrival: (n, bay) => `Order ${n} står vid butiken${bay ? `, plats ${bay}` : ''}`,
  announceNew: (n) => `Ny order att plocka: ${n}`,
};
