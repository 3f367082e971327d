import { describe, expect, it } from 'vitest';
import { isConnector } from './sdk/index.ts';
import { bankFeedConnectors } from './builtins-bank.ts';

describe('bankFeedConnectors', () => {
  it('lists the five bank-feed connectors with stable ids', () => {
    expect(bankFeedConnectors.map((c) => c.id)).toEqual(['camt053', 'camt054', 'mt940', 'bai2', 'csv-bank']);
    expect(
      bankFeedConnectors.every(
        (c) =>
          isConnector(c) && c.kind === 'bank-feed' && typeof c.parse === 'function' && typeof c.count === 'function',
      ),
    ).toBe(true);
  });
});
