import type { Country, OpeningException, OpeningHours, Store, StoreService } from '@omnikit/contract';

/** Seed retailer's brand. */
export const RETAILER = 'Nordvik';

const TZ: Record<Country, string> = {
  SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki',
};

type Hours = [opens: string, closes: string] | null;
function week(weekday: Hours, saturday: Hours, sunday: Hours): OpeningHours[] {
  const days: OpeningHours[] = [];
  for (let day = 1; day <= 7; day++) {
    const h = day <= 5 ? weekday : day === 6 ? saturday : sunday;
    if (h) days.push({ day, opens: h[0], closes: h[1] });
  }
  return days;
}

const closed = (date: string, note: string): OpeningException => ({ date, closed: true, note });
const short = (date: string, opens: string, closes: string, note: string): OpeningException => ({ date, closed: false, opens, closes, note });

/** Public holidays and short days around the turn of the year and the spring, per country. */
const HOLIDAYS: Record<Country, OpeningException[]> = {
  SE: [
    short('2026-12-23', '10:00', '22:00', 'Lillejulafton: late opening'),
    closed('2026-12-24', 'Julafton'), closed('2026-12-25', 'Juldagen'),
    short('2026-12-26', '11:00', '17:00', 'Annandag jul'), short('2026-12-31', '10:00', '15:00', 'Nyårsafton'),
    closed('2027-01-01', 'Nyårsdagen'), short('2027-01-06', '11:00', '17:00', 'Trettondedag jul'),
    closed('2027-03-26', 'Långfredagen'), closed('2027-06-25', 'Midsommarafton'),
  ],
  NO: [
    short('2026-12-24', '09:00', '13:00', 'Julaften'), closed('2026-12-25', '1. juledag'),
    closed('2026-12-26', '2. juledag'), short('2026-12-31', '09:00', '15:00', 'Nyttårsaften'),
    closed('2027-01-01', '1. nyttårsdag'), closed('2027-03-25', 'Skjærtorsdag'),
    closed('2027-03-26', 'Langfredag'), closed('2027-05-17', 'Grunnlovsdag'),
  ],
  DK: [
    short('2026-12-24', '09:00', '14:00', 'Juleaften'), closed('2026-12-25', '1. juledag'),
    closed('2026-12-26', '2. juledag'), short('2026-12-31', '09:00', '15:00', 'Nytårsaften'),
    closed('2027-01-01', 'Nytårsdag'), closed('2027-03-26', 'Langfredag'), closed('2027-06-05', 'Grundlovsdag'),
  ],
  FI: [
    short('2026-12-06', '12:00', '18:00', 'Itsenäisyyspäivä'), closed('2026-12-24', 'Jouluaatto'),
    closed('2026-12-25', 'Joulupäivä'), short('2026-12-26', '12:00', '18:00', 'Tapaninpäivä'),
    short('2026-12-31', '09:00', '18:00', 'Uudenvuodenaatto'), closed('2027-01-01', 'Uudenvuodenpäivä'),
    closed('2027-06-25', 'Juhannusaatto'),
  ],
};

interface StoreSeed {
  id: string; name: string; street: string; postalCode: string; city: string; country: Country;
  lat: number; lng: number; phone: string; services: StoreService[]; mall?: boolean;
}

const S = (s: StoreSeed) => s;
const SEEDS: StoreSeed[] = [
  S({ id: 'se-stockholm-drottninggatan', name: 'Stockholm Drottninggatan', street: 'Drottninggatan 53', postalCode: '111 21', city: 'Stockholm', country: 'SE', lat: 59.3346, lng: 18.0632, phone: '+46 8 410 220 10', services: ['click_and_collect', 'returns', 'locker'] }),
  S({ id: 'se-stockholm-gotgatan', name: 'Stockholm Götgatan', street: 'Götgatan 36', postalCode: '118 26', city: 'Stockholm', country: 'SE', lat: 59.3151, lng: 18.0727, phone: '+46 8 410 220 20', services: ['click_and_collect', 'returns'] }),
  S({ id: 'se-solna-mall-of-scandinavia', name: 'Solna Mall of Scandinavia', street: 'Stjärntorget 2', postalCode: '169 79', city: 'Solna', country: 'SE', lat: 59.3703, lng: 18.0043, phone: '+46 8 410 220 30', services: ['click_and_collect', 'curbside', 'locker', 'returns'], mall: true }),
  S({ id: 'se-goteborg-kungsgatan', name: 'Göteborg Kungsgatan', street: 'Kungsgatan 42', postalCode: '411 19', city: 'Göteborg', country: 'SE', lat: 57.7047, lng: 11.9646, phone: '+46 31 760 44 00', services: ['click_and_collect', 'returns'] }),
  S({ id: 'se-malmo-sodra-forstadsgatan', name: 'Malmö Södra Förstadsgatan', street: 'Södra Förstadsgatan 18', postalCode: '211 43', city: 'Malmö', country: 'SE', lat: 55.5977, lng: 13.0011, phone: '+46 40 630 18 00', services: ['click_and_collect', 'returns', 'locker'] }),
  S({ id: 'se-uppsala-svartbacksgatan', name: 'Uppsala Svartbäcksgatan', street: 'Svartbäcksgatan 11', postalCode: '753 20', city: 'Uppsala', country: 'SE', lat: 59.8608, lng: 17.6388, phone: '+46 18 480 11 00', services: ['click_and_collect', 'returns'] }),
  S({ id: 'no-oslo-karl-johans-gate', name: 'Oslo Karl Johans gate', street: 'Karl Johans gate 16', postalCode: '0154', city: 'Oslo', country: 'NO', lat: 59.9119, lng: 10.7478, phone: '+47 22 40 10 10', services: ['click_and_collect', 'returns'] }),
  S({ id: 'no-oslo-storo', name: 'Oslo Storo', street: 'Vitaminveien 7', postalCode: '0485', city: 'Oslo', country: 'NO', lat: 59.9468, lng: 10.7776, phone: '+47 22 40 10 20', services: ['click_and_collect', 'curbside', 'locker', 'returns'], mall: true }),
  S({ id: 'no-bergen-torgallmenningen', name: 'Bergen Torgallmenningen', street: 'Torgallmenningen 8', postalCode: '5014', city: 'Bergen', country: 'NO', lat: 60.3932, lng: 5.3245, phone: '+47 55 30 40 00', services: ['click_and_collect', 'returns'] }),
  S({ id: 'no-trondheim-nordre-gate', name: 'Trondheim Nordre gate', street: 'Nordre gate 11', postalCode: '7011', city: 'Trondheim', country: 'NO', lat: 63.4327, lng: 10.3967, phone: '+47 73 80 20 00', services: ['click_and_collect', 'returns'] }),
  S({ id: 'dk-kobenhavn-amagertorv', name: 'København Amagertorv', street: 'Amagertorv 10', postalCode: '1160', city: 'København K', country: 'DK', lat: 55.6787, lng: 12.5789, phone: '+45 33 12 40 00', services: ['click_and_collect', 'returns', 'locker'] }),
  S({ id: 'dk-kobenhavn-norrebrogade', name: 'København Nørrebrogade', street: 'Nørrebrogade 52', postalCode: '2200', city: 'København N', country: 'DK', lat: 55.6912, lng: 12.5547, phone: '+45 33 12 40 20', services: ['click_and_collect', 'returns'] }),
  S({ id: 'dk-aarhus-sondergade', name: 'Aarhus Søndergade', street: 'Søndergade 31', postalCode: '8000', city: 'Aarhus C', country: 'DK', lat: 56.1529, lng: 10.2069, phone: '+45 86 12 30 00', services: ['click_and_collect', 'returns'] }),
  S({ id: 'dk-odense-vestergade', name: 'Odense Vestergade', street: 'Vestergade 45', postalCode: '5000', city: 'Odense C', country: 'DK', lat: 55.3959, lng: 10.3847, phone: '+45 66 12 50 00', services: ['click_and_collect', 'curbside'] }),
  S({ id: 'fi-helsinki-aleksanterinkatu', name: 'Helsinki Aleksanterinkatu', street: 'Aleksanterinkatu 19', postalCode: '00100', city: 'Helsinki', country: 'FI', lat: 60.1688, lng: 24.9475, phone: '+358 9 4240 1000', services: ['click_and_collect', 'returns', 'locker'] }),
  S({ id: 'fi-espoo-iso-omena', name: 'Espoo Iso Omena', street: 'Piispansilta 11', postalCode: '02230', city: 'Espoo', country: 'FI', lat: 60.1614, lng: 24.7380, phone: '+358 9 4240 2000', services: ['click_and_collect', 'curbside', 'locker', 'returns'], mall: true }),
  S({ id: 'fi-tampere-hameenkatu', name: 'Tampere Hämeenkatu', street: 'Hämeenkatu 14', postalCode: '33100', city: 'Tampere', country: 'FI', lat: 61.4980, lng: 23.7636, phone: '+358 3 4240 3000', services: ['click_and_collect', 'returns'] }),
  S({ id: 'fi-turku-yliopistonkatu', name: 'Turku Yliopistonkatu', street: 'Yliopistonkatu 22', postalCode: '20100', city: 'Turku', country: 'FI', lat: 60.4510, lng: 22.2662, phone: '+358 2 4240 4000', services: ['click_and_collect', 'returns'] }),
];

function hoursFor(s: StoreSeed): OpeningHours[] {
  // Norwegian shops keep Sundays closed by law; malls open longer; city-centre shops close earlier.
  if (s.country === 'NO') return s.mall ? week(['10:00', '21:00'], ['10:00', '19:00'], null) : week(['10:00', '20:00'], ['10:00', '18:00'], null);
  if (s.mall) return week(['10:00', '21:00'], ['10:00', '19:00'], ['11:00', '18:00']);
  return week(['10:00', '19:00'], ['10:00', '17:00'], ['11:00', '16:00']);
}

/** A store's short name: its name without the brand and the city (every seed name starts with a one-word city). */
const shortNameOf = (seedName: string) => seedName.slice(seedName.indexOf(' ') + 1);

/** The seed's stores (physical stores first, the online warehouse last). */
export function seedStores(): Store[] {
  const stores: Store[] = SEEDS.map((s) => ({
    id: s.id,
    name: `${RETAILER} ${s.name}`,
    shortName: shortNameOf(s.name),
    type: 'store',
    address: { street: s.street, postalCode: s.postalCode, city: s.city, country: s.country },
    coordinates: { lat: s.lat, lng: s.lng },
    timeZone: TZ[s.country],
    phone: s.phone,
    email: `${s.id}@nordvik.example`,
    openingHours: hoursFor(s),
    openingExceptions: HOLIDAYS[s.country],
    services: s.services,
  }));
  stores.push({
    id: 'online',
    name: `${RETAILER} Online`,
    shortName: 'Online',
    type: 'warehouse',
    address: { street: 'Lagergatan 4', postalCode: '506 30', city: 'Borås', country: 'SE' },
    coordinates: { lat: 57.7306, lng: 12.9201 },
    timeZone: 'Europe/Stockholm',
    email: 'kundservice@nordvik.example',
    openingHours: [],
    openingExceptions: [],
    services: ['home_delivery', 'locker'],
  });
  return stores;
}
