import {
  COUNTRY_OF_CURRENCY, LOCAL_INVENTORY_COLUMNS, stockStatus, type Country, type Currency, type Price,
} from '@omnikit/contract';
import type { Queryable } from './db/types.js';

// The local inventory feed for ad channels (local inventory ads): one row per store and SKU the
// store carries, from live stock, tab-separated with a header row of LOCAL_INVENTORY_COLUMNS.

const CURRENCY_OF_COUNTRY = Object.fromEntries(Object.entries(COUNTRY_OF_CURRENCY).map(([c, country]) => [country, c])) as Record<Country, Currency>;

/** `24900` -> `249.00` (every currency sold has two decimals); integer arithmetic, no float. */
const amount = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
/** A feed cell: no tab or line break may leak into one. */
const cell = (v: string) => v.replace(/[\t\r\n]+/g, ' ');

/** The availability value of the feed for an available count (as the stock badge's status). */
export function feedAvailability(available: number, lowStockThreshold: number): 'in_stock' | 'limited_availability' | 'out_of_stock' {
  const status = stockStatus(available, lowStockThreshold, true);
  return status === 'in_stock' ? 'in_stock' : status === 'low_stock' ? 'limited_availability' : 'out_of_stock';
}

/** The whole feed as text, stores and SKUs in id order. Active products with a price in the store's currency only. */
export async function localInventoryFeed(q: Queryable): Promise<string> {
  const rows = await q.query<{
    sku: string; store_id: string; on_hand: number; reserved: number; low_stock_threshold: number;
    prices: Partial<Record<Currency, Price>>; country: Country; services: string[];
  }>(
    `SELECT s.sku, s.store_id, s.on_hand, s.reserved, s.low_stock_threshold, p.prices, st.country, st.services
     FROM stock s JOIN stores st ON st.id = s.store_id JOIN products p ON p.sku = s.sku
     WHERE st.type = 'store' AND p.active AND NOT p.online_only ORDER BY s.store_id, s.sku`,
  );
  const lines = [LOCAL_INVENTORY_COLUMNS.join('\t')];
  for (const r of rows) {
    const currency = CURRENCY_OF_COUNTRY[r.country];
    const price = r.prices[currency];
    if (!price) continue;
    const available = Math.max(0, r.on_hand - r.reserved);
    const pickup = r.services.includes('click_and_collect') && available > 0;
    const regular = price.compareAt ?? price.amount;
    lines.push([
      r.store_id, r.sku, String(available), `${amount(regular)} ${currency}`,
      price.compareAt !== undefined ? `${amount(price.amount)} ${currency}` : '',
      feedAvailability(available, r.low_stock_threshold), pickup ? 'buy' : '', pickup ? 'same day' : '',
    ].map(cell).join('\t'));
  }
  return `${lines.join('\n')}\n`;
}
