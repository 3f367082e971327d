import { describe, expect, it } from 'vitest';
import { mapFields, validateMapping } from './field-mapping.ts';

describe('field mapping into custom fields', () => {
  const record = {
    number: 'INV-1',
    orderReference: 'PO 77',
    buyer: { name: 'ACME GmbH', taxId: 'DE123' },
    totals: { payable: '118.00' },
  };

  it('reads pointers and evaluates JSON-Logic on the canonical record, leaving out empty values', () => {
    expect(
      mapFields(
        {
          po: '/orderReference',
          buyerTax: '/buyer/taxId',
          big: { 'dec>': [{ var: 'totals.payable' }, '100'] },
          tag: { cat: ['from ', { var: 'buyer.name' }] },
          missing: '/contractReference',
        },
        record,
      ),
    ).toEqual({ po: 'PO 77', buyerTax: 'DE123', big: true, tag: 'from ACME GmbH' });
  });

  it('never reads through the prototype', () => {
    expect(mapFields({ x: '/constructor', y: { var: '__proto__' } }, record)).toEqual({});
  });

  it('reports bad expressions with their pointer', () => {
    const errors = validateMapping({ receivable: { a: 'orderReference', b: { frobnicate: [1] } } });
    expect(errors.map((e) => e.pointer)).toEqual(['/mapping/receivable/a', '/mapping/receivable/b']);
  });
});
