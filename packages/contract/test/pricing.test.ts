import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddLineBody, COUNTRY_OF_CURRENCY, DELIVERY_PRICING, MAX_LINE_QUANTITY, UpdateLineBody, allocate, normalizeHandoffCode,
  priceLines, vatOfGross, vatRate, HANDOFF_ALPHABET,
} from '../src/index.js';

describe('VAT', () => {
  it('has the Nordic rates per class', () => {
    assert.deepEqual([vatRate('SE', 'standard'), vatRate('SE', 'reduced'), vatRate('SE', 'low')], [2500, 1200, 600]);
    assert.deepEqual([vatRate('NO', 'standard'), vatRate('NO', 'reduced'), vatRate('NO', 'low')], [2500, 1500, 1200]);
    assert.deepEqual([vatRate('DK', 'standard'), vatRate('DK', 'reduced'), vatRate('DK', 'low')], [2500, 2500, 2500]);
    assert.deepEqual([vatRate('FI', 'standard'), vatRate('FI', 'reduced'), vatRate('FI', 'low')], [2550, 1400, 1000]);
    assert.deepEqual(COUNTRY_OF_CURRENCY, { SEK: 'SE', NOK: 'NO', DKK: 'DK', EUR: 'FI' });
  });

  it('takes VAT out of VAT-inclusive amounts, rounding half up once', () => {
    assert.equal(vatOfGross(12500, 2500), 2500);
    assert.equal(vatOfGross(100, 2550), 20); // 20.32
    assert.equal(vatOfGross(14, 1200), 2); // exactly 1.5
    assert.equal(vatOfGross(13, 1200), 1); // 1.39
    assert.equal(vatOfGross(0, 2500), 0);
    assert.equal(vatOfGross(-14, 1200), -2);
    assert.throws(() => vatOfGross(1.5, 2500), RangeError);
  });

  it('allocates in whole units that add up exactly', () => {
    assert.deepEqual(allocate(100, [1, 1, 1]), [34, 33, 33]);
    assert.deepEqual(allocate(4900, [30000, 10000]), [3675, 1225]);
    assert.deepEqual(allocate(7, [0, 0]), [7, 0]);
    for (const [amount, weights] of [[4901, [3, 7, 11]], [1, [5, 5]], [999, [1, 2, 3, 4]]] as [number, number[]][]) {
      assert.equal(allocate(amount, weights).reduce((a, b) => a + b, 0), amount);
    }
  });
});

describe('priceLines', () => {
  const line = (id: string, groupId: string, quantity: number, unitPrice: number, vatRate: number) => ({ id, groupId, quantity, unitPrice, vatRate });

  it('prices lines, charges delivery under the threshold, and splits its VAT over the goods rates', () => {
    const r = priceLines('SEK', [
      line('a', 'delivery', 2, 14900, 2500),
      line('b', 'delivery', 1, 4900, 1200),
      line('c', 'pickup:se-x:in_store', 1, 99900, 2500),
    ], new Set(['delivery']));
    assert.equal(r.lineTotals.get('a'), 29800);
    assert.equal(r.fees.get('delivery'), DELIVERY_PRICING.SEK.fee);
    assert.equal(r.fees.has('pickup:se-x:in_store'), false);
    const t = r.totals;
    assert.equal(t.subtotal, 29800 + 4900 + 99900);
    assert.equal(t.delivery, 4900);
    assert.equal(t.total, t.subtotal + 4900);
    // The fee is shared 29800 : 4900 between 25 % and 12 %.
    const [fee25, fee12] = allocate(4900, [29800, 4900]);
    assert.deepEqual(t.vat.map((v) => [v.rate, v.gross]), [[2500, 29800 + 99900 + fee25!], [1200, 4900 + fee12!]]);
    assert.equal(t.vat.reduce((a, v) => a + v.gross, 0), t.total);
    for (const v of t.vat) assert.equal(v.net + v.vat, v.gross);
    assert.equal(t.vatTotal, t.vat.reduce((a, v) => a + v.vat, 0));
  });

  it('delivers free from the threshold, counted after discounts', () => {
    const lines = [line('a', 'delivery', 1, DELIVERY_PRICING.SEK.freeFrom, 2500)];
    assert.equal(priceLines('SEK', lines, new Set(['delivery'])).totals.delivery, 0);
    const discounted = priceLines('SEK', lines, new Set(['delivery']), [{ id: 'd', source: 'promo_code', label: '10 kr off', amount: 1000 }]);
    assert.equal(discounted.totals.discount, 1000);
    assert.equal(discounted.totals.delivery, DELIVERY_PRICING.SEK.fee);
    assert.equal(discounted.totals.total, DELIVERY_PRICING.SEK.freeFrom - 1000 + DELIVERY_PRICING.SEK.fee);
  });

  it('is the same in every currency shape: integers only, an empty cart costs nothing', () => {
    const empty = priceLines('EUR', [], new Set(['delivery']));
    assert.deepEqual(empty.totals, { currency: 'EUR', subtotal: 0, discount: 0, delivery: 0, total: 0, vat: [], vatTotal: 0 });
  });
});

describe('cart inputs', () => {
  const fulfillment = { type: 'delivery' };
  it('accepts whole quantities from 1 to the maximum only', () => {
    for (const quantity of [1, MAX_LINE_QUANTITY]) assert.equal(AddLineBody.safeParse({ sku: 'OK-10001', quantity, fulfillment }).success, true);
    for (const quantity of [0, -1, 1.5, MAX_LINE_QUANTITY + 1, 2 ** 53, '2', null]) {
      assert.equal(AddLineBody.safeParse({ sku: 'OK-10001', quantity, fulfillment }).success, false, String(quantity));
    }
  });
  it('knows the fulfilment types, with room for pickup methods', () => {
    for (const f of [{ type: 'delivery' }, { type: 'pickup', storeId: 'se-a' }, { type: 'pickup', storeId: 'se-a', method: 'curbside' }, { type: 'take_now', storeId: 'se-a' }]) {
      assert.equal(AddLineBody.safeParse({ sku: 'OK-1', quantity: 1, fulfillment: f }).success, true, JSON.stringify(f));
    }
    for (const f of [{ type: 'pickup' }, { type: 'teleport' }, { type: 'take_now' }, { type: 'pickup', storeId: 'se-a', method: 'drone' }]) {
      assert.equal(AddLineBody.safeParse({ sku: 'OK-1', quantity: 1, fulfillment: f }).success, false, JSON.stringify(f));
    }
  });
  it('needs a quantity or a fulfilment to update a line', () => {
    assert.equal(UpdateLineBody.safeParse({}).success, false);
    assert.equal(UpdateLineBody.safeParse({ quantity: 2 }).success, true);
  });
  it('reads handoff codes as people type them', () => {
    assert.equal(normalizeHandoffCode(' acde-f349 '), 'ACDEF349');
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', '5', 'S', '2', 'Z', '8', 'B']) assert.equal(HANDOFF_ALPHABET.includes(ambiguous), false, ambiguous);
  });
});
