import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCurrency, minorUnits, normaliseCurrency } from './currencies.ts';
import { DecimalFormatError, isDecimalString, sumDecimals, toDecimal, toMinorUnits } from './decimal.ts';

describe('toDecimal', () => {
  it('normalises the notations banks use', () => {
    expect(toDecimal('000000004433,52', { decimalSeparator: ',' })).toBe('4433.52');
    expect(toDecimal('1,653.75', { thousandsSeparator: ',' })).toBe('1653.75');
    expect(toDecimal('-50,00', { decimalSeparator: ',' })).toBe('-50.00');
    expect(toDecimal('+31070,11', { decimalSeparator: ',' })).toBe('31070.11');
    expect(toDecimal('212,', { decimalSeparator: ',' })).toBe('212');
    expect(toDecimal("1'234.5", { thousandsSeparator: "'" })).toBe('1234.5');
    expect(toDecimal('12.00-')).toBe('-12.00');
    expect(toDecimal('-0.00')).toBe('0.00');
    expect(toDecimal('.5')).toBe('0.5');
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '1e5', '1.2.3', '12,34', 'NaN', '--1', '1 000'])
      expect(() => toDecimal(bad), bad).toThrow(DecimalFormatError);
  });
  it('round-trips every decimal string exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }), (n, scale) => {
        const digits = (n < 0n ? -n : n).toString().padStart(scale + 1, '0');
        const s = `${n < 0n ? '-' : ''}${scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits}`;
        const out = toDecimal(s);
        expect(isDecimalString(out)).toBe(true);
        expect(toDecimal(s.replace('.', ','), { decimalSeparator: ',' })).toBe(out);
      }),
    );
  });
  it('sums exactly and pads to minor units', () => {
    expect(sumDecimals(['0.1', '0.2', '-0.3'])).toBe('0');
    expect(toMinorUnits('75', 'USD')).toBe('75.00');
    expect(toMinorUnits('1000', 'JPY')).toBe('1000');
    expect(toMinorUnits('1.5', 'KWD')).toBe('1.500');
    expect(() => toMinorUnits('1.234', 'EUR')).toThrow();
  });
});

describe('ISO 4217', () => {
  it('knows codes and minor units', () => {
    expect(isCurrency('EUR')).toBe(true);
    expect(isCurrency('ZZZ')).toBe(false);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('BHD')).toBe(3);
    expect(minorUnits('HUF')).toBe(2);
    expect(normaliseCurrency(' usd ')).toBe('USD');
    expect(normaliseCurrency('xyz')).toBeUndefined();
    expect(() => minorUnits('ABC')).toThrow(/unknown currency/);
  });
});
