import * as z from 'zod/mini';

/**
 * Returns `build()`. Every schema of the contract is made through this so bundlers can drop the
 * ones a bundle never uses: zod's factories carry no purity annotations, and a chained
 * `.check()` cannot carry one, but a call of this side-effect-free function can be dropped whole.
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineSchema<T>(build: () => T): T {
  return build();
}

/** Currencies every price is given in (ISO 4217). */
export const CURRENCIES = ['SEK', 'NOK', 'DKK', 'EUR'] as const;
/** A currency of {@link CURRENCIES}. */
export const Currency = defineSchema(() => z.enum(CURRENCIES));
export type Currency = z.infer<typeof Currency>;

/** Locales the widgets ship message catalogs for (BCP 47 language subtags). */
export const LANGUAGES = ['sv', 'nb', 'da', 'fi', 'en'] as const;
/** A language of {@link LANGUAGES}. */
export const Language = defineSchema(() => z.enum(LANGUAGES));
export type Language = z.infer<typeof Language>;

/** Sales channels a client identifies itself with. */
export const CHANNELS = ['web', 'kiosk', 'app', 'pos'] as const;
/** A channel of {@link CHANNELS}. */
export const Channel = defineSchema(() => z.enum(CHANNELS));
export type Channel = z.infer<typeof Channel>;

/** A SKU: letters, digits, dash, underscore and dot, 1 to 64 characters. */
export const Sku = defineSchema(() => z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'invalid sku')));
export type Sku = z.infer<typeof Sku>;

/** A location id: a store id, or `online` for the web warehouse. */
export const LocationId = defineSchema(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'invalid store id')));
export type LocationId = z.infer<typeof LocationId>;

/** The location id of the online (web) warehouse in availability records. */
export const ONLINE_LOCATION = 'online';

/**
 * ISO 8601 timestamp with offset, as the server writes them. One regex check rather than
 * `z.iso.datetime()`: it validates the same shape for what the server sends, and browsers do not
 * pay for zod's string-format machinery.
 */
export const Timestamp = defineSchema(() => z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'expected an ISO 8601 timestamp'),
));

/** Largest quantity the API accepts anywhere; keeps values well inside int4. */
export const MAX_QUANTITY = 1_000_000;

/** A non-negative whole number of units. */
export const Quantity = defineSchema(() => z.int().check(z.minimum(0), z.maximum(MAX_QUANTITY)));

/**
 * Comma-separated list in a query string (`?skus=a,b,c`), parsed to an array of `item`,
 * with at most `max` entries. Duplicates are removed, order kept.
 */
/* @__NO_SIDE_EFFECTS__ */
export function csv<T extends z.ZodMiniType<string, string>>(item: T, max: number) {
  return z.pipe(
    z.string(),
    z.pipe(
      z.transform((s: string) => [...new Set(s.split(',').map((p) => p.trim()).filter(Boolean))]),
      z.array(item).check(z.minLength(1), z.maxLength(max)),
    ),
  );
}

/** A page of results with the total number of matches. */
/* @__NO_SIDE_EFFECTS__ */
export function page<T extends z.ZodMiniType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.int().check(z.minimum(1)),
    pageSize: z.int().check(z.minimum(1)),
    total: z.int().check(z.minimum(0)),
  });
}

/** A list result. */
/* @__NO_SIDE_EFFECTS__ */
export function list<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** Whole number from a query string, within bounds. */
/* @__NO_SIDE_EFFECTS__ */
export function queryInt(min: number, max: number) {
  return z.coerce.number().check(z.int(), z.minimum(min), z.maximum(max));
}
