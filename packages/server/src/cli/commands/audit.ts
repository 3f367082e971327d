import type { Command } from '../command.ts';
import { cliContext, openRuntime } from '../runtime.ts';
import { anchorAllTenants, startAnchorEpoch, verifyAudit, type AnchorRound } from '../../domain/audit/index.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';
import { newAuditKey } from '../../config/config.ts';

const usage =
  'hexiao audit verify [--tenant <slug>] [--json]  |  hexiao audit anchor  |  hexiao audit new-epoch --reason <why> [--tenant <slug>]  |  hexiao audit key > audit.key';

export const auditCommand: Command = {
  name: 'audit',
  summary:
    "Verify a tenant's hash-chained audit log against its signed head and its newest anchor outside the database (`verify`); anchor every tenant's head now (`anchor`); start a new anchor epoch after a restore from backup (`new-epoch`); print a new signing key (`key`)",
  usage,
  options: { tenant: { type: 'string' }, reason: { type: 'string' } },
  async run(args, out) {
    const sub = args.positionals[0];
    if (sub === 'key') {
      // for HEXIAO_AUDIT_KEY_FILE: every server process on one PostgreSQL database must use the same key
      out.result({ key: newAuditKey() }, (r) => r.key);
      return 0;
    }
    if (sub !== 'verify' && sub !== 'anchor' && sub !== 'new-epoch') throw new Error(`usage: ${usage}`);
    if (sub === 'new-epoch' && !String(args.values.reason ?? '').trim())
      throw new Error('hexiao audit new-epoch needs --reason "<which backup was restored and why>"');
    const rt = await openRuntime(`audit ${sub}`);
    try {
      const { auditKey, auditAnchorFile } = rt.config;
      if (sub === 'anchor') {
        const rounds = await anchorAllTenants(rt.database.db, auditKey, auditAnchorFile);
        out.result({ file: auditAnchorFile, tenants: rounds }, (r) =>
          [
            `audit anchors in ${r.file}:`,
            ...r.tenants.map(
              (t: AnchorRound) =>
                `  ${t.tenantId}: ${t.anchored !== undefined ? `anchored at ${t.anchored} entries` : t.unchanged ? 'unchanged' : `NOT anchored: ${t.refused}`}`,
            ),
          ].join('\n'),
        );
        return rounds.some((r) => r.refused) ? 2 : 0;
      }
      const ctx = await cliContext(rt, args.values.tenant as string | undefined);
      if (sub === 'new-epoch') {
        const r = await startAnchorEpoch(rt.database.db, auditKey, auditAnchorFile, ctx, String(args.values.reason));
        out.result(
          { tenant: ctx.tenant.slug, ...r },
          (x) =>
            `audit anchor epoch ${x.epoch} started for ${x.tenant} at ${x.entryCount} entries${x.superseded ? ` (superseding the anchor of ${x.superseded.at} at ${x.superseded.entryCount} entries)` : ''}; the change is in the audit log`,
        );
        return 0;
      }
      const report = await withTenant(rt.deps.db, ctx.tenant.id, (db) =>
        verifyAudit({ ...rt.deps, db }, ctx.tenant.id, { anchorFile: auditAnchorFile }),
      );
      const problems = [
        report.firstBroken && `first broken link at entry ${report.firstBroken.seq}: ${report.firstBroken.reason}`,
        report.headProblem,
        report.anchorProblem,
      ].filter(Boolean);
      out.result({ tenant: ctx.tenant.slug, ...report }, (r) =>
        r.ok
          ? `audit chain of ${r.tenant}: ${r.checked} entries verified, signed head matches, ${r.anchor ? `anchor of ${r.anchor.at} (epoch ${r.anchor.epoch}, ${r.anchor.entryCount} entries) holds` : 'no anchor written yet'}`
          : `audit chain of ${r.tenant} is BROKEN: ${problems.join('; ')}`,
      );
      return report.ok ? 0 : 2;
    } finally {
      await rt.close();
    }
  },
};
