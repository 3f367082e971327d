import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from './format.ts';

describe('locale formats', () => {
  it('formats amounts per locale from the exact decimal string', () => {
    expect(formatMoney('1234567.89', 'CNY', 'en')).toBe('CN¥1,234,567.89');
    expect(formatMoney('1234567.89', 'CNY', 'zh')).toBe('¥1,234,567.89');
    expect(formatMoney('-20.5', 'EUR', 'en')).toBe('-€20.50');
    // beyond float precision: a float would print 12345678901234567.00
    expect(formatMoney('12345678901234567.89', 'USD', 'en')).toBe('$12,345,678,901,234,567.89');
  });

  it('formats calendar dates without a time-zone shift', () => {
    expect(formatDate('2026-01-31', 'en')).toBe('Jan 31, 2026');
    expect(formatDate('2026-01-31', 'zh')).toBe('2026年1月31日');
  });
});
