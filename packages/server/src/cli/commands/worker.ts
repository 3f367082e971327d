import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { startJobs } from '../jobs.ts';
import { loadPlugins } from '../../plugins/loader.ts';

export const workerCommand: Command = {
  name: 'worker',
  summary:
    'Work jobs (imports, matching runs, sweeps, schedules) from the shared PostgreSQL queue, beside any number of servers and other workers',
  usage: 'hexiao worker [--concurrency 2] [--json]',
  options: { concurrency: { type: 'string' } },
  async run(args, out) {
    const given = args.values.concurrency;
    const concurrency = given !== undefined ? Number(given) : undefined;
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16))
      throw new Error(`--concurrency ${String(given)} must be a whole number from 1 to 16`);
    const rt = await openRuntime('worker');
    if (rt.database.kind !== 'postgres') {
      await rt.close();
      throw new Error(
        'hexiao worker needs DATABASE_URL (PostgreSQL): on the embedded database the server works its own jobs',
      );
    }
    const plugins = await loadPlugins({ folder: rt.config.pluginsDir, packages: rt.config.pluginPackages });
    for (const p of plugins.problems) rt.logger.warn({ plugin: p.name, reason: p.reason }, 'plugin not loaded');
    const jobs = await startJobs(rt, { work: concurrency ?? Math.max(1, rt.config.jobWorkers), plugins });
    out.result({ worker: process.pid, concurrency: concurrency ?? Math.max(1, rt.config.jobWorkers) }, (r) =>
      [`hexiao worker ${r.worker} is working jobs, ${r.concurrency} at a time`, '  stop with Ctrl-C'].join('\n'),
    );
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', () => resolve());
      process.once('SIGINT', () => resolve());
    });
    rt.logger.info('worker stopping: running jobs get their grace period');
    await jobs.stop(rt.config.jobHeartbeatSeconds * 1000);
    await rt.close();
    return 0;
  },
};
