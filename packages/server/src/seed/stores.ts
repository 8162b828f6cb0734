import type { Country, OpeningException, OpeningHours, Store, StoreService } from '@omnikit/contract';
import { holidaysOf } from '../pickup/hours.js';

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

/** Years the seed writes the stores' own exceptions for (fixed, so the seed is the same on every machine). */
const EXCEPTION_YEARS = [2026, 2027, 2028];

/**
 * The retailer's policy for the days the holiday library marks but does not close (bank days:
 * midsummer eve, Christmas eve, New Year's eve) and the public holidays it opens on anyway
 * (Boxing Day sales), by the library's holiday name; `null` closes. Public holidays not named
 * here are closed (the library's rule, so they are not written per store). Denmark's eves are
 * not in the library at all: fixed dates.
 */
type Policy = { name?: string; monthDay?: string; hours: Hours; note: string }[];
const POLICY: Record<Country, Policy> = {
  SE: [
    { name: 'midsommarafton', hours: ['10:00', '14:00'], note: 'Midsommarafton' },
    { name: 'julafton', hours: null, note: 'Julafton' },
    { name: 'nyårsafton', hours: ['10:00', '15:00'], note: 'Nyårsafton' },
    { name: 'annandag jul', hours: ['11:00', '17:00'], note: 'Annandag jul' },
  ],
  NO: [
    { name: 'Julaften', hours: ['09:00', '13:00'], note: 'Julaften' },
    { name: 'Nyttårsaften', hours: ['09:00', '15:00'], note: 'Nyttårsaften' },
  ],
  DK: [
    { monthDay: '12-24', hours: ['09:00', '14:00'], note: 'Juleaften' },
    { monthDay: '12-31', hours: ['09:00', '15:00'], note: 'Nytårsaften' },
  ],
  FI: [
    { name: 'juhannusaatto', hours: ['09:00', '15:00'], note: 'Juhannusaatto' },
    { name: 'jouluaatto', hours: ['09:00', '13:00'], note: 'Jouluaatto' },
    { name: 'Uudenvuodenaatto', hours: ['09:00', '18:00'], note: 'Uudenvuodenaatto' },
    { name: 'tapaninpäivä', hours: ['12:00', '18:00'], note: 'Tapaninpäivä' },
  ],
};

/**
 * A store's own exceptions: the country's policy on the library's dates, with the differences
 * that are really the store's (malls open on midsummer eve until 16:00 in Sweden; Drottninggatan
 * stays open late on the day before Christmas eve).
 */
function overridesFor(s: StoreSeed): OpeningException[] {
  const out: OpeningException[] = [];
  for (const year of EXCEPTION_YEARS) {
    const days = holidaysOf(s.country, year);
    for (const p of POLICY[s.country]) {
      const dates = p.monthDay ? [`${year}-${p.monthDay}`] : [...days].filter(([, h]) => h.name === p.name).map(([d]) => d);
      for (const date of dates) {
        let hours = p.hours;
        if (s.mall && s.country === 'SE' && p.name === 'midsommarafton') hours = ['10:00', '16:00'];
        out.push(hours ? short(date, hours[0], hours[1], p.note) : closed(date, p.note));
      }
    }
    if (s.id === 'se-stockholm-drottninggatan') out.push(short(`${year}-12-23`, '10:00', '22:00', 'Lillejulafton: late opening'));
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

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

/** A seed location: a store of the contract with its pickup slot settings. */
export interface SeedStore extends Store {
  /** Minutes of one pickup slot. */
  slotMinutes: number;
  /** Pickups one slot takes. */
  slotCapacity: number;
}

/** Parcel lockers: locations of their own, open at all hours, holding no stock. */
const LOCKERS = [
  { id: 'se-stockholm-t-centralen-locker', name: 'Paketskåp T-Centralen', street: 'Vasagatan 22', postalCode: '111 20', city: 'Stockholm', country: 'SE', lat: 59.3313, lng: 18.0597, compartments: 40 },
  { id: 'se-stockholm-medborgarplatsen-locker', name: 'Paketskåp Medborgarplatsen', street: 'Medborgarplatsen 3', postalCode: '118 26', city: 'Stockholm', country: 'SE', lat: 59.3143, lng: 18.0735, compartments: 24 },
  { id: 'fi-helsinki-kamppi-locker', name: 'Pakettiautomaatti Kamppi', street: 'Urho Kekkosen katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI', lat: 60.1690, lng: 24.9320, compartments: 30 },
  { id: 'no-oslo-jernbanetorget-locker', name: 'Pakkeautomat Jernbanetorget', street: 'Jernbanetorget 1', postalCode: '0154', city: 'Oslo', country: 'NO', lat: 59.9115, lng: 10.7505, compartments: 24 },
] as const satisfies (Omit<StoreSeed, 'phone' | 'services' | 'mall'> & { compartments: number })[];

/** The seed's locations: physical stores first, then the online warehouse, then the parcel lockers. */
export function seedStores(): SeedStore[] {
  const stores: SeedStore[] = SEEDS.map((s) => ({
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
    openingExceptions: overridesFor(s),
    services: s.services,
    // Malls: a stockroom further from the counter, and more pickups in longer slots.
    preparationMinutes: s.mall ? 60 : 30,
    slotMinutes: s.mall ? 30 : 60,
    slotCapacity: s.mall ? 8 : 5,
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
    preparationMinutes: 0,
    slotMinutes: 60,
    slotCapacity: 0,
  });
  for (const l of LOCKERS) {
    stores.push({
      id: l.id, name: `${RETAILER} ${l.name}`, shortName: l.name, type: 'locker',
      address: { street: l.street, postalCode: l.postalCode, city: l.city, country: l.country },
      coordinates: { lat: l.lat, lng: l.lng }, timeZone: TZ[l.country],
      openingHours: [], openingExceptions: [], services: ['locker'],
      preparationMinutes: 0, compartments: l.compartments, slotMinutes: 60, slotCapacity: 0,
    });
  }
  return stores;
}
