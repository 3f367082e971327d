import { describe, expect, it } from 'vitest';
import type { BankLineRecord } from './records.ts';
import { createBankLineKeys, fallbackKey } from './source-key.ts';
import { validateRecord } from './validate.ts';

const line: BankLineRecord = {
  type: 'bank-line',
  sourceKey: 'CH93|REF1',
  account: { iban: 'CH9300762011623852957' },
  bookingDate: '2024-01-31',
  amount: '12.50',
  currency: 'CHF',
  direction: 'credit',
  ordinal: 0,
  position: { index: 0, xpath: '/Document[1]' },
};

describe('validateRecord', () => {
  it('accepts a conforming record and rejection', () => {
    expect(validateRecord(line)).toEqual([]);
    expect(validateRecord({ rejected: { position: { index: 3, line: 9 }, reason: 'bad date' } })).toEqual([]);
  });
  it('points at every problem', () => {
    const bad = { ...line, amount: 12.5, currency: 'ZZZ', bookingDate: '31.01.2024', extra: 1 } as unknown;
    const problems = validateRecord(bad);
    expect(problems.map((p) => p.pointer).sort()).toEqual(['/amount', '/bookingDate', '/currency', '/extra']);
    expect(problems.find((p) => p.pointer === '/currency')?.message).toMatch(/ISO 4217/);
    expect(validateRecord({ ...line, amount: '1e3' })[0]).toMatchObject({
      pointer: '/amount',
      message: expect.stringMatching(/exact decimal/),
    });
    expect(validateRecord({ ...line, amount: '-5.00' })[0]?.pointer).toBe('/amount');
    expect(validateRecord({ type: 'nope' })[0]?.pointer).toBe('/type');
  });
});

describe('bank line source keys', () => {
  const account = { iban: 'de44 5001 0517 5407 3249 31' };
  const parts = { account, bookingDate: '2024-01-02', amount: '75', currency: 'EUR', direction: 'credit' as const };
  it('prefers the bank reference, and falls back with an occurrence ordinal', () => {
    const key = createBankLineKeys();
    expect(key({ ...parts, bankReference: 'ABC' })).toBe('DE44500105175407324931|ABC');
    expect(key({ ...parts, bankReference: 'ABC' })).toBe('DE44500105175407324931|-|2024-01-02|75.00|C|0');
    expect(key({ ...parts, bankReference: 'NONREF', endToEndId: 'E2E' })).toBe(
      'DE44500105175407324931|E2E|2024-01-02|75.00|C|0',
    );
    expect(key({ ...parts, amount: '75.00', endToEndId: 'E2E' })).toBe(
      'DE44500105175407324931|E2E|2024-01-02|75.00|C|1',
    );
    expect(fallbackKey({ ...parts, direction: 'debit', ordinal: 2 })).toBe(
      'DE44500105175407324931|-|2024-01-02|75.00|D|2',
    );
  });
});
