import type { AccountMappingDocument } from './account-mapping.kind.ts';
import { HexiaoError } from '../errors.ts';
import { defaultChart, defaultChartKey } from './default-chart.ts';
import type { AdjustmentKind, DocumentType, WriteOffKind } from './types.ts';

export interface Account {
  code: string;
  name: string;
}

/** A mapping in force: the definition's key and version (0 = the built-in chart) are recorded on each voucher. */
export interface ResolvedMapping {
  key: string;
  version: number;
  document: AccountMappingDocument;
}

export const builtInMapping: ResolvedMapping = { key: defaultChartKey, version: 0, document: defaultChart };

const label = (m: ResolvedMapping) =>
  m.version === 0 ? 'the built-in chart' : `account-mapping ${m.key} v${m.version}`;

export function account(m: ResolvedMapping, code: string): Account {
  const a = m.document.accounts.find((x) => x.code === code);
  if (!a) throw new HexiaoError('unexpected_state', `${label(m)} names account ${code}, which it does not define`);
  return { code: a.code, name: a.name };
}

/** The account with a role (`vat`, `fx-gain`, `fx-loss`, …); refused when the mapping lacks it. */
export function accountByRole(m: ResolvedMapping, role: string): Account {
  const a = m.document.accounts.find((x) => x.role === role);
  if (!a)
    throw new HexiaoError('invalid_data', `${label(m)} has no account with role ${role}`, {
      pointer: '/accounts',
      record: label(m),
    });
  return { code: a.code, name: a.name };
}

/**
 * The debit and credit accounts of a blue document: the rule for `type[:kind]` and the receivable type wins
 * over the rule for any receivable type (`*`).
 */
export function postingRule(
  m: ResolvedMapping,
  type: DocumentType,
  kind: AdjustmentKind | WriteOffKind | null,
  receivableType: string,
): { debit: Account; credit: Account } {
  const docKey = kind ? `${type}:${kind}` : type;
  const candidates = m.document.rules.filter((r) => r.documentType === docKey);
  const rule =
    candidates.find((r) => r.receivableType === receivableType) ??
    candidates.find((r) => (r.receivableType ?? '*') === '*');
  if (!rule || !rule.debit || !rule.credit)
    throw new HexiaoError('invalid_data', `${label(m)} has no debit/credit rule for ${docKey} × ${receivableType}`, {
      pointer: '/rules',
      record: label(m),
    });
  return { debit: account(m, rule.debit), credit: account(m, rule.credit) };
}
