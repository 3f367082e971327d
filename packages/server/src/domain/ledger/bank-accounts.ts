import type { Executor } from '../../store/db.ts';
import * as repo from '../../store/repos/company-bank-accounts.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { isCurrency } from '../money/index.ts';
import { resolveAccountMapping } from './resolve-mapping.ts';

export interface CompanyBankAccountInput {
  code: string;
  name: string;
  iban?: string;
  accountNumber?: string;
  bankName?: string;
  bic?: string;
  currency: string;
  /** The GL account receipts into this bank account debit; must exist in the account mapping. */
  glAccount: string;
}

const view = (r: repo.CompanyBankAccountRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  iban: r.iban,
  accountNumber: r.accountNumber,
  bankName: r.bankName,
  bic: r.bic,
  currency: r.currency,
  glAccount: r.glAccount,
  status: r.status,
});
export type CompanyBankAccountView = ReturnType<typeof view>;

export async function createCompanyBankAccount(
  deps: DomainDeps,
  ctx: ActionCtx,
  input: CompanyBankAccountInput,
): Promise<CompanyBankAccountView> {
  if (!isCurrency(input.currency)) throw invalid('/currency', 'is not an ISO 4217 currency');
  if (!input.iban && !input.accountNumber) throw invalid('/iban', 'an IBAN or an account number is required');
  return deps.db.transaction(async (tx) => {
    const mapping = await resolveAccountMapping(tx, ctx.tenant.id);
    if (!mapping.document.accounts.some((a) => a.code === input.glAccount))
      throw invalid(
        '/glAccount',
        `is not an account of the account mapping in force (${mapping.key} v${mapping.version})`,
      );
    if (await repo.findCompanyBankAccountByCode(tx, ctx.tenant.id, input.code))
      throw new HexiaoError('conflict', `company bank account ${input.code} already exists`, { pointer: '/code' });
    const row = await repo.insertCompanyBankAccount(tx, {
      tenantId: ctx.tenant.id,
      id: newId(),
      code: input.code,
      name: input.name,
      iban: input.iban ?? null,
      accountNumber: input.accountNumber ?? null,
      bankName: input.bankName ?? null,
      bic: input.bic ?? null,
      currency: input.currency,
      glAccount: input.glAccount,
      status: 'active',
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'company-bank-account.create',
      entityType: 'company-bank-account',
      entityId: row.id,
      after: view(row),
    });
    return view(row);
  });
}

export async function listCompanyBankAccounts(db: Executor, tenantId: string) {
  return (await repo.listCompanyBankAccounts(db, tenantId)).map(view);
}

export async function getCompanyBankAccount(db: Executor, tenantId: string, id: string) {
  const r = await repo.getCompanyBankAccount(db, tenantId, id);
  if (!r) throw new HexiaoError('not_found', `company bank account ${id} does not exist`);
  return view(r);
}
