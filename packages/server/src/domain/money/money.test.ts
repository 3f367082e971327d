import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dec, minorUnits, parsePositiveAmount, requireCurrency, roundMoney, toBase } from './index.ts';
import { HexiaoError } from '../errors.ts';

describe('money', () => {
  it('knows ISO 4217 minor units', () => {
    expect(minorUnits('CNY')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('KWD')).toBe(3);
    expect(minorUnits('XAU')).toBeUndefined();
    expect(minorUnits('ABC')).toBeUndefined();
  });

  it('refuses unknown currencies, non-positive amounts and excess decimals, naming the field', () => {
    expect(() => requireCurrency('usd', '/currency')).toThrow(HexiaoError);
    expect(() => parsePositiveAmount('0', 'USD', '/amount')).toThrow(/greater than zero/);
    expect(() => parsePositiveAmount('-5.00', 'USD', '/amount')).toThrow(/greater than zero/);
    expect(() => parsePositiveAmount('1.5', 'JPY', '/amount')).toThrow(/JPY allows \(0\)/);
    expect(() => parsePositiveAmount(12, 'USD', '/amount')).toThrow(/decimal string/);
    try {
      parsePositiveAmount('1.001', 'USD', '/lines/0/amount');
    } catch (e) {
      expect((e as HexiaoError).errors[0]!.pointer).toBe('/lines/0/amount');
    }
    expect(parsePositiveAmount('1.125', 'KWD', '/a').toFixed()).toBe('1.125');
  });

  it('rounds by the tenant mode', () => {
    expect(roundMoney('2.345', 'USD', 'half_up').toFixed()).toBe('2.35');
    expect(roundMoney('2.345', 'USD', 'half_even').toFixed()).toBe('2.34');
    expect(roundMoney('2.345', 'USD', 'half_down').toFixed()).toBe('2.34');
    expect(roundMoney('-2.345', 'USD', 'floor').toFixed()).toBe('-2.35');
    expect(roundMoney('2.341', 'USD', 'up').toFixed()).toBe('2.35');
    expect(roundMoney('2.349', 'USD', 'down').toFixed()).toBe('2.34');
    expect(roundMoney('1234.5', 'JPY', 'half_up').toFixed()).toBe('1235');
    expect(toBase('1000.00', '7.1234', 'CNY', 'half_up').toFixed(2)).toBe('7123.40');
    expect(toBase('0.01', '7.125', 'CNY', 'half_up').toFixed(2)).toBe('0.07');
  });

  it('rounding is within half a minor unit and idempotent (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('half_up', 'half_even', 'half_down' as const),
        (n, scale, mode) => {
          const v = dec(n.toString()).div(dec('10').pow(scale));
          const r = roundMoney(v, 'USD', mode);
          expect(r.minus(v).abs().lte('0.005')).toBe(true);
          expect(roundMoney(r, 'USD', mode).eq(r)).toBe(true);
        },
      ),
    );
  });
});
