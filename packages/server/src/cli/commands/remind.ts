import type { Command } from '../command.ts';
import { cliContext } from '../runtime.ts';
import { openOrHandOff } from '../handoff.ts';
import { handOffRemind } from '../handoff-work.ts';
import { runReminderSweep, type SweepReport } from '../../domain/reminders/index.ts';
import { tenantSteps, withTenant } from '../../domain/unit-of-work/index.ts';
import { deliverByEmail, type EmailDelivery } from '../../domain/reminders/index.ts';
import { smtpMailer } from '../../mail/smtp.ts';

const human = (r: SweepReport & { email?: EmailDelivery }) =>
  [
    `reminders as of ${r.asOf} with ${r.plan.key} v${r.plan.version}: ${r.scanned} open receivables, ` +
      `${r.evaluated} evaluated, ${r.due} due, ${r.sent} sent (${r.notifications} notifications)` +
      (r.alreadySent ? `, ${r.alreadySent} sent meanwhile by another sweep` : ''),
    ...Object.entries(r.byLevel).map(([level, n]) => `  ${level}: ${n.due} due, ${n.sent} sent`),
    ...(r.failures.count ? [`  ${r.failures.count} failed: ${r.failures.first!.message}`] : []),
    ...(r.email
      ? [
          `e-mail: ${r.email.sent} sent, ${r.email.failed} left in the outbox${r.email.reason ? ` (${r.email.reason})` : ''}`,
        ]
      : []),
  ].join('\n');

export const remindCommand: Command = {
  name: 'remind',
  summary: 'The reminder sweep: sends each due (receivable, level) of the published reminder plan once',
  usage: 'hexiao remind [--as-of YYYY-MM-DD] [--plan key] [--email] [--tenant slug] [--json]',
  options: {
    'as-of': { type: 'string' },
    plan: { type: 'string' },
    email: { type: 'boolean' },
    tenant: { type: 'string' },
  },
  async run(args, out) {
    const v = args.values as Record<string, string | undefined>;
    const email = Boolean(args.values.email);
    const opened = await openOrHandOff('remind', v.tenant);
    if (opened.target) {
      const report = (await handOffRemind(opened.target, {
        ...(v['as-of'] !== undefined ? { asOf: v['as-of'] } : {}),
        ...(v.plan !== undefined ? { plan: v.plan } : {}),
        ...(email ? { email } : {}),
      })) as SweepReport & { email?: { failed: number } };
      out.result(report, human);
      return report.email?.failed ? 1 : 0;
    }
    const rt = opened.rt;
    try {
      const ctx = await cliContext(rt, v.tenant);
      if (email && !rt.config.smtpUrl) throw new Error('--email needs an SMTP server: set HEXIAO_SMTP_URL');
      const report = await withTenant(rt.deps.db, ctx.tenant.id, (db) =>
        runReminderSweep(db, ctx, {
          ...(v['as-of'] !== undefined ? { asOf: v['as-of'] } : {}),
          ...(v.plan !== undefined ? { plan: v.plan } : {}),
        }),
      ).catch((e: Error) => {
        throw new Error(e.message.replace(/^\/asOf/, '--as-of').replace(/^\/plan/, '--plan'));
      });
      if (!email) {
        out.result(report, human);
        return 0;
      }
      const mailer = smtpMailer(rt.config.smtpUrl!, rt.config.mailFrom);
      try {
        const delivered = await deliverByEmail(tenantSteps(rt.deps.db, ctx.tenant.id), ctx, mailer);
        out.result({ ...report, email: delivered }, human);
        return delivered.failed ? 1 : 0;
      } finally {
        mailer.close?.();
      }
      return 0;
    } finally {
      await rt.close();
    }
  },
};
