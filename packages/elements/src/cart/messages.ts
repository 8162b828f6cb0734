import type { CartViewLine, PaymentMethod } from '@omnikit/sdk/cart';
import type { Catalogs } from '../internal/i18n.js';

/** Every text the cart says, per language. Money, numbers and distances come formatted. */
export interface CartMessages {
  /** The widget's accessible name (the region of the page). */
  cart: string;
  loading: string;
  empty: string;
  error: string;
  retry: string;
  /** The SDK gave up re-applying a change: another device changed the cart. */
  conflict: string;
  delivery: string;
  pickupAt(store: string): string;
  takeNowAt(store: string): string;
  /** A group's goods, after discounts. */
  groupSubtotal: string;
  deliveryFee: string;
  free: string;
  /** "149,00 kr more for free delivery". */
  moreForFree(amount: string): string;
  unitPrice: string;
  was: string;
  lineTotal: string;
  quantityOf(name: string): string;
  decrease(name: string): string;
  increase(name: string): string;
  remove: string;
  removeName(name: string): string;
  /** The row left where a removed line was. */
  removed(name: string): string;
  undo: string;
  undoName(name: string): string;
  restored(name: string): string;
  /** Why a line cannot be had, per the contract's LINE_PROBLEMS (`available` units there). */
  problem: Record<NonNullable<CartViewLine['problem']>, (available: string) => string>;
  /** One-click fixes: "Pick up at Götgatan instead (25 in stock, 1.6 km)". */
  pickUpInstead(store: string, available: string, km?: string): string;
  takeNowInstead(store: string, available: string, km?: string): string;
  deliverInstead: string;
  /** The line the checkout was refused for. */
  blocked: string;
  movedTo(name: string, where: string): string;
  quantityNow(name: string, quantity: string): string;
  subtotal: string;
  discounts: string;
  total: string;
  /** "VAT 25 %" (the rate comes formatted). */
  vat(rate: string): string;
  vatIncluded: string;
  payment: string;
  method: Record<PaymentMethod, string>;
  /** Why a method cannot be chosen (the contract's PaymentRefusal). */
  refused: Record<'no_store_visit', string>;
  email: string;
  emailMissing: string;
  emailInvalid: string;
  checkout: string;
  checkingOut: string;
  /** Shown beside a checkout that cannot go ahead because of a line. */
  notReady: string;
  /** Announced when checkout was refused for `n` lines. */
  refusedLines(n: number): string;
  ordered(number: string): string;
  failed: string;
}

export const messages: Catalogs<CartMessages> = {
  en: {
    cart: 'Cart',
    loading: 'Loading the cart…',
    empty: 'Your cart is empty.',
    error: 'The cart could not be loaded.',
    retry: 'Try again',
    conflict: 'The cart was changed on another device. This is the cart as it is now; your last change was not made.',
    delivery: 'Home delivery',
    pickupAt: (s) => `Pick up at ${s}`,
    takeNowAt: (s) => `Take now at ${s}`,
    groupSubtotal: 'Subtotal',
    deliveryFee: 'Delivery',
    free: 'Free',
    moreForFree: (a) => `${a} more for free delivery`,
    unitPrice: 'Unit price',
    was: 'was',
    lineTotal: 'Line total',
    quantityOf: (n) => `Quantity of ${n}`,
    decrease: (n) => `One less ${n}`,
    increase: (n) => `One more ${n}`,
    remove: 'Remove',
    removeName: (n) => `Remove ${n}`,
    removed: (n) => `${n} was removed.`,
    undo: 'Undo',
    undoName: (n) => `Undo removing ${n}`,
    restored: (n) => `${n} is back in the cart.`,
    problem: {
      insufficient_stock: (a) => `Only ${a} available here.`,
      out_of_stock: () => 'Out of stock here.',
      not_stocked: () => 'This store does not carry it.',
      online_only: () => 'Sold online only.',
      inactive: () => 'No longer sold.',
      service_unavailable: () => 'This store does not offer this kind of pickup.',
      unknown_store: () => 'This store no longer exists.',
    },
    pickUpInstead: (s, a, km) => `Pick up at ${s} instead (${a} in stock${km ? `, ${km} km` : ''})`,
    takeNowInstead: (s, a, km) => `Take now at ${s} instead (${a} in stock${km ? `, ${km} km` : ''})`,
    deliverInstead: 'Deliver instead',
    blocked: 'The order cannot be placed with this line as it is.',
    movedTo: (n, w) => `${n}: ${w}.`,
    quantityNow: (n, q) => `Quantity of ${n}: ${q}.`,
    subtotal: 'Subtotal',
    discounts: 'Discounts',
    total: 'Total',
    vat: (r) => `VAT ${r} %`,
    vatIncluded: 'Prices include VAT',
    payment: 'Payment',
    method: { online: 'Pay online', in_store: 'Pay in store at pickup', invoice: 'Invoice' },
    refused: { no_store_visit: 'Only when you collect in a store.' },
    email: 'E-mail',
    emailMissing: 'Enter your e-mail address.',
    emailInvalid: 'Enter an e-mail address like name@example.com.',
    checkout: 'Place order',
    checkingOut: 'Placing the order…',
    notReady: 'Some lines cannot be had as they are: fix them above to place the order.',
    refusedLines: (n) => (n === 1 ? '1 line cannot be had as it is. Fix it to place the order.' : `${n} lines cannot be had as they are. Fix them to place the order.`),
    ordered: (o) => `Thank you! Your order ${o} is placed.`,
    failed: 'That did not work. Check your connection and try again.',
  },
  sv: {
    cart: 'Varukorg',
    loading: 'Hämtar varukorgen…',
    empty: 'Din varukorg är tom.',
    error: 'Varukorgen kunde inte hämtas.',
    retry: 'Försök igen',
    conflict: 'Varukorgen ändrades på en annan enhet. Så här ser den ut nu; din senaste ändring gjordes inte.',
    delivery: 'Hemleverans',
    pickupAt: (s) => `Hämta i ${s}`,
    takeNowAt: (s) => `Ta med nu i ${s}`,
    groupSubtotal: 'Delsumma',
    deliveryFee: 'Frakt',
    free: 'Fri',
    moreForFree: (a) => `${a} kvar till fri frakt`,
    unitPrice: 'Styckpris',
    was: 'förut',
    lineTotal: 'Radsumma',
    quantityOf: (n) => `Antal ${n}`,
    decrease: (n) => `En färre ${n}`,
    increase: (n) => `En till ${n}`,
    remove: 'Ta bort',
    removeName: (n) => `Ta bort ${n}`,
    removed: (n) => `${n} togs bort.`,
    undo: 'Ångra',
    undoName: (n) => `Ångra borttagningen av ${n}`,
    restored: (n) => `${n} är tillbaka i varukorgen.`,
    problem: {
      insufficient_stock: (a) => `Bara ${a} finns här.`,
      out_of_stock: () => 'Slut i lager här.',
      not_stocked: () => 'Butiken säljer inte varan.',
      online_only: () => 'Säljs bara på nätet.',
      inactive: () => 'Säljs inte längre.',
      service_unavailable: () => 'Butiken erbjuder inte det här sättet att hämta.',
      unknown_store: () => 'Butiken finns inte längre.',
    },
    pickUpInstead: (s, a, km) => `Hämta i ${s} i stället (${a} i lager${km ? `, ${km} km` : ''})`,
    takeNowInstead: (s, a, km) => `Ta med nu i ${s} i stället (${a} i lager${km ? `, ${km} km` : ''})`,
    deliverInstead: 'Leverera i stället',
    blocked: 'Ordern kan inte läggas med raden som den är.',
    movedTo: (n, w) => `${n}: ${w}.`,
    quantityNow: (n, q) => `Antal ${n}: ${q}.`,
    subtotal: 'Delsumma',
    discounts: 'Rabatter',
    total: 'Att betala',
    vat: (r) => `Moms ${r} %`,
    vatIncluded: 'Priserna inkluderar moms',
    payment: 'Betalning',
    method: { online: 'Betala online', in_store: 'Betala i butiken vid hämtning', invoice: 'Faktura' },
    refused: { no_store_visit: 'Bara när du hämtar i en butik.' },
    email: 'E-post',
    emailMissing: 'Fyll i din e-postadress.',
    emailInvalid: 'Fyll i en e-postadress som namn@exempel.se.',
    checkout: 'Lägg order',
    checkingOut: 'Lägger ordern…',
    notReady: 'Några rader kan inte fås som de är: rätta dem ovan för att lägga ordern.',
    refusedLines: (n) => (n === 1 ? '1 rad kan inte fås som den är. Rätta den för att lägga ordern.' : `${n} rader kan inte fås som de är. Rätta dem för att lägga ordern.`),
    ordered: (o) => `Tack! Din order ${o} är lagd.`,
    failed: 'Det gick inte. Kontrollera anslutningen och försök igen.',
  },
  nb: {
    cart: 'Handlekurv',
    loading: 'Henter handlekurven…',
    empty: 'Handlekurven din er tom.',
    error: 'Handlekurven kunne ikke hentes.',
    retry: 'Prøv igjen',
    conflict: 'Handlekurven ble endret på en annen enhet. Slik ser den ut nå; den siste endringen din ble ikke gjort.',
    delivery: 'Hjemlevering',
    pickupAt: (s) => `Hent i ${s}`,
    takeNowAt: (s) => `Ta med nå i ${s}`,
    groupSubtotal: 'Delsum',
    deliveryFee: 'Frakt',
    free: 'Gratis',
    moreForFree: (a) => `${a} igjen til gratis frakt`,
    unitPrice: 'Stykkpris',
    was: 'før',
    lineTotal: 'Linjesum',
    quantityOf: (n) => `Antall ${n}`,
    decrease: (n) => `Én færre ${n}`,
    increase: (n) => `Én til ${n}`,
    remove: 'Fjern',
    removeName: (n) => `Fjern ${n}`,
    removed: (n) => `${n} ble fjernet.`,
    undo: 'Angre',
    undoName: (n) => `Angre fjerning av ${n}`,
    restored: (n) => `${n} er tilbake i handlekurven.`,
    problem: {
      insufficient_stock: (a) => `Bare ${a} tilgjengelig her.`,
      out_of_stock: () => 'Utsolgt her.',
      not_stocked: () => 'Butikken fører ikke varen.',
      online_only: () => 'Selges bare på nett.',
      inactive: () => 'Selges ikke lenger.',
      service_unavailable: () => 'Butikken tilbyr ikke denne måten å hente på.',
      unknown_store: () => 'Butikken finnes ikke lenger.',
    },
    pickUpInstead: (s, a, km) => `Hent i ${s} i stedet (${a} på lager${km ? `, ${km} km` : ''})`,
    takeNowInstead: (s, a, km) => `Ta med nå i ${s} i stedet (${a} på lager${km ? `, ${km} km` : ''})`,
    deliverInstead: 'Lever i stedet',
    blocked: 'Bestillingen kan ikke legges inn med linjen slik den er.',
    movedTo: (n, w) => `${n}: ${w}.`,
    quantityNow: (n, q) => `Antall ${n}: ${q}.`,
    subtotal: 'Delsum',
    discounts: 'Rabatter',
    total: 'Totalt',
    vat: (r) => `MVA ${r} %`,
    vatIncluded: 'Prisene inkluderer MVA',
    payment: 'Betaling',
    method: { online: 'Betal på nett', in_store: 'Betal i butikken ved henting', invoice: 'Faktura' },
    refused: { no_store_visit: 'Bare når du henter i en butikk.' },
    email: 'E-post',
    emailMissing: 'Skriv inn e-postadressen din.',
    emailInvalid: 'Skriv inn en e-postadresse som navn@eksempel.no.',
    checkout: 'Legg inn bestilling',
    checkingOut: 'Legger inn bestillingen…',
    notReady: 'Noen linjer kan ikke fås slik de er: rett dem over for å bestille.',
    refusedLines: (n) => (n === 1 ? '1 linje kan ikke fås slik den er. Rett den for å bestille.' : `${n} linjer kan ikke fås slik de er. Rett dem for å bestille.`),
    ordered: (o) => `Takk! Bestillingen ${o} er lagt inn.`,
    failed: 'Det gikk ikke. Sjekk tilkoblingen og prøv igjen.',
  },
  da: {
    cart: 'Kurv',
    loading: 'Henter kurven…',
    empty: 'Din kurv er tom.',
    error: 'Kurven kunne ikke hentes.',
    retry: 'Prøv igen',
    conflict: 'Kurven blev ændret på en anden enhed. Sådan ser den ud nu; din seneste ændring blev ikke foretaget.',
    delivery: 'Levering til døren',
    pickupAt: (s) => `Hent i ${s}`,
    takeNowAt: (s) => `Tag med nu i ${s}`,
    groupSubtotal: 'Subtotal',
    deliveryFee: 'Fragt',
    free: 'Gratis',
    moreForFree: (a) => `${a} mere for gratis fragt`,
    unitPrice: 'Stykpris',
    was: 'før',
    lineTotal: 'Linjesum',
    quantityOf: (n) => `Antal ${n}`,
    decrease: (n) => `Én færre ${n}`,
    increase: (n) => `Én mere ${n}`,
    remove: 'Fjern',
    removeName: (n) => `Fjern ${n}`,
    removed: (n) => `${n} blev fjernet.`,
    undo: 'Fortryd',
    undoName: (n) => `Fortryd fjernelse af ${n}`,
    restored: (n) => `${n} er tilbage i kurven.`,
    problem: {
      insufficient_stock: (a) => `Kun ${a} på lager her.`,
      out_of_stock: () => 'Udsolgt her.',
      not_stocked: () => 'Butikken fører ikke varen.',
      online_only: () => 'Sælges kun online.',
      inactive: () => 'Sælges ikke længere.',
      service_unavailable: () => 'Butikken tilbyder ikke denne måde at hente på.',
      unknown_store: () => 'Butikken findes ikke længere.',
    },
    pickUpInstead: (s, a, km) => `Hent i ${s} i stedet (${a} på lager${km ? `, ${km} km` : ''})`,
    takeNowInstead: (s, a, km) => `Tag med nu i ${s} i stedet (${a} på lager${km ? `, ${km} km` : ''})`,
    deliverInstead: 'Lever i stedet',
    blocked: 'Ordren kan ikke afgives med linjen, som den er.',
    movedTo: (n, w) => `${n}: ${w}.`,
    quantityNow: (n, q) => `Antal ${n}: ${q}.`,
    subtotal: 'Subtotal',
    discounts: 'Rabatter',
    total: 'I alt',
    vat: (r) => `Moms ${r} %`,
    vatIncluded: 'Priserne er inklusive moms',
    payment: 'Betaling',
    method: { online: 'Betal online', in_store: 'Betal i butikken ved afhentning', invoice: 'Faktura' },
    refused: { no_store_visit: 'Kun når du henter i en butik.' },
    email: 'E-mail',
    emailMissing: 'Skriv din e-mailadresse.',
    emailInvalid: 'Skriv en e-mailadresse som navn@eksempel.dk.',
    checkout: 'Afgiv ordre',
    checkingOut: 'Afgiver ordren…',
    notReady: 'Nogle linjer kan ikke fås, som de er: ret dem ovenfor for at afgive ordren.',
    refusedLines: (n) => (n === 1 ? '1 linje kan ikke fås, som den er. Ret den for at afgive ordren.' : `${n} linjer kan ikke fås, som de er. Ret dem for at afgive ordren.`),
    ordered: (o) => `Tak! Din ordre ${o} er afgivet.`,
    failed: 'Det lykkedes ikke. Tjek forbindelsen, og prøv igen.',
  },
  fi: {
    cart: 'Ostoskori',
    loading: 'Haetaan ostoskoria…',
    empty: 'Ostoskorisi on tyhjä.',
    error: 'Ostoskoria ei voitu hakea.',
    retry: 'Yritä uudelleen',
    conflict: 'Ostoskoria muutettiin toisella laitteella. Tässä kori sellaisena kuin se nyt on; viimeisintä muutostasi ei tehty.',
    delivery: 'Kotiinkuljetus',
    pickupAt: (s) => `Nouto: ${s}`,
    takeNowAt: (s) => `Mukaan heti: ${s}`,
    groupSubtotal: 'Välisumma',
    deliveryFee: 'Toimitus',
    free: 'Maksuton',
    moreForFree: (a) => `${a} vielä maksuttomaan toimitukseen`,
    unitPrice: 'Kappalehinta',
    was: 'ennen',
    lineTotal: 'Rivin summa',
    quantityOf: (n) => `Määrä: ${n}`,
    decrease: (n) => `Yksi vähemmän: ${n}`,
    increase: (n) => `Yksi lisää: ${n}`,
    remove: 'Poista',
    removeName: (n) => `Poista ${n}`,
    removed: (n) => `${n} poistettiin.`,
    undo: 'Kumoa',
    undoName: (n) => `Kumoa tuotteen ${n} poisto`,
    restored: (n) => `${n} on taas ostoskorissa.`,
    problem: {
      insufficient_stock: (a) => `Täällä vain ${a} saatavilla.`,
      out_of_stock: () => 'Loppu täältä.',
      not_stocked: () => 'Myymälä ei myy tätä tuotetta.',
      online_only: () => 'Myydään vain verkossa.',
      inactive: () => 'Ei enää myynnissä.',
      service_unavailable: () => 'Myymälä ei tarjoa tätä noutotapaa.',
      unknown_store: () => 'Myymälää ei ole enää.',
    },
    pickUpInstead: (s, a, km) => `Nouda sen sijaan: ${s} (${a} varastossa${km ? `, ${km} km` : ''})`,
    takeNowInstead: (s, a, km) => `Ota mukaan sen sijaan: ${s} (${a} varastossa${km ? `, ${km} km` : ''})`,
    deliverInstead: 'Toimita kotiin sen sijaan',
    blocked: 'Tilausta ei voi tehdä tällä rivillä sellaisenaan.',
    movedTo: (n, w) => `${n}: ${w}.`,
    quantityNow: (n, q) => `Määrä ${n}: ${q}.`,
    subtotal: 'Välisumma',
    discounts: 'Alennukset',
    total: 'Yhteensä',
    vat: (r) => `ALV ${r} %`,
    vatIncluded: 'Hinnat sisältävät ALV:n',
    payment: 'Maksu',
    method: { online: 'Maksa verkossa', in_store: 'Maksa myymälässä noudettaessa', invoice: 'Lasku' },
    refused: { no_store_visit: 'Vain kun noudat myymälästä.' },
    email: 'Sähköposti',
    emailMissing: 'Anna sähköpostiosoitteesi.',
    emailInvalid: 'Anna sähköpostiosoite muodossa nimi@esimerkki.fi.',
    checkout: 'Tee tilaus',
    checkingOut: 'Tilausta tehdään…',
    notReady: 'Joitakin rivejä ei saa sellaisenaan: korjaa ne yllä tehdäksesi tilauksen.',
    refusedLines: (n) => (n === 1 ? '1 riviä ei saa sellaisenaan. Korjaa se tehdäksesi tilauksen.' : `${n} riviä ei saa sellaisenaan. Korjaa ne tehdäksesi tilauksen.`),
    ordered: (o) => `Kiitos! Tilauksesi ${o} on tehty.`,
    failed: 'Se ei onnistunut. Tarkista yhteys ja yritä uudelleen.',
  },
};
