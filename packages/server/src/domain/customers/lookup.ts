import type { Executor } from '../../store/db.ts';
import { pendingChangesOf } from '../../store/repos/bank-account-changes.ts';
import * as repo from '../../store/repos/customers.ts';
import type { BankAccountInput } from './customer-schema.ts';
import { toCustomer, type Customer } from './use-cases.ts';

/** A payer account's identity for comparison: its IBAN (electronic form) or its number without separators. */
export const payerAccountKey = (a: { iban?: string | null; accountNumber?: string | null }) =>
  a.iban ? `iban:${a.iban.replace(/\s+/g, '').toUpperCase()}` : `no:${(a.accountNumber ?? '').replace(/[\s-]/g, '')}`;

export interface KnownCustomer extends Customer {
  /** Accounts waiting for a second person's confirmation (pending `add` changes). */
  pendingAccounts: BankAccountInput[];
}

/** Customers by code, with their payer accounts and pending account additions (for imports). */
export async function customersByCodes(
  db: Executor,
  tenantId: string,
  codes: string[],
): Promise<Map<string, KnownCustomer>> {
  const rows = await repo.findCustomersByCodes(db, tenantId, codes);
  const ids = rows.map((r) => r.id);
  const accounts = new Map<string, repo.BankAccountRow[]>();
  for (let i = 0; i < ids.length; i += 5000)
    for (const a of await repo.listBankAccounts(db, tenantId, ids.slice(i, i + 5000)))
      accounts.set(a.customerId, [...(accounts.get(a.customerId) ?? []), a]);
  const pending = new Map<string, BankAccountInput[]>();
  for (const c of await pendingChangesOf(db, tenantId, ids))
    if (c.action === 'add')
      pending.set(c.customerId, [...(pending.get(c.customerId) ?? []), c.details as BankAccountInput]);
  return new Map(
    rows.map((r) => [
      r.code,
      { ...toCustomer(r, accounts.get(r.id) ?? []), pendingAccounts: pending.get(r.id) ?? [] } as KnownCustomer,
    ]),
  );
}

/** Ids, terms and status of the customers with these codes (what an invoice import needs to book). */
export async function customerRefsByCodes(
  db: Executor,
  tenantId: string,
  codes: string[],
): Promise<Map<string, { id: string; paymentTermsDays: number | null; status: string }>> {
  const rows = await repo.findCustomersByCodes(db, tenantId, codes);
  return new Map(rows.map((r) => [r.code, { id: r.id, paymentTermsDays: r.paymentTermsDays, status: r.status }]));
}
