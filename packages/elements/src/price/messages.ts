import type { Catalogs } from '../internal/i18n.js';

/** Every text the price shows, per language. */
export interface PriceMessages {
  loading: string;
  /** Screen-reader prefix of the previous price. */
  was: string;
  /** Screen-reader prefix of the current price when there is a previous one. */
  now: string;
  unavailable: string;
}

export const messages: Catalogs<PriceMessages> = {
  en: { loading: 'Loading price…', was: 'Was', now: 'Now', unavailable: 'Price unavailable' },
  sv: { loading: 'Hämtar pris…', was: 'Tidigare pris', now: 'Nu', unavailable: 'Pris saknas' },
  nb: { loading: 'Henter pris…', was: 'Før', now: 'Nå', unavailable: 'Pris ikke tilgjengelig' },
  da: { loading: 'Henter pris…', was: 'Før', now: 'Nu', unavailable: 'Pris ikke tilgængelig' },
  fi: { loading: 'Haetaan hintaa…', was: 'Ennen', now: 'Nyt', unavailable: 'Hinta ei saatavilla' },
};
