import type { Command } from '../command.ts';
import { cliContext, openRuntime } from '../runtime.ts';
import { runReminderSweep, type SweepReport } from '../../domain/reminders/index.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';

const human = (r: SweepReport) =>
  [
    `reminders as of ${r.asOf} with ${r.plan.key} v${r.plan.version}: ${r.scanned} open receivables, ${r.due} due, ` +
      `${r.sent} sent (${r.notifications} notifications), ${r.alreadySent} sent before`,
    ...Object.entries(r.byLevel).map(([level, n]) => `  ${level}: ${n.due} due, ${n.sent} sent`),
    ...(r.failures.count ? [`  ${r.failures.count} failed: ${r.failures.first!.message}`] : []),
  ].join('\n');

export const remindCommand: Command = {
  name: 'remind',
  summary: 'The reminder sweep: sends each due (receivable, level) of the published reminder plan once',
  usage: 'hexiao remind [--as-of YYYY-MM-DD] [--plan key] [--tenant slug] [--json]',
  options: { 'as-of': { type: 'string' }, plan: { type: 'string' }, tenant: { type: 'string' } },
  async run(args, out) {
    const v = args.values as Record<string, string | undefined>;
    const rt = await openRuntime('remind');
    try {
      const ctx = await cliContext(rt, v.tenant);
      const report = await withTenant(rt.deps.db, ctx.tenant.id, (db) =>
        runReminderSweep(db, ctx, {
          ...(v['as-of'] !== undefined ? { asOf: v['as-of'] } : {}),
          ...(v.plan !== undefined ? { plan: v.plan } : {}),
        }),
      ).catch((e: Error) => {
        throw new Error(e.message.replace(/^\/asOf/, '--as-of').replace(/^\/plan/, '--plan'));
      });
      out.result(report, human);
      return 0;
    } finally {
      await rt.close();
    }
  },
};
