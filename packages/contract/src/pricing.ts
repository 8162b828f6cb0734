import type { Currency } from './common.js';
import type { Country } from './stores.js';

// The money rules of a cart, one implementation for every server (the reference server and the
// SDK's fixture server import these): VAT rates by country and product class, VAT from
// VAT-inclusive prices, the delivery fee, and the totals. Integer minor units throughout (öre,
// cent); every division rounds once, in the one place documented in docs/contract.md.

/**
 * Product classes for VAT. Each country taxes a class at one of its rates:
 * - `standard`: most goods (25 % in Sweden, Norway and Denmark, 25.5 % in Finland);
 * - `reduced`: food and groceries (12 % SE, 15 % NO, 14 % FI; Denmark has one rate, 25 %);
 * - `low`: books, newspapers and culture (6 % SE, 12 % NO, 10 % FI, 25 % DK).
 */
export const VAT_CLASSES = ['standard', 'reduced', 'low'] as const;
/** A class of {@link VAT_CLASSES}. */
export type VatClass = (typeof VAT_CLASSES)[number];

/** VAT rates in basis points (2500 = 25 %) by country and class. */
export const VAT_RATES: Readonly<Record<Country, Readonly<Record<VatClass, number>>>> = {
  SE: { standard: 2500, reduced: 1200, low: 600 },
  NO: { standard: 2500, reduced: 1500, low: 1200 },
  DK: { standard: 2500, reduced: 2500, low: 2500 },
  FI: { standard: 2550, reduced: 1400, low: 1000 },
};

/** The VAT rate (basis points) of a product class in a country. */
export function vatRate(country: Country, vatClass: VatClass): number {
  return VAT_RATES[country][vatClass];
}

/** The country whose VAT a cart in this currency is priced with, unless the cart names one. */
export const COUNTRY_OF_CURRENCY: Readonly<Record<Currency, Country>> = { SEK: 'SE', NOK: 'NO', DKK: 'DK', EUR: 'FI' };

/**
 * The VAT contained in a VAT-inclusive amount: `gross * rate / (10000 + rate)`, rounded half up
 * to a whole minor unit, in integer arithmetic (no float ever touches money).
 */
export function vatOfGross(gross: number, rateBp: number): number {
  if (!Number.isSafeInteger(gross) || !Number.isSafeInteger(rateBp) || rateBp < 0) throw new RangeError('vatOfGross: integer amounts only');
  const sign = gross < 0 ? -1 : 1;
  const g = BigInt(Math.abs(gross));
  const r = BigInt(rateBp);
  const d = 10000n + r;
  // round(g*r/d) half up = floor((2*g*r + d) / (2*d))
  return sign * Number((2n * g * r + d) / (2n * d));
}

/**
 * Splits `amount` over `weights` in proportion, in whole minor units that add up exactly to
 * `amount` (largest remainder; ties to the earlier weight). Used to share a delivery fee over the
 * VAT rates of the goods it delivers.
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const exact = weights.map((w) => (BigInt(amount) * BigInt(w)));
  const base = exact.map((e) => Number(e / BigInt(total)));
  let left = amount - base.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rem: Number(e % BigInt(total)) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    base[i]! += 1;
    left -= 1;
  }
  return base;
}

/** Delivery price per currency: the fee of one delivery group, and the goods value from which it is free. */
export interface DeliveryPricing {
  fee: number;
  freeFrom: number;
}

/** The reference retailer's home delivery prices (minor units, VAT included). */
export const DELIVERY_PRICING: Readonly<Record<Currency, DeliveryPricing>> = {
  SEK: { fee: 4900, freeFrom: 59900 },
  NOK: { fee: 6900, freeFrom: 69900 },
  DKK: { fee: 3900, freeFrom: 44900 },
  EUR: { fee: 590, freeFrom: 5900 },
};

/** The fee of a delivery group with goods worth `goods` (after discounts). Pickup and take-now groups pay none. */
export function deliveryFee(currency: Currency, goods: number): number {
  const p = DELIVERY_PRICING[currency];
  return goods >= p.freeFrom ? 0 : p.fee;
}

/** One line as the pricing function sees it. */
export interface PricedLineInput {
  id: string;
  groupId: string;
  quantity: number;
  unitPrice: number;
  vatRate: number;
}

/** A discount another step applied (campaigns, vouchers, promo codes come later), already in minor units. */
export interface AppliedDiscount {
  id: string;
  source: 'offer' | 'member_price' | 'voucher' | 'promo_code';
  label: string;
  /** Minor units taken off (positive). */
  amount: number;
  /** The lines it applies to (its VAT follows theirs); every line when absent. */
  lineIds?: string[];
}

/** The VAT of one rate on a receipt. */
export interface VatSummary {
  /** Basis points, 2500 = 25 %. */
  rate: number;
  /** What was paid at this rate, VAT included. */
  gross: number;
  net: number;
  vat: number;
}

/** The money of a cart or order. */
export interface Totals {
  currency: Currency;
  /** Sum of the line totals (unit price x quantity), VAT included. */
  subtotal: number;
  /** Sum of the discounts (positive). */
  discount: number;
  /** Sum of the delivery fees. */
  delivery: number;
  /** What the shopper pays: subtotal - discount + delivery. */
  total: number;
  /** VAT per rate, highest rate first; gross adds up to `total`. */
  vat: VatSummary[];
  /** Sum of `vat[].vat`. */
  vatTotal: number;
}

/** What {@link priceLines} answers: each line's total and each delivery group's fee, and the totals. */
export interface PricedCart {
  lineTotals: Map<string, number>;
  /** Fee per group id (delivery groups only; pickup groups are absent). */
  fees: Map<string, number>;
  totals: Totals;
}

/**
 * Prices lines, the one pricing function: line total = unit price x quantity; discounts come off
 * the lines they name (shared in proportion to line totals, largest remainder); each delivery
 * group pays {@link deliveryFee} on its goods after discounts, and the fee is taxed at the rates
 * of those goods in proportion; VAT is computed once per rate on the rate's gross sum
 * ({@link vatOfGross}), as a Nordic receipt shows it.
 */
export function priceLines(
  currency: Currency,
  lines: readonly PricedLineInput[],
  deliveryGroups: ReadonlySet<string>,
  discounts: readonly AppliedDiscount[] = [],
): PricedCart {
  const lineTotals = new Map<string, number>();
  const net = new Map<string, number>();
  for (const l of lines) {
    const t = l.unitPrice * l.quantity;
    if (!Number.isSafeInteger(t)) throw new RangeError('line total out of range');
    lineTotals.set(l.id, t);
    net.set(l.id, t);
  }
  let discount = 0;
  for (const d of discounts) {
    const targets = lines.filter((l) => !d.lineIds || d.lineIds.includes(l.id));
    const amount = Math.min(d.amount, targets.reduce((a, l) => a + net.get(l.id)!, 0));
    const shares = allocate(amount, targets.map((l) => net.get(l.id)!));
    targets.forEach((l, i) => net.set(l.id, net.get(l.id)! - shares[i]!));
    discount += amount;
  }
  const byRate = new Map<number, number>();
  const add = (rate: number, gross: number) => byRate.set(rate, (byRate.get(rate) ?? 0) + gross);
  for (const l of lines) add(l.vatRate, net.get(l.id)!);

  const fees = new Map<string, number>();
  let delivery = 0;
  for (const group of deliveryGroups) {
    const inGroup = lines.filter((l) => l.groupId === group);
    if (!inGroup.length) continue;
    const goods = inGroup.reduce((a, l) => a + net.get(l.id)!, 0);
    const fee = deliveryFee(currency, goods);
    fees.set(group, fee);
    delivery += fee;
    if (!fee) continue;
    const rates = [...new Set(inGroup.map((l) => l.vatRate))];
    const weights = rates.map((r) => inGroup.filter((l) => l.vatRate === r).reduce((a, l) => a + net.get(l.id)!, 0));
    allocate(fee, weights).forEach((part, i) => add(rates[i]!, part));
  }

  const subtotal = [...lineTotals.values()].reduce((a, b) => a + b, 0);
  const vat = [...byRate.entries()]
    .filter(([, gross]) => gross !== 0)
    .sort((a, b) => b[0] - a[0])
    .map(([rate, gross]) => {
      const v = vatOfGross(gross, rate);
      return { rate, gross, net: gross - v, vat: v };
    });
  return {
    lineTotals,
    fees,
    totals: {
      currency, subtotal, discount, delivery, total: subtotal - discount + delivery,
      vat, vatTotal: vat.reduce((a, v) => a + v.vat, 0),
    },
  };
}
