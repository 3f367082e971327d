import type { Executor } from '../../store/db.ts';
import { pendingChangesOf } from '../../store/repos/bank-account-changes.ts';
import * as repo from '../../store/repos/customers.ts';
import type { BankAccountInput } from './customer-schema.ts';
import { toCustomer, type Customer } from './use-cases.ts';
import { groupBy } from '../group-by.ts';

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
  const accountRows: repo.BankAccountRow[] = [];
  for (let i = 0; i < ids.length; i += 5000)
    accountRows.push(...(await repo.listBankAccounts(db, tenantId, ids.slice(i, i + 5000))));
  const accounts = groupBy(accountRows, (a) => a.customerId);
  const additions = (await pendingChangesOf(db, tenantId, ids)).filter((c) => c.action === 'add');
  const pending = new Map(
    [...groupBy(additions, (c) => c.customerId)].map(([id, cs]) => [id, cs.map((c) => c.details as BankAccountInput)]),
  );
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
