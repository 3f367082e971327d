import { describe, expect, it } from 'vitest';
import { isConnector } from '@hexiao/plugins/sdk';
import { documentConnectors } from './builtins-documents.ts';

describe('documentConnectors', () => {
  it('lists the e-invoice and sales-order built-ins with their stable ids', () => {
    expect(documentConnectors.map((c) => [c.id, c.kind])).toEqual([
      ['ubl', 'e-invoice'],
      ['cii', 'e-invoice'],
      ['orders-ubl', 'sales-order'],
      ['orders-cii', 'sales-order'],
      ['orders-csv', 'sales-order'],
      ['orders-json', 'sales-order'],
    ]);
    expect(
      documentConnectors.every((c) => isConnector(c) && typeof c.parse === 'function' && typeof c.count === 'function'),
    ).toBe(true);
  });
});
