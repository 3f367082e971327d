/**
 * Jobs benchmark (a script, not a test): `hexiao bench jobs [--quick]`.
 *
 * Submits small jobs (each reports progress twice and writes nothing else) into a fresh tenant and times how
 * many the queue carries per second and how long each waits from submission to its end: the in-process queue
 * on embedded PGlite, and pg-boss with two workers on PostgreSQL when DATABASE_URL is set. What a job costs
 * beyond its own work.
 */
import { randomBytes } from 'node:crypto';
import { createDb, type Database } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { databaseUrlFromEnv } from '../config/config.ts';
import { insertTenant } from '../store/repos/tenants.ts';
import { inProcessQueue, pgBossQueue } from '../store/queue/index.ts';
import { newId } from '../domain/ids.ts';
import { systemActor, type ActionCtx } from '../domain/context.ts';
import { createJobService, type AnyJobKind, type JobKind } from '../domain/jobs/index.ts';

export interface JobsBenchResult {
  database: string;
  queue: string;
  workers: number;
  jobs: number;
  submittedPerSecond: number;
  finishedPerSecond: number;
  latencyMs: { p50: number; p95: number; max: number };
}

const noop: JobKind<{ n: number }> = {
  kind: 'bench.noop',
  maxAttempts: 1,
  title: (i) => ({ en: `bench job ${i.n}`, zh: `基准任务 ${i.n}` }),
  async run(_deps, _ctx, input, progress) {
    await progress({ done: 1, total: 2, phase: 'half' });
    await progress({ done: 2, total: 2, phase: 'done' });
    return { n: input.n };
  },
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function once(database: Database, label: string, jobs: number, url?: string): Promise<JobsBenchResult> {
  const tenant = await insertTenant(database.db, {
    id: newId(),
    slug: `bench-jobs-${randomBytes(4).toString('hex')}`,
    name: 'bench jobs',
    baseCurrency: 'CNY',
  });
  const ctx: ActionCtx = { tenant, actor: systemActor('bench') };
  const workers = url ? 2 : 1;
  const queue = url ? await pgBossQueue({ url, pollingSeconds: 0.5 }) : inProcessQueue();
  const service = createJobService({
    db: database.db,
    auditKey: Buffer.from('bench-key'),
    queue,
    kinds: [noop as AnyJobKind],
    progressEveryMs: 0,
  });
  await service.start({ concurrency: workers });
  const started = performance.now();
  const submitted = [];
  for (let n = 0; n < jobs; n++) submitted.push(await service.submit(ctx, 'bench.noop', { n }));
  const submitSeconds = (performance.now() - started) / 1000;
  const done = await Promise.all(submitted.map((j) => service.wait(tenant.id, j.id, 600_000)));
  const seconds = (performance.now() - started) / 1000;
  await service.stop();
  const latencies = done
    .map((j) => new Date(j.finishedAt!).getTime() - new Date(j.createdAt).getTime())
    .sort((a, b) => a - b);
  const failed = done.filter((j) => j.state !== 'succeeded').length;
  if (failed) throw new Error(`${failed} bench jobs did not succeed`);
  return {
    database: label,
    queue: queue.name,
    workers,
    jobs,
    submittedPerSecond: Math.round(jobs / submitSeconds),
    finishedPerSecond: Math.round(jobs / seconds),
    latencyMs: { p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1)! },
  };
}

export async function runJobsBench(o: { quick: boolean }): Promise<JobsBenchResult[]> {
  const jobs = o.quick ? 100 : 500;
  const results: JobsBenchResult[] = [];
  const mem = await createDb({});
  await migrate(mem);
  results.push(await once(mem, 'pglite', jobs));
  await mem.close();
  const url = databaseUrlFromEnv();
  if (url) {
    const pg = await createDb({ url, max: 8 });
    await migrate(pg);
    try {
      results.push(await once(pg, 'postgres', jobs, url));
    } finally {
      await pg.close();
    }
  }
  return results;
}
