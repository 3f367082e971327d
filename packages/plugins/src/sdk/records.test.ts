import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BankLineRecord, InvoiceRecord, ParseOutput, Position, StatementRecord } from './records.ts';
import { validateRecord } from './validate.ts';

// The record types are derived from the schemas: these fail `pnpm typecheck` if the derivation loses a field's type.
expectTypeOf<Position>().toEqualTypeOf<{ index: number; line?: number; xpath?: string }>();
expectTypeOf<BankLineRecord['direction']>().toEqualTypeOf<'credit' | 'debit'>();
expectTypeOf<BankLineRecord['amount']>().toEqualTypeOf<string>();
expectTypeOf<BankLineRecord['charges']>().toEqualTypeOf<{ amount: string; currency: string }[] | undefined>();
expectTypeOf<InvoiceRecord['documentKind']>().toEqualTypeOf<'invoice' | 'credit-note'>();
expectTypeOf<InvoiceRecord['totals']['payable']>().toEqualTypeOf<string>();
expectTypeOf<StatementRecord['declared']>().toEqualTypeOf<
  { count?: number; credits?: string; debits?: string } | undefined
>();
expectTypeOf<ParseOutput>().extract<{ rejected: unknown }>().not.toBeNever();

describe('canonical record types derived from their schemas', () => {
  it('a record the type accepts is one the schema accepts, and a field the schema lacks is refused by both', () => {
    const line: BankLineRecord = {
      type: 'bank-line',
      sourceKey: 'DE02120300000000202051|REF-1',
      account: { iban: 'DE02120300000000202051' },
      bookingDate: '2026-02-02',
      amount: '10.00',
      currency: 'EUR',
      direction: 'credit',
      ordinal: 0,
      position: { index: 0 },
    };
    expect(validateRecord(line)).toEqual([]);
    // @ts-expect-error — not a field of the canonical record, for the type as for the schema
    const extra: BankLineRecord = { ...line, fee: '1.00' };
    expect(validateRecord(extra)).toEqual([{ pointer: '/fee', message: 'is not a field of the canonical record' }]);
  });
});
