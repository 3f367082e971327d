import { createHash } from 'node:crypto';
import { accountKey, type BankAccountRef } from '@hexiao/plugins/sdk';
import type { Db, Executor } from '../../store/db.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { accountByRole, createCompanyBankAccount, listCompanyBankAccounts, resolveAccountMapping } from '../ledger/index.ts';
import type { ResolvedImportConfig } from './resolve-config.ts';

export interface SeenAccount {
  account: BankAccountRef;
  currency: string;
}

/**
 * Maps the company accounts named by the file to the tenant's company bank accounts (by IBAN or account
 * number). Unknown ones are registered or refused, as the connector-config says.
 */
export async function resolveBankAccounts(deps: DomainDeps, ctx: ActionCtx, tx: Executor, seen: Map<string, SeenAccount>, cfg: ResolvedImportConfig) {
  const known = new Map<string, string>();
  const refused = new Set<string>();
  const registered: string[] = [];
  const byKey = new Map<string, string>();
  const codeOf = (key: string) => `IMP-${createHash('sha256').update(key).digest('hex').slice(0, 10).toUpperCase()}`;
  for (const a of await listCompanyBankAccounts(tx, ctx.tenant.id)) {
    if (a.status !== 'active') continue;
    byKey.set(`code:${a.code}`, a.id);
    if (a.iban) byKey.set(accountKey({ iban: a.iban }), a.id);
    if (a.accountNumber) byKey.set(accountKey({ number: a.accountNumber }), a.id);
  }
  for (const [key, s] of seen) {
    const id = byKey.get(key) ?? byKey.get(`code:${codeOf(key)}`);
    if (id) known.set(key, id);
    else if (cfg.options.unknownBankAccount === 'reject') refused.add(key);
    else {
      const gl = cfg.options.bankGlAccount ?? accountByRole(await resolveAccountMapping(tx, ctx.tenant.id), 'bank').code;
      const code = codeOf(key);
      const created = await createCompanyBankAccount({ ...deps, db: tx as Db }, ctx, {
        code,
        name: s.account.name ?? `Imported account ${key}`,
        ...(s.account.iban ? { iban: s.account.iban.replace(/\s+/g, '').toUpperCase() } : { accountNumber: s.account.number ?? key }),
        ...(s.account.bic ? { bic: s.account.bic } : {}),
        currency: s.account.currency ?? s.currency,
        glAccount: gl,
      });
      known.set(key, created.id);
      registered.push(key);
    }
  }
  return { known, refused, registered };
}
