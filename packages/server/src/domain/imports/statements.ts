import { Decimal } from '@hexiao/dsl';
import { accountKey, type StatementRecord } from '@hexiao/plugins/sdk';
import type { Executor } from '../../store/db.ts';
import { insertStatement, previousClosing } from '../../store/repos/bank-statements.ts';
import { newId } from '../ids.ts';
import { maxAmount, withinLimit } from '../money/index.ts';
import type { ReportTally } from './report.ts';

/**
 * Stores a statement once (by source key). Its opening balance is compared with the closing balance of
 * the account's previous stored statement: a difference is flagged as a gap. Balances that do not
 * reconcile within the statement are kept as warnings, never a refusal.
 */
export async function recordStatement(
  tx: Executor,
  tenantId: string,
  importId: string,
  s: { record: StatementRecord; fileId: string; file: string },
  accounts: { known: Map<string, string>; refused: Map<string, string>; noCurrency: Set<string> },
  tally: ReportTally,
): Promise<void> {
  const r = s.record;
  const key = accountKey(r.account);
  const base = { file: s.file, statementId: r.statementId, account: key };
  const refusedWhy = accounts.refused.get(key);
  if (refusedWhy !== undefined) {
    tally.report.statements.push({
      ...base,
      created: false,
      warnings: [`refused: company bank account ${key} is unknown (${refusedWhy})`],
    });
    return;
  }
  const beyond = [r.openingBalance, r.closingBalance].filter((b) => b && !withinLimit(b.amount));
  const opening = withinLimit(r.openingBalance?.amount) ? r.openingBalance?.amount : undefined;
  const prev = await previousClosing(tx, tenantId, key, r.sourceKey, r.fromDate ?? r.openingBalance?.date ?? null);
  const gap =
    prev?.closing_balance != null && opening !== undefined && !new Decimal(prev.closing_balance).eq(opening)
      ? { previousStatement: prev.statement_id, previousClosing: new Decimal(prev.closing_balance).toFixed(), opening }
      : undefined;
  const warnings = [
    ...(r.warnings ?? []),
    ...beyond.map((b) => `balance ${b!.amount} is above the ledger's limit of ${maxAmount.toFixed()}: not kept`),
    ...(gap
      ? [
          `gap: opening balance ${opening} differs from the closing balance ${gap.previousClosing} of statement ${gap.previousStatement}`,
        ]
      : []),
  ];
  const created = await insertStatement(tx, tenantId, importId, {
    id: newId(),
    sourceKey: r.sourceKey,
    fileId: s.fileId,
    position: r.position,
    accountKey: key,
    bankAccountId: accounts.known.get(key) ?? null,
    statementId: r.statementId,
    sequence: r.sequence ?? null,
    fromDate: r.fromDate ?? null,
    toDate: r.toDate ?? r.closingBalance?.date ?? null,
    currency: r.closingBalance?.currency ?? r.openingBalance?.currency ?? r.account.currency ?? null,
    openingBalance: opening ?? null,
    closingBalance: withinLimit(r.closingBalance?.amount) ? (r.closingBalance?.amount ?? null) : null,
    gap: gap !== undefined,
    warnings,
  });
  tally.report.statements.push({ ...base, created, ...(gap && created ? { gap } : {}), warnings });
}
