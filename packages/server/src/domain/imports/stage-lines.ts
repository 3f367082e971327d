import { accountKey, type BankLineRecord } from '@hexiao/plugins/sdk';
import type { Cell } from '../../store/repos/imports-bulk.ts';
import { newId } from '../ids.ts';

/** Canonical IBAN / account number of a counterparty, as payer bank accounts are stored. */
export const payerAccount = (l: BankLineRecord): string | null => {
  const a = l.counterparty?.account;
  if (a?.iban) return a.iban.replace(/\s+/g, '').toUpperCase();
  if (a?.number) return a.number.replace(/\s+/g, '');
  return null;
};

/** One staged row (column order of stagedLineColumns) for a canonical bank line. */
export function lineRow(l: BankLineRecord, fileId: string, bankAccountId: string): Cell[] {
  const extra: Record<string, unknown> = {};
  if (l.returnInfo) extra.returnInfo = l.returnInfo;
  if (l.charges?.length) extra.charges = l.charges;
  if (l.instructedAmount) extra.instructedAmount = l.instructedAmount;
  if (l.status) extra.status = l.status;
  if (l.counterparty?.id) extra.counterpartyId = l.counterparty.id;
  if (l.counterparty?.account?.bic) extra.counterpartyBic = l.counterparty.account.bic;
  if (l.warnings?.length) extra.warnings = l.warnings;
  if (l.raw) extra.raw = l.raw;
  // time-ordered ids (uuid v7): the primary key index grows at its end instead of splitting pages at random
  return [
    newId(),
    l.sourceKey,
    fileId,
    l.position.index,
    l.position.line ?? null,
    l.position.xpath ?? null,
    l.statementKey ?? null,
    accountKey(l.account),
    l.bookingDate,
    l.valueDate ?? null,
    l.amount,
    l.currency,
    l.direction,
    l.reversal === true,
    l.endToEndId ?? null,
    l.bankReference ?? null,
    l.customerReference ?? null,
    l.creditorReference ?? null,
    l.counterparty?.name ?? null,
    payerAccount(l),
    l.remittance?.length ? l.remittance.join('\n') : null,
    l.transactionCode ?? null,
    Object.keys(extra).length ? JSON.stringify(extra) : null,
    bankAccountId,
  ];
}
