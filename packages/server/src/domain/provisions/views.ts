import * as repo from '../../store/repos/provisioning.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { readVoucher } from '../ledger/index.ts';
import { dec } from '../money/index.ts';

/** How many customer lines a run's view carries (largest difference first is for the report; these are in order). */
export const maxViewLines = 1000;

export interface ProvisioningRunView {
  id: string | null;
  plan: { kind: string; key: string; version: number; contentHash: string | null };
  asOf: string;
  postingDate: string;
  mode: string;
  currency: string;
  items: number;
  required: string;
  carried: string;
  topUp: string;
  released: string;
  voucher: { id: string; voucherNo: string } | null;
  byStage: { stage: string | null; bucket: string | null; items: number; openBase: string; required: string }[];
  /**
   * With a plan's `deferredTax`: the net charge to add back to taxable income (negative for a release) and the
   * deferred tax posted on it at the plan's rate.
   */
  tax: { rate: string; addBack: string; deferredTax: string } | null;
  /** With a plan's `salesPercentage`: the credit sales of the window and the general allowance it added. */
  salesPercentage: { from: string; to: string; creditSales: string; rate: string; expense: string } | null;
  lines: {
    customerId: string | null;
    items: number;
    openBase: string;
    required: string;
    carried: string;
    difference: string;
  }[];
  linesOmitted: number;
  createdBy: string;
  createdAt: string;
  dryRun: boolean;
  /** This answer is the earlier run of the same plan version and date: nothing was posted now. */
  replayed: boolean;
}

type Summary = {
  plan: ProvisioningRunView['plan'];
  byStage: ProvisioningRunView['byStage'];
  tax?: ProvisioningRunView['tax'];
  salesPercentage?: ProvisioningRunView['salesPercentage'];
};
type LineRow = Pick<
  repo.ProvisioningLineRow,
  'customerId' | 'items' | 'openBase' | 'required' | 'carried' | 'difference'
>;

const amount = (v: string) => dec(v).toFixed();

export async function runView(
  db: Executor,
  tenantId: string,
  run: repo.ProvisioningRunRow,
  o: { dryRun?: boolean; replayed?: boolean; lines?: LineRow[] },
): Promise<ProvisioningRunView> {
  const lines = o.lines ?? (await repo.listProvisioningLines(db, tenantId, run.id, maxViewLines + 1));
  const voucher = run.voucherId ? await readVoucher(db, tenantId, run.voucherId) : undefined;
  const s = run.summary as Summary;
  return {
    id: o.dryRun ? null : run.id,
    plan: s.plan,
    asOf: run.asOf,
    postingDate: run.postingDate,
    mode: run.mode,
    currency: run.currency,
    items: run.items,
    required: amount(run.required),
    carried: amount(run.carried),
    topUp: amount(run.topUp),
    released: amount(run.released),
    voucher: voucher ? { id: voucher.id, voucherNo: voucher.voucherNo } : null,
    byStage: s.byStage,
    tax: s.tax ?? null,
    salesPercentage: s.salesPercentage ?? null,
    lines: lines.slice(0, maxViewLines).map((l) => ({
      customerId: l.customerId,
      items: l.items,
      openBase: amount(l.openBase),
      required: amount(l.required),
      carried: amount(l.carried),
      difference: amount(l.difference),
    })),
    linesOmitted: o.lines ? Math.max(0, lines.length - maxViewLines) : lines.length > maxViewLines ? -1 : 0,
    createdBy: run.createdBy,
    createdAt: new Date(run.createdAt).toISOString(),
    dryRun: !!o.dryRun,
    replayed: !!o.replayed,
  };
}

export async function getProvisioningRun(db: Executor, tenantId: string, id: string): Promise<ProvisioningRunView> {
  const run = await repo.findProvisioningRun(db, tenantId, { id });
  if (!run) throw new HexiaoError('not_found', `provisioning run ${id} does not exist`);
  return runView(db, tenantId, run, {});
}

export async function listProvisioningRuns(db: Executor, tenantId: string, o: { before?: string; limit: number }) {
  const runs = await repo.listProvisioningRuns(db, tenantId, o);
  return {
    items: runs.map((r) => ({
      id: r.id,
      plan: { key: r.planKey, version: r.planVersion },
      asOf: r.asOf,
      postingDate: r.postingDate,
      mode: r.mode,
      required: amount(r.required),
      topUp: amount(r.topUp),
      released: amount(r.released),
      voucherId: r.voucherId,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
  };
}
