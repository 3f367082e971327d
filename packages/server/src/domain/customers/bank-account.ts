import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { HexiaoError } from '../errors.ts';
import type { BankAccountInput } from './customer-schema.ts';

/** Normalises a payer bank account (IBAN in electronic form) and refuses an invalid IBAN checksum. */
export function normaliseBankAccount(a: BankAccountInput, pointer: string, record: string): BankAccountInput {
  if (!a.iban && !a.accountNumber)
    throw new HexiaoError('invalid_data', `${record}: ${pointer} needs an iban or an accountNumber`, {
      pointer,
      record,
    });
  if (a.iban) {
    const iban = electronicFormatIBAN(a.iban) ?? '';
    if (!isValidIBAN(iban))
      throw new HexiaoError('invalid_data', `${record}: ${pointer}/iban ${a.iban} is not a valid IBAN`, {
        pointer: `${pointer}/iban`,
        record,
      });
    return { ...a, iban };
  }
  return { ...a, accountNumber: a.accountNumber!.replace(/[\s-]/g, '') };
}

/** A payer account as stored once it is in force (at creation by a permitted importer, or confirmed by a second person). */
export const activeBankAccountRow = (tenantId: string, customerId: string, a: BankAccountInput, id: string) => ({
  tenantId,
  id,
  customerId,
  iban: a.iban ?? null,
  accountNumber: a.accountNumber ?? null,
  bankName: a.bankName ?? null,
  bic: a.bic ?? null,
  holderName: a.holderName ?? null,
  status: 'active' as const,
});
