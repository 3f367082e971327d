import { Decimal } from '@hexiao/dsl';
import { notifiedAlready } from '../../store/repos/notifications.ts';
import { listUsers } from '../../store/repos/users.ts';
import type { Executor } from '../deps.ts';
import { notify, type NotificationInput } from '../notifications/index.ts';
import type { EngineDecision } from './engine.ts';
import type { RuleSetDocument } from './rule-set-schema.ts';
import type { MatchReceipt } from './types.ts';

export type AlertKind =
  'match.unmatched-aged' | 'match.unmatched-large' | 'match.overpayment' | 'match.duplicate' | 'match.large-adjustment';

export interface Alert {
  kind: AlertKind;
  receipt: MatchReceipt;
  title: string;
  titleZh: string;
  payload: Record<string, unknown>;
}

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/**
 * What a run's decisions should tell a person (pure): receipts left unsettled for N days, overpayments,
 * suspected duplicates, tolerance adjustments above the threshold, large receipts left unsettled — per the rule
 * set's `alerts` settings.
 */
export function alertsOf(
  decisions: readonly EngineDecision[],
  receipts: ReadonlyMap<string, MatchReceipt>,
  settings: RuleSetDocument['alerts'] = {},
  today: string,
): Alert[] {
  const days = settings.unmatchedAfterDays ?? 5;
  const above = new Decimal(settings.adjustmentAbove ?? '50.00');
  const large = settings.unmatchedAbove === undefined ? null : new Decimal(settings.unmatchedAbove);
  const out: Alert[] = [];
  for (const d of decisions) {
    const r = receipts.get(d.receiptId);
    if (!r) continue;
    const money = `${r.amount} ${r.currency}`;
    const base = { receiptId: r.id, number: r.number, amount: r.amount, currency: r.currency };
    if (d.outcome === 'held' && (settings.duplicates ?? true))
      out.push({
        kind: 'match.duplicate',
        receipt: r,
        title: `Receipt ${r.number} (${money}) looks like a duplicate payment: held for you`,
        titleZh: `收款 ${r.number}（${money}）疑似重复付款：已暂挂待您处理`,
        payload: { ...base, duplicateOf: d.duplicateOf ?? null, reasons: d.reasons },
      });
    if ((d.outcome === 'unmatched' || d.outcome === 'suggested') && large && new Decimal(r.amount).gte(large))
      out.push({
        kind: 'match.unmatched-large',
        receipt: r,
        title: `Receipt ${r.number} (${money}) is large and not settled: ${d.outcome === 'suggested' ? 'a suggestion waits for you' : 'no invoice found'}`,
        titleZh: `大额收款 ${r.number}（${money}）尚未核销：${d.outcome === 'suggested' ? '有建议待您确认' : '未找到发票'}`,
        payload: { ...base, threshold: large.toFixed(), outcome: d.outcome },
      });
    if (d.outcome === 'unmatched' || d.outcome === 'suggested') {
      const age = dayNumber(today) - dayNumber(r.documentDate);
      if (age >= days)
        out.push({
          kind: 'match.unmatched-aged',
          receipt: r,
          title: `Receipt ${r.number} (${money}) is still not settled after ${age} days`,
          titleZh: `收款 ${r.number}（${money}）已 ${age} 天仍未核销`,
          payload: { ...base, days: age, outcome: d.outcome },
        });
    }
    if (d.outcome !== 'auto') continue;
    if ((settings.overpayments ?? true) && new Decimal(d.unapplied).gt(0))
      out.push({
        kind: 'match.overpayment',
        receipt: r,
        title: `Receipt ${r.number} (${money}) paid ${d.unapplied} ${r.currency} more than was owed: left unapplied`,
        titleZh: `收款 ${r.number}（${money}）多付 ${d.unapplied} ${r.currency}：余额未分配`,
        payload: { ...base, unapplied: d.unapplied, customerId: d.customerId },
      });
    const big = d.adjustments.filter((a) => new Decimal(a.amount).gt(above));
    if (big.length)
      out.push({
        kind: 'match.large-adjustment',
        receipt: r,
        title: `Receipt ${r.number} (${money}) was settled with ${big.map((a) => `${a.kind} ${a.amount} ${a.currency}`).join(', ')} (above ${above.toFixed()})`,
        titleZh: `收款 ${r.number}（${money}）核销时含调整 ${big.map((a) => `${a.kind} ${a.amount} ${a.currency}`).join('，')}（超过 ${above.toFixed()}）`,
        payload: { ...base, adjustments: big, rule: d.rule },
      });
  }
  return out;
}

/**
 * Notifies the users holding the configured roles of each alert, in the run's transaction, once per receipt
 * and kind (a later run does not repeat what an earlier one said). Returns how many alerts were new.
 */
export async function raiseAlerts(
  tx: Executor,
  tenantId: string,
  alerts: readonly Alert[],
  meta: { runId: string; roles?: readonly string[] },
): Promise<number> {
  if (alerts.length === 0) return 0;
  const said = await notifiedAlready(
    tx,
    tenantId,
    'matching',
    alerts.map((a) => a.receipt.id),
  );
  const fresh = alerts.filter((a) => !said.has(`${a.kind}|${a.receipt.id}`));
  if (fresh.length === 0) return 0;
  const roles = new Set(meta.roles ?? ['clerk', 'finance-manager']);
  const users = (await listUsers(tx, tenantId)).filter(
    (u) => u.status === 'active' && u.roles.some((r) => roles.has(r)),
  );
  const items: NotificationInput[] = fresh.flatMap((a) =>
    users.map((u) => ({
      recipient: u.id,
      source: 'matching',
      kind: a.kind,
      title: a.title,
      titleZh: a.titleZh,
      entityType: 'receipt',
      entityId: a.receipt.id,
      payload: { ...a.payload, runId: meta.runId },
    })),
  );
  await notify(tx, tenantId, items);
  return fresh.length;
}
