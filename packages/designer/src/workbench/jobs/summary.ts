import type { TFunction } from 'i18next';
import type { JobView } from '../../api/workbench-types.ts';

/** One line saying what a finished job did, from its kind's result. */
export function resultSummary(job: JobView, t: TFunction): string {
  const r = (job.result ?? {}) as Record<string, unknown>;
  if (job.state !== 'succeeded') return job.error?.message ?? '';
  if (job.kind === 'matching.run' && r.counts) return t('match.ran', r.counts as Record<string, number>);
  if (job.kind === 'import.run')
    return t('jobs.imported', { created: Number(r.created ?? 0), rejected: Number(r.rejected ?? 0) });
  if (job.kind === 'provisioning.run')
    return t('jobs.provisioned', { required: String(r.required ?? ''), customers: Number(r.customers ?? 0) });
  if (job.kind === 'housekeeping.purge')
    return t('jobs.purged', {
      keys: Number(r.idempotencyKeys ?? 0),
      sessions: Number(r.sessions ?? 0),
      uploads: Number(r.uploads ?? 0),
    });
  if (job.kind === 'reminders.sweep') return t('jobs.reminded', { sent: Number(r.sent ?? 0) });
  return '';
}
