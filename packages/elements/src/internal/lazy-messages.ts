import { langOf, type Lang } from './i18n.js';

/** Loaders of a widget's other languages, each a chunk of its own (`import('./messages.sv.js')`). */
export type CatalogLoaders<M> = Record<Exclude<Lang, 'en'>, () => Promise<{ messages: M }>>;

/** A widget's texts with English at hand and the other languages loaded on first use. */
export interface LazyCatalogs<M> {
  /**
   * The catalog of a locale if it is here, else `undefined`; with `onLoad`, a missing catalog is
   * loaded and `onLoad` called once it is (a widget passes its `requestUpdate`).
   */
  messagesOf(locale: string, onLoad?: () => void): M | undefined;
  /** Loads a locale's catalog once; a failed load falls back to English (never rejects). */
  loadMessages(locale: string): Promise<unknown>;
  /** The catalogs at hand by language; the server-side renderer fills in every language at once. */
  catalogs: Partial<Record<Lang, M>>;
}

/**
 * A widget's texts: English in the widget's chunk, every other language a chunk of its own, so
 * a page downloads one language of the widget, not five.
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazyCatalogs<M>(en: M, loaders: CatalogLoaders<M>): LazyCatalogs<M> {
  const catalogs: Partial<Record<Lang, M>> = { en };
  const asked: Partial<Record<Lang, Promise<unknown>>> = {};
  const loadMessages = (locale: string) => {
    const lang = langOf(locale);
    return (asked[lang] ??= lang === 'en' ? Promise.resolve() : loaders[lang]().then((m) => (catalogs[lang] = m.messages), () => (catalogs[lang] = en)));
  };
  return {
    messagesOf(locale, onLoad) {
      const m = catalogs[langOf(locale)];
      if (!m && onLoad) void loadMessages(locale).then(onLoad);
      return m;
    },
    loadMessages,
    catalogs,
  };
}
