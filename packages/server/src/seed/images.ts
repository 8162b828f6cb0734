import type { Product } from '@omnikit/contract';
import { ALL_CATEGORIES } from './products.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

// One simple shape per category so images tell categories apart at a glance.
const SHAPES: Record<string, string> = {
  kitchen: '<circle cx="200" cy="170" r="80"/><rect x="275" y="160" width="90" height="20" rx="8"/>',
  home: '<path d="M200 80 L300 170 L280 170 L280 260 L120 260 L120 170 L100 170 Z"/>',
  lighting: '<path d="M150 90 L250 90 L290 190 L110 190 Z"/><rect x="190" y="190" width="20" height="70"/>',
  outdoor: '<path d="M200 70 L320 260 L80 260 Z"/>',
  garden: '<ellipse cx="200" cy="140" rx="60" ry="70"/><rect x="192" y="200" width="16" height="70"/>',
  tools: '<rect x="110" y="120" width="180" height="40" rx="10"/><rect x="180" y="160" width="40" height="110" rx="8"/>',
  textiles: '<rect x="110" y="90" width="180" height="170" rx="16"/>',
  pantry: '<rect x="140" y="100" width="120" height="170" rx="20"/><rect x="155" y="80" width="90" height="30" rx="6"/>',
  books: '<rect x="120" y="90" width="160" height="180" rx="6"/><rect x="135" y="90" width="12" height="180" fill="#fff" opacity=".4"/>',
  electronics: '<rect x="120" y="80" width="160" height="190" rx="24"/><circle cx="200" cy="200" r="40" fill="#fff" opacity=".5"/>',
};

/** A generated product image (SVG, 400 x 400) with the product's name; no scripts, text escaped. */
export function productSvg(product: Pick<Product, 'sku' | 'name' | 'category'>): string {
  const hue = ALL_CATEGORIES.find((c) => c.id === product.category)?.hue ?? 0;
  const words = product.name.split(' ');
  const lines: string[] = [];
  for (const w of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + w).length <= 24) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  const text = lines
    .slice(0, 2)
    .map((l, i) => `<text x="200" y="${318 + i * 26}" font-size="22" text-anchor="middle">${escape(l)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="${escape(product.name)}">` +
    `<rect width="400" height="400" fill="hsl(${hue} 45% 92%)"/>` +
    `<g fill="hsl(${hue} 45% 45%)">${SHAPES[product.category] ?? SHAPES.textiles}</g>` +
    `<g fill="hsl(${hue} 30% 20%)" font-family="system-ui, sans-serif">${text}` +
    `<text x="200" y="385" font-size="14" text-anchor="middle" opacity=".6">${escape(product.sku)}</text></g></svg>`;
}
