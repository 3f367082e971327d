import { Decimal } from '@hexiao/dsl';
import type { Connector, ConnectorInput } from './define-connector.ts';
import { iso4217 } from './currencies.ts';
import { canonical } from './decimal.ts';
import {
  isRejection,
  type BankLineRecord,
  type CanonicalRecord,
  type ParseOutput,
  type Rejection,
  type StatementRecord,
} from './records.ts';

export interface CollectedParse {
  outputs: ParseOutput[];
  records: CanonicalRecord[];
  rejections: Rejection['rejected'][];
  statements: StatementRecord[];
  lines: BankLineRecord[];
  warnings: string[];
}

/** Runs a connector's parse over an input and collects everything (for tests and small files only). */
export async function collectParse<C>(
  connector: Connector<C>,
  input: ConnectorInput,
  config?: Partial<C>,
): Promise<CollectedParse> {
  if (!connector.parse) throw new TypeError(`connector ${connector.id} has no parse()`);
  const warnings: string[] = [];
  const outputs: ParseOutput[] = [];
  const ctx = {
    config: { ...(connector.defaults ?? {}), ...(config ?? {}) } as C,
    warn: (m: string) => warnings.push(m),
  };
  for await (const o of connector.parse(input, ctx)) outputs.push(o);
  const records = outputs.filter((o): o is CanonicalRecord => !isRejection(o));
  return {
    outputs,
    records,
    rejections: outputs.filter(isRejection).map((r) => r.rejected),
    statements: records.filter((r): r is StatementRecord => r.type === 'statement'),
    lines: records.filter((r): r is BankLineRecord => r.type === 'bank-line'),
    warnings,
  };
}

/**
 * Control totals of bank lines per currency, as accountants check them against the bank's figures:
 * `{ EUR: { credits: '23075.00', debits: '9430.17', count: 13 } }` (exact decimal strings with the currency's minor units).
 */
export function controlTotals(
  lines: BankLineRecord[],
): Record<string, { credits: string; debits: string; count: number }> {
  const acc = new Map<string, { credits: Decimal; debits: Decimal; count: number }>();
  for (const l of lines) {
    const t = acc.get(l.currency) ?? { credits: new Decimal(0), debits: new Decimal(0), count: 0 };
    if (l.direction === 'credit') t.credits = t.credits.plus(l.amount);
    else t.debits = t.debits.plus(l.amount);
    t.count++;
    acc.set(l.currency, t);
  }
  const out: Record<string, { credits: string; debits: string; count: number }> = {};
  const fmt = (d: Decimal, ccy: string) => {
    const units = iso4217.get(ccy) ?? 2;
    return d.decimalPlaces() <= (units ?? 2) ? d.toFixed(units ?? 2) : canonical(d);
  };
  for (const [ccy, t] of [...acc].sort(([a], [b]) => a.localeCompare(b)))
    out[ccy] = { credits: fmt(t.credits, ccy), debits: fmt(t.debits, ccy), count: t.count };
  return out;
}
