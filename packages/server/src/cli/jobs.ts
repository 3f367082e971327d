import { openJobService, type JobService } from '../domain/jobs/index.ts';
import { importDeps } from '../startup/import-deps.ts';
import type { Runtime } from './runtime.ts';
import type { LoadedPlugins } from '../plugins/loader.ts';

/**
 * The job service of a `serve` or `worker` process: pg-boss over the configured PostgreSQL (every process
 * shares it), or the in-process queue over the embedded database, where jobs a killed process left are taken
 * up again. `work` is how many jobs this process works at once; 0 only submits.
 */
export async function startJobs(rt: Runtime, o: { work: number; plugins: LoadedPlugins }): Promise<JobService> {
  const jobs = await openJobService({
    db: rt.database.db,
    auditKey: rt.config.auditKey,
    ...(rt.database.kind === 'postgres' && rt.config.databaseUrl ? { sharedUrl: rt.config.databaseUrl } : {}),
    expireSeconds: rt.config.jobExpireSeconds,
    heartbeatSeconds: rt.config.jobHeartbeatSeconds,
    maintenanceSeconds: rt.config.jobMaintenanceSeconds,
    onProblem: (message, detail) => rt.logger.warn(detail, message),
    imports: importDeps(rt.config, rt.database.kind, o.plugins.connectors),
  });
  if (o.work > 0) await jobs.start({ concurrency: o.work, recover: rt.database.kind === 'pglite' });
  return jobs;
}
