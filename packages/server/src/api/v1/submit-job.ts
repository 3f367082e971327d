import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Db } from '../../domain/deps.ts';
import type { JobView } from '../../domain/jobs/index.ts';
import { actionCtx } from '../context.ts';

/**
 * Stores a job in the request's transaction and hands it to the queue once that transaction commits (a
 * worker must never look for a row it cannot see yet); answers the job as it stands, queued.
 */
export async function submitJob(c: Context<AppEnv>, db: Db, kind: string, input: unknown): Promise<JobView> {
  const service = c.get('deps').jobs;
  const ctx = actionCtx(c);
  const job = await service.store(db, ctx, kind, input);
  c.get('afterCommit').push(() => service.enqueue(ctx.tenant.id, job));
  c.header('Location', `/api/v1/jobs/${job.id}`);
  return service.get(db, ctx.tenant.id, job.id);
}
