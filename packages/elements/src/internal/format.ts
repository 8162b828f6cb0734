const cache = new Map<string, Intl.NumberFormat>();

/** One `Intl.NumberFormat` per locale+currency: creating them is slow and 200 prices share a few. */
function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      // An invalid locale tag from an attribute must not break the page: fall back to English.
      f = new Intl.NumberFormat('en', { style: 'currency', currency });
    }
    cache.set(key, f);
  }
  return f;
}

/**
 * Formats an amount in minor units (öre, cent) as money, e.g. `14900` SEK in `sv-SE` -> `149,00 kr`.
 * The minor-unit exponent comes from Intl (2 for SEK, NOK, DKK and EUR).
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const f = currencyFormat(locale, currency);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}
