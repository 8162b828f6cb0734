import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { define } from './define.js';
import { formatMoney } from './format.js';
import { langOf, messagesFor, resolveLocale } from './i18n.js';
import { describe, it } from './testing/mocha.js';
import * as badgeMessages from '../stock-badge/messages.js';
import * as priceMessages from '../price/messages.js';

describe('define()', () => {
  it('registers once, and warns instead of throwing on a second definition', () => {
    class A extends LitElement {}
    class B extends LitElement {}
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      define('omni-test-define', A);
      define('omni-test-define', A);
      expect(warnings).to.have.length(0);
      expect(() => define('omni-test-define', B)).to.not.throw();
      expect(warnings).to.have.length(1);
      expect(customElements.get('omni-test-define')).to.equal(A);
    } finally {
      console.warn = warn;
    }
  });
});

describe('i18n', () => {
  it('maps locales to catalogs, Norwegian variants to nb, unknown to en', () => {
    expect(['sv-SE', 'nb-NO', 'no', 'nn-NO', 'da-DK', 'fi-FI', 'en-GB', 'de-DE', undefined].map(langOf)).to.deep.equal([
      'sv', 'nb', 'nb', 'nb', 'da', 'fi', 'en', 'en', 'en',
    ]);
  });

  it('provider locale wins over <html lang>, which wins over en', () => {
    document.documentElement.lang = 'fi';
    expect(resolveLocale('sv-SE')).to.equal('sv-SE');
    expect(resolveLocale(undefined)).to.equal('fi');
    document.documentElement.lang = '';
    expect(resolveLocale(undefined)).to.equal('en');
    document.documentElement.lang = 'en';
  });

  it('every catalog is complete and translated (no English left in another language)', async () => {
    for (const catalogs of [badgeMessages, priceMessages] as unknown as { en: Record<string, unknown>; loadMessages(l: string): Promise<unknown>; messagesOf(l: string): Record<string, unknown> }[]) {
      const keys = Object.keys(catalogs.en).sort();
      for (const lang of ['sv', 'nb', 'da', 'fi']) {
        await catalogs.loadMessages(lang);
        const m = catalogs.messagesOf(lang);
        expect(Object.keys(m).sort(), lang).to.deep.equal(keys);
        for (const k of keys) {
          const text = (v: unknown) => (typeof v === 'function' ? v(3, 'X') : v);
          expect(text(m[k]), `${lang}.${k}`).to.not.equal(text(catalogs.en[k]));
        }
      }
    }
    expect(badgeMessages.messagesOf('de')).to.equal(badgeMessages.en);
    expect(messagesFor({ en: 1, sv: 2 }, 'de')).to.equal(1);
  });
});

describe('formatMoney', () => {
  it('formats minor units with Intl for each currency and locale', () => {
    expect(formatMoney(14950, 'SEK', 'sv-SE')).to.equal(new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' }).format(149.5));
    expect(formatMoney(995, 'EUR', 'fi-FI')).to.equal(new Intl.NumberFormat('fi-FI', { style: 'currency', currency: 'EUR' }).format(9.95));
    expect(formatMoney(100, 'NOK', 'not a locale!')).to.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'NOK' }).format(1));
  });
});
