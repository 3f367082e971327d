import type { Command } from '../command.ts';
import { cliContext, openRuntime } from '../runtime.ts';
import { verifyAudit } from '../../domain/audit/index.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';

export const auditCommand: Command = {
  name: 'audit',
  summary: "Verify a tenant's hash-chained audit log: `hexiao audit verify`",
  usage: 'hexiao audit verify [--tenant <slug>] [--json]',
  options: { tenant: { type: 'string' } },
  async run(args, out) {
    if (args.positionals[0] !== 'verify') throw new Error('usage: hexiao audit verify [--tenant <slug>] [--json]');
    const rt = await openRuntime('audit verify');
    try {
      const ctx = await cliContext(rt, args.values.tenant as string | undefined);
      const report = await withTenant(rt.deps.db, ctx.tenant.id, (db) =>
        verifyAudit({ ...rt.deps, db }, ctx.tenant.id),
      );
      out.result({ tenant: ctx.tenant.slug, ...report }, (r) =>
        r.ok
          ? `audit chain of ${r.tenant}: ${r.checked} entries verified, signed head matches`
          : `audit chain of ${r.tenant} is BROKEN: ${r.firstBroken ? `first broken link at entry ${r.firstBroken.seq}: ${r.firstBroken.reason}` : ''}${r.firstBroken && r.headProblem ? '; ' : ''}${r.headProblem ?? ''}`,
      );
      return report.ok ? 0 : 2;
    } finally {
      await rt.close();
    }
  },
};
