import type { Command } from '../command.ts';
import { cliProgress } from '../progress.ts';
import { cliContext } from '../runtime.ts';
import { openOrHandOff } from '../handoff.ts';
import { handOffMatch } from '../handoff-work.ts';
import { runMatching, type ReportEntry, type RunReport } from '../../domain/matching/index.ts';

const receiptLabel = (e: ReportEntry) =>
  `${e.receipt.number} ${e.receipt.amount} ${e.receipt.currency}${e.receipt.bankReference ? ` [${e.receipt.bankReference}]` : ''}`;

function human(r: RunReport): string {
  const c = r.counts;
  const lines = [
    `${r.dryRun ? 'dry run ' : ''}${r.runId} with ${r.ruleSet.key} v${r.ruleSet.version}: ${c.receipts} receipts — ` +
      `${c.auto} settled automatically, ${c.suggested} suggested, ${c.unmatched} unmatched, ${c.held} held` +
      (r.conflicts ? ` (${r.conflicts} not posted: changed meanwhile)` : '') +
      (r.alerts ? `; ${r.alerts} alert${r.alerts === 1 ? '' : 's'} sent` : ''),
    ...r.byRule
      .filter((b) => b.auto || b.suggested)
      .map((b) => `  ${b.rule} (${b.stage}): ${b.auto} auto, ${b.suggested} suggested`),
  ];
  const show = (title: string, list: ReportEntry[], line: (e: ReportEntry) => string) => {
    if (!list.length) return;
    lines.push(`${title}:`);
    for (const e of list.slice(0, 20)) lines.push(`  ${line(e)}`);
    if (list.length > 20) lines.push(`  … ${list.length - 20} more (--json prints all)`);
  };
  const alloc = (e: ReportEntry) =>
    (e.allocations ?? []).map((a) => `${a.receivable} ${a.amount}`).join(', ') +
    (e.adjustments?.length ? `; ${e.adjustments.map((a) => `${a.kind} ${a.amount}`).join(', ')}` : '') +
    (e.unapplied ? `; ${e.unapplied} unapplied` : '');
  show('settled', r.settlements, (e) => `${receiptLabel(e)} → ${alloc(e)} (${e.rule}, score ${e.score})`);
  show(
    'suggested',
    r.suggestions,
    (e) => `${receiptLabel(e)} → ${alloc(e)} (${e.rule}, score ${e.score}): ${e.reasons.join('; ')}`,
  );
  show('held', r.held, (e) => `${receiptLabel(e)}: ${e.reasons.join('; ')}`);
  show(
    'unmatched',
    r.unmatched,
    (e) =>
      `${receiptLabel(e)}${e.reasons.length ? `: ${e.reasons.join('; ')}` : ''}` +
      (e.candidates?.length
        ? ` — candidates: ${e.candidates.map((x) => `${x.receivables.join('+') || '?'} (${x.failed})`).join('; ')}`
        : ''),
  );
  return lines.join('\n');
}

export const matchCommand: Command = {
  name: 'match',
  summary:
    'Match receipts to open receivables with the published rule set; posts automatic settlements, stores suggestions',
  usage:
    'hexiao match [--dry-run] [--rule-set key[@version]] [--tenant slug] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--import id] [--json]',
  options: {
    'dry-run': { type: 'boolean' },
    'rule-set': { type: 'string' },
    tenant: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    import: { type: 'string' },
  },
  async run(args, out) {
    const v = args.values;
    const ref = typeof v['rule-set'] === 'string' ? v['rule-set'].split('@') : undefined;
    if (ref && (!ref[0] || (ref[1] !== undefined && !/^[1-9]\d*$/.test(ref[1]))))
      throw new Error('--rule-set must be key or key@version');
    for (const k of ['from', 'to'] as const)
      if (typeof v[k] === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(v[k]))
        throw new Error(`--${k} must be a date YYYY-MM-DD`);
    const tenant = typeof v.tenant === 'string' ? v.tenant : undefined;
    const input = {
      dryRun: Boolean(v['dry-run']),
      ...(ref ? { ruleSet: { key: ref[0]!, ...(ref[1] ? { version: Number(ref[1]) } : {}) } } : {}),
      scope: {
        ...(typeof v.from === 'string' ? { from: v.from } : {}),
        ...(typeof v.to === 'string' ? { to: v.to } : {}),
        ...(typeof v.import === 'string' ? { importId: v.import } : {}),
      },
    };
    const opened = await openOrHandOff('match', tenant);
    if (opened.target) {
      out.result((await handOffMatch(opened.target, input)) as RunReport, human);
      return 0;
    }
    const rt = opened.rt;
    try {
      const ctx = await cliContext(rt, tenant);
      const progress = cliProgress('matching');
      const report = await runMatching(
        { db: rt.deps.db, auditKey: rt.deps.auditKey },
        ctx,
        input,
        progress.report,
      ).finally(() => progress.end());
      out.result(report, human);
      return 0;
    } finally {
      await rt.close();
    }
  },
};
