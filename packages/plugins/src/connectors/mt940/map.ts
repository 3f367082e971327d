import type { BankAccountRef, BankLineRecord } from '@hexiao/plugins/sdk';
import type { Info86 } from './info86.ts';
import type { Line61 } from './line61.ts';
import { isIbanLike } from './fields.ts';

/** A canonical bank line from a `:61:` and its `:86:` (everything except keys and position). */
export function mapLine(
  l61: Line61,
  info: Info86 | undefined,
  currency: string,
): Omit<BankLineRecord, 'type' | 'sourceKey' | 'statementKey' | 'account' | 'ordinal' | 'position'> {
  const line: Omit<BankLineRecord, 'type' | 'sourceKey' | 'statementKey' | 'account' | 'ordinal' | 'position'> = {
    bookingDate: l61.bookingDate,
    valueDate: l61.valueDate,
    amount: l61.amount,
    currency,
    direction: l61.direction,
  };
  if (l61.reversal || info?.isReturn) {
    line.reversal = true;
    const returnInfo: NonNullable<BankLineRecord['returnInfo']> = {};
    if (info?.returnReason) returnInfo.reason = info.returnReason;
    else if (l61.reversal)
      returnInfo.reason = l61.direction === 'debit' ? 'RC: reversal of a credit' : 'RD: reversal of a debit';
    if (info?.endToEndId) returnInfo.originalEndToEndId = info.endToEndId;
    line.returnInfo = returnInfo;
  }
  if (l61.bankReference) line.bankReference = l61.bankReference;
  // Some banks write a field name or NONREF where the customer reference goes (ING: `EREF`, `PREF`).
  const placeholder = /^(NONREF|NOTPROVIDED|EREF|PREF|KREF\+?|MARF|IREF)$/i;
  const customerRef =
    l61.customerReference && !placeholder.test(l61.customerReference) ? l61.customerReference : info?.customerReference;
  if (customerRef) line.customerReference = customerRef;
  if (info?.endToEndId) line.endToEndId = info.endToEndId;
  if (info?.creditorReference) line.creditorReference = info.creditorReference;
  let counterparty = info?.counterparty;
  const remittance = [...(info?.remittance ?? [])];
  const supplementary = l61.supplementary;
  let code = info?.transactionCode;
  if (supplementary) {
    const trcd = /^\/TRCD\/([^/]+)\/?$/.exec(supplementary);
    if (trcd) code ??= trcd[1];
    else if (isIbanLike(supplementary.replace(/\s+/g, ''))) {
      const account: BankAccountRef = { iban: supplementary.replace(/\s+/g, '') };
      counterparty = { ...counterparty, account: counterparty?.account ?? account };
    } else remittance.unshift(supplementary.replace(/\s+/g, ' ').trim());
  }
  line.transactionCode = code ?? l61.transactionType;
  if (counterparty && Object.keys(counterparty).length > 0) line.counterparty = counterparty;
  if (remittance.length > 0) line.remittance = remittance;
  return line;
}
