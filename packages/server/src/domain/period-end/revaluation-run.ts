import * as repo from '../../store/repos/revaluations.ts';
import { isUniqueViolation } from '../../store/repos/documents.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { quoteToBase } from '../fx/index.ts';
import { newId } from '../ids.ts';
import {
  accountByRole,
  isDate,
  mirrorVoucher,
  readVoucher,
  resolveAccountMapping,
  saveVoucher,
  todayIn,
  VoucherBuilder,
  type LedgerDeps,
  numberedNo,
} from '../ledger/index.ts';
import { dec } from '../money/index.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { periodBounds } from './period-bounds.ts';
import { revalue, type RevaluedItem } from './revaluation.ts';

export interface RevaluationInput {
  period: string;
  /** The closing rates' date (default the period's last day): the newest spot rate on or before it. */
  rateDate?: string;
  /** Computes the same report, posting and storing nothing. */
  dryRun?: boolean;
}

export interface RevaluationView {
  id: string | null;
  period: string;
  rateDate: string;
  postingDate: string;
  reversalDate: string;
  currency: string;
  items: number;
  gain: string;
  loss: string;
  net: string;
  rates: { currency: string; rate: string; rateDate: string | null }[];
  voucher: { id: string; voucherNo: string } | null;
  reversalVoucher: { id: string; voucherNo: string } | null;
  lines: RevaluedItem[];
  linesOmitted: number;
  dryRun: boolean;
  /** The period was revalued before: this is that revaluation, nothing was posted now. */
  replayed: boolean;
}

const maxLines = 1000;

async function voucherRef(db: Executor, tenantId: string, id: string | null) {
  if (!id) return null;
  const v = await readVoucher(db, tenantId, id);
  return v ? { id: v.id, voucherNo: v.voucherNo } : null;
}

async function storedView(db: Executor, tenantId: string, r: repo.RevaluationRow): Promise<RevaluationView> {
  const lines = await repo.revaluationLines(db, tenantId, r.id, maxLines + 1);
  return {
    id: r.id,
    period: r.period,
    rateDate: r.rateDate,
    postingDate: r.postingDate,
    reversalDate: r.reversalDate,
    currency: r.currency,
    items: r.items,
    gain: dec(r.gain).toFixed(),
    loss: dec(r.loss).toFixed(),
    net: dec(r.gain).minus(r.loss).toFixed(),
    rates: r.rates as RevaluationView['rates'],
    voucher: await voucherRef(db, tenantId, r.voucherId),
    reversalVoucher: await voucherRef(db, tenantId, r.reversalVoucherId),
    lines: lines.slice(0, maxLines).map((l) => ({
      documentId: l.documentId,
      customerId: l.customerId,
      side: l.side as 'debit' | 'credit',
      currency: l.currency,
      open: dec(l.openAmount).toFixed(),
      openBase: dec(l.openBase).toFixed(),
      rate: dec(l.rate).toFixed(),
      revaluedBase: dec(l.revaluedBase).toFixed(),
      effect: dec(l.effect).toFixed(),
    })),
    linesOmitted: lines.length > maxLines ? -1 : 0,
    dryRun: false,
    replayed: true,
  };
}

export async function getRevaluation(db: Executor, tenantId: string, id: string): Promise<RevaluationView> {
  const r = await repo.findRevaluation(db, tenantId, { id });
  if (!r) throw new HexiaoError('not_found', `revaluation ${id} does not exist`);
  return { ...(await storedView(db, tenantId, r)), replayed: false };
}

/**
 * Period-end FX revaluation (ENGINES.md §3.5): the items in foreign currencies open at the end of the period,
 * at the closing rates; the unrealised gain and loss posted on the last day (Dr FX revaluation 1129 Cr FX gain,
 * Dr FX loss Cr 1129) and reversed on the first day of the next period, so open items keep their booking rate
 * and settlements realise the difference. One per period: a second request answers the first and posts
 * nothing. Both periods must be open; a currency without a rate is refused, nothing posted.
 */
export async function runRevaluation(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: RevaluationInput,
): Promise<RevaluationView> {
  const { endsOn, next } = periodBounds(input.period);
  const rateDate = input.rateDate ?? endsOn;
  if (!isDate(rateDate)) throw invalid('/rateDate', 'must be a date YYYY-MM-DD');
  const today = todayIn(ctx.tenant.timeZone);
  if (rateDate > today) throw invalid('/rateDate', `is after today (${today})`);
  const reversalDate = `${next}-01`;
  const tenantId = ctx.tenant.id;
  const base = ctx.tenant.baseCurrency;
  const attempt = () =>
    deps.db.transaction(async (tx) => {
      if (!input.dryRun) {
        const earlier = await repo.findRevaluation(tx, tenantId, { period: input.period });
        if (earlier) return storedView(tx, tenantId, earlier);
        await requireOpenPeriod(tx, tenantId, endsOn, '/period');
        await requireOpenPeriod(tx, tenantId, reversalDate, '/period');
      }
      const items = await repo.foreignOpenItemsAsOf(tx, tenantId, base, endsOn);
      const rates = new Map<string, string>();
      const quoted: RevaluationView['rates'] = [];
      for (const currency of [...new Set(items.map((i) => i.currency))].sort()) {
        try {
          const q = await quoteToBase(tx, tenantId, currency, base, rateDate);
          rates.set(currency, q.rate);
          quoted.push({ currency, rate: q.rate, rateDate: q.rateDate });
        } catch (e) {
          if (e instanceof HexiaoError && e.type === 'invalid_data')
            throw invalid(
              '/rateDate',
              `no spot rate ${currency}→${base} on or before ${rateDate}: record one (POST /api/v1/fx-rates) before revaluing ${input.period}`,
            );
          throw e;
        }
      }
      const { lines, gain, loss } = revalue(items, rates, base, ctx.tenant.roundingMode);
      const id = newId();
      const view: RevaluationView = {
        id: input.dryRun ? null : id,
        period: input.period,
        rateDate,
        postingDate: endsOn,
        reversalDate,
        currency: base,
        items: lines.length,
        gain: gain.toFixed(),
        loss: loss.toFixed(),
        net: gain.minus(loss).toFixed(),
        rates: quoted,
        voucher: null,
        reversalVoucher: null,
        lines: lines.slice(0, maxLines),
        linesOmitted: Math.max(0, lines.length - maxLines),
        dryRun: !!input.dryRun,
        replayed: false,
      };
      if (input.dryRun) return view;
      let voucherId: string | null = null;
      let reversalId: string | null = null;
      if (!gain.isZero() || !loss.isZero()) {
        const mapping = await resolveAccountMapping(tx, tenantId);
        const account = accountByRole(mapping, 'fx-revaluation');
        const head = {
          voucherDate: endsOn,
          sourceType: 'fx-revaluation' as const,
          sourceId: id,
          description: `unrealised FX on open items at ${rateDate} rates (${input.period})`,
          currency: base,
          mappingKey: mapping.key,
          mappingVersion: mapping.version,
        };
        const b = new VoucherBuilder(head);
        if (gain.isPos())
          b.debit(account, gain, { memo: 'unrealised gain' }).credit(accountByRole(mapping, 'fx-gain'), gain);
        if (loss.isPos())
          b.debit(accountByRole(mapping, 'fx-loss'), loss).credit(account, loss, { memo: 'unrealised loss' });
        const draft = b.build();
        const v = await saveVoucher(tx, ctx, draft);
        const r = await saveVoucher(
          tx,
          ctx,
          mirrorVoucher(draft, {
            ...head,
            voucherDate: reversalDate,
            description: `reversal of ${numberedNo(v)}: unrealised FX of ${input.period}`,
          }),
        );
        voucherId = v.id;
        reversalId = r.id;
        view.voucher = { id: v.id, voucherNo: numberedNo(v) };
        view.reversalVoucher = { id: r.id, voucherNo: numberedNo(r) };
      }
      await repo.insertRevaluation(
        tx,
        {
          tenantId,
          id,
          period: input.period,
          rateDate,
          postingDate: endsOn,
          reversalDate,
          currency: base,
          items: lines.length,
          gain: gain.toFixed(),
          loss: loss.toFixed(),
          rates: quoted,
          voucherId,
          reversalVoucherId: reversalId,
          createdBy: ctx.actor.name,
        },
        lines.map((l, i) => ({
          tenantId,
          revaluationId: id,
          lineNo: i + 1,
          documentId: l.documentId,
          customerId: l.customerId,
          side: l.side,
          currency: l.currency,
          openAmount: l.open,
          openBase: l.openBase,
          rate: l.rate,
          revaluedBase: l.revaluedBase,
          effect: l.effect,
        })),
      );
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'period.revaluation',
        entityType: 'period',
        entityId: input.period,
        after: {
          revaluation: id,
          rateDate,
          rates: quoted,
          items: lines.length,
          gain: view.gain,
          loss: view.loss,
          voucherNo: view.voucher?.voucherNo ?? null,
          reversalVoucherNo: view.reversalVoucher?.voucherNo ?? null,
        },
      });
      return view;
    });
  try {
    return await attempt();
  } catch (e) {
    // the same period revalued at the same moment elsewhere: it won, and answers for both
    if (!input.dryRun && isUniqueViolation(e)) return attempt();
    throw e;
  }
}
