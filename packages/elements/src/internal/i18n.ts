/** Languages we ship message catalogs for. */
export type Lang = 'sv' | 'nb' | 'da' | 'fi' | 'en';

/** A widget's messages: one catalog per language, English complete, the others may fall back. */
export type Catalogs<M> = { en: M } & Partial<Record<Exclude<Lang, 'en'>, M>>;

/**
 * The catalog language for a BCP 47 locale: `sv-SE` -> `sv`; Norwegian `no`/`nn` -> `nb`;
 * anything we have no catalog for -> `en`.
 */
export function langOf(locale: string | undefined): Lang {
  const l = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  if (l === 'no' || l === 'nn') return 'nb';
  return l === 'sv' || l === 'nb' || l === 'da' || l === 'fi' ? l : 'en';
}

/**
 * The locale a widget speaks: the provider's (or `configure()`'s), then the page's
 * `<html lang>`, then English.
 */
export function resolveLocale(fromContext: string | undefined): string {
  return fromContext || (typeof document !== 'undefined' && document.documentElement.lang) || 'en';
}

/** The messages for a locale, falling back to English. */
export function messagesFor<M>(catalogs: Catalogs<M>, locale: string): M {
  return catalogs[langOf(locale)] ?? catalogs.en;
}
