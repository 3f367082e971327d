import { createHash } from 'node:crypto';
import { accountKey, type BankAccountRef } from '@hexiao/plugins/sdk';
import type { Db, Executor } from '../../store/db.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import {
  accountByRole,
  createCompanyBankAccount,
  listCompanyBankAccounts,
  resolveAccountMapping,
} from '../ledger/index.ts';
import { actorPermissions } from '../identity/index.ts';
import type { ResolvedImportConfig } from './resolve-config.ts';

export interface AccountResolver {
  /**
   * The company bank account id of an account key, or null when the config refuses unknown accounts or an
   * unknown account comes with no currency to register it in (it is then in `noCurrency`).
   */
  resolve(key: string, account: BankAccountRef, currency: string | undefined): Promise<string | null>;
  known: Map<string, string>;
  /** Unknown accounts not registered, each with why (the config refuses them, or the principal may not). */
  refused: Map<string, string>;
  noCurrency: Set<string>;
  registered: string[];
}

const codeOf = (key: string) => `IMP-${createHash('sha256').update(key).digest('hex').slice(0, 10).toUpperCase()}`;

/**
 * Maps the company accounts a file names to the tenant's company bank accounts (by IBAN or account
 * number, or the code an earlier import registered them under). An unknown one is registered or
 * refused, as the connector-config says; registered only when the importing principal holds bank-account.write. Resolved once per account key, as the lines stream by.
 */
export function accountResolver(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  cfg: ResolvedImportConfig,
): AccountResolver {
  const known = new Map<string, string>();
  const refused = new Map<string, string>();
  const refuse = (key: string, why: string) => (refused.set(key, why), null);
  const mayRegister = actorPermissions(ctx.actor).has('bank-account.write');
  const noCurrency = new Set<string>();
  const registered: string[] = [];
  let byKey: Map<string, string> | undefined;
  const load = async () => {
    const m = new Map<string, string>();
    for (const a of await listCompanyBankAccounts(tx, ctx.tenant.id)) {
      if (a.status !== 'active') continue;
      m.set(`code:${a.code}`, a.id);
      if (a.iban) m.set(accountKey({ iban: a.iban }), a.id);
      if (a.accountNumber) {
        // statements name a numbered account with its currency (camt's Acct/Ccy): both keys find it
        m.set(accountKey({ number: a.accountNumber }), a.id);
        m.set(accountKey({ number: a.accountNumber, currency: a.currency }), a.id);
      }
    }
    return m;
  };
  return {
    known,
    refused,
    noCurrency,
    registered,
    async resolve(key, account, currency) {
      const hit = known.get(key);
      if (hit) return hit;
      if (refused.has(key)) return null;
      byKey ??= await load();
      const id = byKey.get(key) ?? byKey.get(`code:${codeOf(key)}`);
      if (id) return (known.set(key, id), id);
      if (cfg.options.unknownBankAccount === 'reject') return refuse(key, 'unknownBankAccount: reject');
      // registering a company account routes money: only someone who may add one by hand may add one by file
      if (!mayRegister)
        return refuse(key, `registering it needs bank-account.write, which ${ctx.actor.name} does not hold`);
      if (!(account.currency ?? currency)) return (noCurrency.add(key), null);
      const gl =
        cfg.options.bankGlAccount ?? accountByRole(await resolveAccountMapping(tx, ctx.tenant.id), 'bank').code;
      const created = await createCompanyBankAccount({ ...deps, db: tx as Db }, ctx, {
        code: codeOf(key),
        name: account.name ?? `Imported account ${key}`,
        ...(account.iban
          ? { iban: account.iban.replace(/\s+/g, '').toUpperCase() }
          : { accountNumber: account.number ?? key }),
        ...(account.bic ? { bic: account.bic } : {}),
        currency: (account.currency ?? currency)!,
        glAccount: gl,
      });
      known.set(key, created.id);
      registered.push(key);
      return created.id;
    },
  };
}
