import type { FxRateRecord } from '@hexiao/plugins/sdk';
import type { Executor } from '../../store/db.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { storeFxRates } from '../fx/index.ts';
import { actorPermissions } from '../identity/index.ts';
import type { ReportTally } from './report.ts';

export interface ReadRate {
  record: FxRateRecord;
  file: string;
}

/** Published rates into the rate table (insert-only); a rate that differs from the stored one is a rejection. */
export async function importFxRates(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  items: ReadRate[],
  tally: ReportTally,
): Promise<void> {
  if (!items.length) return;
  if (!actorPermissions(ctx.actor).has('fx.write'))
    throw new HexiaoError('not_allowed', 'importing exchange rates needs the fx.write permission');
  const summary = (tally.report.fxRates ??= { created: 0, unchanged: 0 });
  const outcomes = await storeFxRates(
    deps,
    ctx,
    tx,
    items.map(({ record: r, file }) => ({
      date: r.date,
      from: r.from,
      to: r.to,
      rate: r.rate,
      source: file.slice(0, 200),
    })),
  );
  outcomes.forEach((o, i) => {
    const { record, file } = items[i]!;
    if ('refused' in o)
      tally.refuseRead({ file, position: record.position, reason: `rate ${record.sourceKey}: ${o.refused}` });
    else if ('stored' in o) {
      summary.created++;
      tally.createdRecord();
    } else summary.unchanged++;
  });
}
