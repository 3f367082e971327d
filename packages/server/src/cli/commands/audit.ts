import type { Command } from '../command.ts';
import { cliContext, openRuntime } from '../runtime.ts';
import { verifyAudit } from '../../domain/audit/index.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';
import { newAuditKey } from '../../config/config.ts';

export const auditCommand: Command = {
  name: 'audit',
  summary:
    "Verify a tenant's hash-chained audit log (`hexiao audit verify`); print a new signing key (`hexiao audit key`)",
  usage: 'hexiao audit verify [--tenant <slug>] [--json]  |  hexiao audit key > audit.key',
  options: { tenant: { type: 'string' } },
  async run(args, out) {
    if (args.positionals[0] === 'key') {
      // for HEXIAO_AUDIT_KEY_FILE: every server process on one PostgreSQL database must use the same key
      out.result({ key: newAuditKey() }, (r) => r.key);
      return 0;
    }
    if (args.positionals[0] !== 'verify')
      throw new Error('usage: hexiao audit verify [--tenant <slug>] [--json] | hexiao audit key');
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
