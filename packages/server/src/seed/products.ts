import type { Currency, Price, Product, VatClass } from '@omnikit/contract';
import type { Random } from './random.js';

/** A product category of the seed catalog. */
export interface CategorySeed {
  id: string;
  name: string;
  /** Hue of the generated product images. */
  hue: number;
  nouns: [noun: string, minSek: number, maxSek: number][];
  /** VAT class of its products (default `standard`). */
  vatClass?: VatClass;
}

export const CATEGORIES: CategorySeed[] = [
  { id: 'kitchen', name: 'Kitchen', hue: 18, nouns: [['Frying pan', 249, 899], ['Saucepan', 199, 699], ["Chef's knife", 299, 1299], ['Cutting board', 99, 449], ['Coffee press', 199, 599], ['Kettle', 299, 999], ['Mixing bowl set', 149, 399], ['Dutch oven', 699, 2499]] },
  { id: 'home', name: 'Home & decor', hue: 330, nouns: [['Cushion cover', 99, 299], ['Vase', 149, 799], ['Candle holder', 79, 399], ['Wall mirror', 399, 1999], ['Wool rug', 899, 4999], ['Storage basket', 129, 499], ['Picture frame', 69, 349]] },
  { id: 'lighting', name: 'Lighting', hue: 48, nouns: [['Table lamp', 299, 1499], ['Floor lamp', 699, 2999], ['Pendant lamp', 499, 2499], ['Wall lamp', 399, 1299], ['LED lantern', 149, 499]] },
  { id: 'outdoor', name: 'Outdoor', hue: 140, nouns: [['Tent', 1499, 6999], ['Sleeping bag', 799, 3499], ['Hiking backpack', 699, 2999], ['Headlamp', 199, 799], ['Trekking poles', 399, 1199], ['Camping stove', 349, 1499], ['Vacuum flask', 199, 499]] },
  { id: 'garden', name: 'Garden', hue: 95, nouns: [['Watering can', 99, 349], ['Pruning shears', 149, 599], ['Planter', 129, 899], ['Garden hose', 249, 799], ['Bird feeder', 99, 399]] },
  { id: 'tools', name: 'Tools', hue: 210, nouns: [['Cordless drill', 799, 2999], ['Screwdriver set', 149, 599], ['Claw hammer', 129, 399], ['Tape measure', 79, 249], ['Spirit level', 149, 499], ['Toolbox', 249, 999]] },
  { id: 'textiles', name: 'Textiles', hue: 265, nouns: [['Duvet cover set', 299, 999], ['Bath towel', 99, 299], ['Bathrobe', 399, 999], ['Wool blanket', 499, 1799], ['Linen tablecloth', 249, 699]] },
  { id: 'electronics', name: 'Electronics', hue: 190, nouns: [['Wireless headphones', 699, 3499], ['Bluetooth speaker', 499, 2499], ['USB-C charger', 199, 599], ['Power bank', 249, 799], ['Smart plug', 149, 349], ['DAB radio', 599, 1799]] },
];

/**
 * Categories taxed below the standard rate, so carts show VAT per rate as Nordic receipts do.
 * Their products come after the first {@link PRODUCT_COUNT} (from a random stream of their own),
 * so the older products keep every generated value.
 */
export const REDUCED_RATE_CATEGORIES: CategorySeed[] = [
  { id: 'pantry', name: 'Pantry', hue: 30, vatClass: 'reduced', nouns: [['Coffee beans', 89, 179], ['Loose-leaf tea', 59, 129], ['Dark chocolate', 29, 69], ['Lingonberry jam', 39, 79], ['Crispbread', 25, 49]] },
  { id: 'books', name: 'Books', hue: 0, vatClass: 'low', nouns: [['Nordic cookbook', 249, 399], ['Hiking guide', 199, 329], ['Garden handbook', 179, 299]] },
];
/** Products in {@link REDUCED_RATE_CATEGORIES}: `OK-10321` ... `OK-10332`. */
export const REDUCED_RATE_PRODUCT_COUNT = 12;

/** Every category of the seed, in display order. */
export const ALL_CATEGORIES: CategorySeed[] = [...CATEGORIES, ...REDUCED_RATE_CATEGORIES];

/** A product of the seed with its VAT class (the API does not show it; carts use it). */
export type SeedProduct = Product & { vatClass: VatClass };

const ADJECTIVES = ['Classic', 'Nordic', 'Compact', 'Large', 'Mini', 'Pro', 'Soft', 'Oak', 'Steel', 'Essential', 'Arctic', 'Coastal'];
const COLOURS = ['white', 'black', 'sage', 'sand', 'navy', 'rust', 'grey', 'birch'];
const BRANDS = ['Fjällkraft', 'Havsö', 'Lövgren', 'Skog & Hem', 'Nordvik Basic', 'Kvist', 'Ulvik', 'Saga', 'Tundra', 'Isberg'];

/** How many products the seed catalog has. */
export const PRODUCT_COUNT = 320;
/** SKU of the n-th product (1-based): `OK-10001`, `OK-10002`, ... */
export const skuOf = (n: number) => `OK-${10000 + n}`;

// Shelf prices end in 9 (SEK, NOK), 5 (DKK) or .95 (EUR), as Nordic price tags do.
function prices(sek: number, onSale: boolean): Record<Currency, Price> {
  const whole = (v: number, step: number, end: number) => Math.max(step, Math.round(v / step) * step) - (step - end);
  const amounts: Record<Currency, number> = {
    SEK: whole(sek, 10, 9) * 100,
    NOK: whole(sek * 1.02, 10, 9) * 100,
    DKK: whole(sek * 0.66, 5, 5) * 100,
    EUR: Math.max(1, Math.round(sek * 0.088)) * 100 - 5,
  };
  const out = {} as Record<Currency, Price>;
  for (const [c, amount] of Object.entries(amounts) as [Currency, number][]) {
    out[c] = onSale ? { amount, compareAt: Math.round((amount * 1.25) / 100) * 100 } : { amount };
  }
  return out;
}

/**
 * The seed catalog: deterministic for given random sources. `extraRng` draws the products of
 * {@link REDUCED_RATE_CATEGORIES} after the others.
 */
export function seedProducts(rng: Random, extraRng: Random): SeedProduct[] {
  const products: SeedProduct[] = [];
  for (let n = 1; n <= PRODUCT_COUNT + REDUCED_RATE_PRODUCT_COUNT; n++) {
    const extra = n > PRODUCT_COUNT;
    if (extra) rng = extraRng;
    const category = extra
      ? REDUCED_RATE_CATEGORIES[(n - PRODUCT_COUNT - 1) % REDUCED_RATE_CATEGORIES.length]!
      : CATEGORIES[(n - 1) % CATEGORIES.length]!;
    const [noun, min, max] = rng.pick(category.nouns);
    const adjective = rng.pick(ADJECTIVES);
    const colour = rng.pick(COLOURS);
    const brand = rng.pick(BRANDS);
    const sek = rng.int(min, max);
    const onSale = rng.chance(0.15);
    let onlineOnly = rng.chance(0.08);
    let active = !rng.chance(0.03);
    // Fixture products keep fixed properties whatever the random draw (see SEED_FIXTURES).
    if (n <= 4 || n === PRODUCT_COUNT + 1 || n === PRODUCT_COUNT + 2) { onlineOnly = false; active = true; }
    if (n === 5) { onlineOnly = true; active = true; }
    if (n === 6) { onlineOnly = false; active = false; }
    const sku = skuOf(n);
    products.push({
      sku,
      name: `${adjective} ${noun.toLowerCase()}, ${colour}`,
      description: `${adjective} ${noun.toLowerCase()} from ${brand} in ${colour}. Designed in the Nordics for everyday use.`,
      brand,
      category: category.id,
      imageUrl: `/images/products/${sku}.svg`,
      prices: prices(sek, onSale),
      onlineOnly,
      active,
      vatClass: category.vatClass ?? 'standard',
    });
  }
  return products;
}
