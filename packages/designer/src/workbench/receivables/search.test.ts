import { describe, expect, it } from 'vitest';
import { parseReceivablesSearch } from './search.ts';

describe('the receivables list filters in the URL', () => {
  it('keep well-formed dates, a customer id, a currency and the bucket label', () => {
    const id = '01a24741-c899-710a-98fe-76b303709c5e';
    expect(
      parseReceivablesSearch({
        asOf: '2026-12-06',
        dueFrom: '2026-11-06',
        customerId: id,
        currency: 'CNY',
        bucket: '1–30 天',
      }),
    ).toEqual({ asOf: '2026-12-06', dueFrom: '2026-11-06', customerId: id, currency: 'CNY', bucket: '1–30 天' });
  });
  it('drop anything else rather than send the API a bad query', () => {
    expect(
      parseReceivablesSearch({ asOf: '6/12/2026', customerId: 'x', currency: 'cny', dueTo: 3, extra: 'y' }),
    ).toEqual({});
  });
});
