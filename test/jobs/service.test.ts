import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../support/test-db.ts';
import { testAuditKey } from '../support/factories.ts';
import { createTenant } from '../../packages/server/src/domain/identity/index.ts';
import { systemActor, type ActionCtx } from '../../packages/server/src/domain/context.ts';
import { HexiaoError } from '../../packages/server/src/domain/errors.ts';
import { withTenant } from '../../packages/server/src/domain/unit-of-work/index.ts';
import {
  createJobService,
  housekeepingJob,
  saveSchedule,
  type AnyJobKind,
  type JobKind,
} from '../../packages/server/src/domain/jobs/index.ts';
import { inProcessQueue } from '../../packages/server/src/store/queue/index.ts';
import { rows, sql, type Database } from '../../packages/server/src/store/db.ts';
import { advanceSchedule } from '../../packages/server/src/store/repos/jobs.ts';

let database: Database;
let ctx: ActionCtx;

beforeAll(async () => {
  database = await testDatabase();
  const tenant = await createTenant(
    { db: database.db, auditKey: testAuditKey },
    { slug: `jobs-${randomBytes(5).toString('hex')}`, name: 'Jobs', baseCurrency: 'CNY' },
  );
  ctx = { tenant, actor: { ...systemActor('test'), userId: undefined } };
}, 60_000);

function service(kinds: AnyJobKind[], o: { heartbeatMs?: number } = {}) {
  return createJobService({
    db: database.db,
    auditKey: testAuditKey,
    queue: inProcessQueue({ retryDelayMs: 5, tickEveryMs: 3_600_000 }),
    kinds,
    heartbeatMs: o.heartbeatMs ?? 10_000,
  });
}

const transient = () => Object.assign(new Error('could not serialize access'), { code: '40001' });

describe('job service', () => {
  it('retries a transient failure with backoff and records the attempts; a refusal fails at once', async () => {
    let calls = 0;
    const flaky: JobKind<{ n: number }> = {
      kind: 'test.flaky',
      maxAttempts: 3,
      title: () => ({ en: 'flaky', zh: 'flaky' }),
      async run(_deps, _ctx, input, progress) {
        calls++;
        await progress({ done: calls, total: 3, phase: 'trying' });
        if (calls < 2) throw transient();
        return { doubled: input.n * 2 };
      },
    };
    const refusing: JobKind<Record<string, never>> = {
      kind: 'test.refusing',
      maxAttempts: 3,
      title: () => ({ en: 'refusing', zh: 'refusing' }),
      async run() {
        throw new HexiaoError('invalid_data', 'no such plan', { pointer: '/plan' });
      },
    };
    const s = service([flaky as AnyJobKind, refusing as AnyJobKind]);
    await s.start();
    const a = await s.submit(ctx, 'test.flaky', { n: 21 });
    const b = await s.submit(ctx, 'test.refusing', {});
    const doneA = await s.wait(ctx.tenant.id, a.id, 10_000);
    const doneB = await s.wait(ctx.tenant.id, b.id, 10_000);
    expect(doneA).toMatchObject({ state: 'succeeded', attempts: 2, result: { doubled: 42 }, error: null });
    expect(doneB).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { type: 'invalid_data', message: 'no such plan' },
    });
    expect(calls).toBe(2);
    await s.stop();
  });

  it('gives up after the last attempt and says why', async () => {
    const always: JobKind<Record<string, never>> = {
      kind: 'test.always',
      maxAttempts: 2,
      title: () => ({ en: 'always', zh: 'always' }),
      async run() {
        throw transient();
      },
    };
    const s = service([always as AnyJobKind]);
    await s.start();
    const j = await s.submit(ctx, 'test.always', {});
    expect(await s.wait(ctx.tenant.id, j.id, 10_000)).toMatchObject({
      state: 'failed',
      attempts: 2,
      error: { message: 'could not serialize access' },
    });
    await s.stop();
  });

  it('a cancelled queued job never runs, however often the queue delivers it', async () => {
    let ran = 0;
    const kind: JobKind<Record<string, never>> = {
      kind: 'test.count',
      maxAttempts: 1,
      title: () => ({ en: 'count', zh: 'count' }),
      async run() {
        ran++;
        return null;
      },
    };
    const s = service([kind as AnyJobKind]);
    const stored = await withTenant(database.db, ctx.tenant.id, (tx) => s.store(tx, ctx, 'test.count', {}));
    const cancelled = await withTenant(database.db, ctx.tenant.id, (tx) =>
      s.cancel(tx, ctx.tenant.id, stored.id, ctx.actor),
    );
    expect(cancelled.state).toBe('cancelled');
    await s.start();
    await s.enqueue(ctx.tenant.id, stored);
    await s.enqueue(ctx.tenant.id, stored);
    await new Promise((r) => setTimeout(r, 200));
    expect(ran).toBe(0);
    // and a finished job delivered twice runs once
    const j = await s.submit(ctx, 'test.count', {});
    await s.wait(ctx.tenant.id, j.id, 5_000);
    await s.enqueue(ctx.tenant.id, j);
    await new Promise((r) => setTimeout(r, 200));
    expect(ran).toBe(1);
    await s.stop();
  });

  it('a running job stops at its next progress report when cancelled', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const kind: JobKind<Record<string, never>> = {
      kind: 'test.long',
      maxAttempts: 1,
      title: () => ({ en: 'long', zh: 'long' }),
      async run(_d, _c, _i, progress) {
        await progress({ done: 1, total: 10, phase: 'first' });
        await gate;
        await progress({ done: 2, total: 10, phase: 'second' });
        return 'finished';
      },
    };
    const s = service([kind as AnyJobKind]);
    await s.start();
    const j = await s.submit(ctx, 'test.long', {});
    for (let i = 0; i < 100 && (await s.wait(ctx.tenant.id, j.id, 0)).progress.done < 1; i++)
      await new Promise((r) => setTimeout(r, 20));
    const running = await withTenant(database.db, ctx.tenant.id, (tx) => s.cancel(tx, ctx.tenant.id, j.id, ctx.actor));
    expect(running).toMatchObject({ state: 'running', cancelRequested: true, progress: { done: 1, total: 10 } });
    release();
    expect(await s.wait(ctx.tenant.id, j.id, 5_000)).toMatchObject({ state: 'cancelled', result: null });
    await s.stop();
  });

  it('a due schedule fires once when four processes tick at the same moment', async () => {
    const processes = Array.from({ length: 4 }, () => service([housekeepingJob as AnyJobKind]));
    const saved = await withTenant(database.db, ctx.tenant.id, (tx) =>
      saveSchedule(tx, ctx, processes[0]!.kinds, 'purge-often', { kind: 'housekeeping.purge', cron: '*/5 * * * *' }),
    );
    const at = new Date(new Date(saved.nextAt).getTime() + 1000);
    await Promise.all(processes.map((p) => p.tick(at)));
    const fired = await withTenant(database.db, ctx.tenant.id, (tx) =>
      rows<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM jobs j JOIN job_schedules s ON s.tenant_id = j.tenant_id AND s.id = j.schedule_id
            WHERE j.tenant_id = ${ctx.tenant.id} AND s.key = 'purge-often'`,
      ),
    );
    expect(fired[0]!.n).toBe(1);
    const after = await withTenant(database.db, ctx.tenant.id, (tx) =>
      rows<{ next_at: string }>(
        tx,
        sql`SELECT next_at FROM job_schedules WHERE tenant_id = ${ctx.tenant.id} AND key = 'purge-often'`,
      ),
    );
    expect(new Date(after[0]!.next_at).getTime() - new Date(saved.nextAt).getTime()).toBe(5 * 60_000);
    // a process that read the schedule before the move cannot move it again
    const late = await withTenant(database.db, ctx.tenant.id, async (tx) => {
      const [row] = await rows<{ id: string }>(
        tx,
        sql`SELECT id FROM job_schedules WHERE tenant_id = ${ctx.tenant.id} AND key = 'purge-often'`,
      );
      return advanceSchedule(tx, ctx.tenant.id, row!.id, saved.nextAt, new Date().toISOString(), null);
    });
    expect(late).toBe(false);
    for (const p of processes) await p.stop();
  });

  it('housekeeping removes expired idempotency keys and sessions of the tenant, and nothing live', async () => {
    const s = service([housekeepingJob as AnyJobKind]);
    await s.start();
    await withTenant(database.db, ctx.tenant.id, async (tx) => {
      for (const [key, age] of [
        ['old', 3],
        ['live', 0],
      ] as const)
        await tx.execute(
          sql`INSERT INTO idempotency_keys (tenant_id, route, key, request_hash, response_status, response_body, created_at, expires_at)
              VALUES (${ctx.tenant.id}, 'POST /test', ${key}, 'h', 201, '{}'::jsonb, now() - make_interval(days => ${age}),
                      now() - make_interval(days => ${age}) + interval '25 hours')`,
        );
    });
    const j = await s.submit(ctx, 'housekeeping.purge', {});
    const done = await s.wait(ctx.tenant.id, j.id, 10_000);
    expect(done).toMatchObject({ state: 'succeeded', result: { idempotencyKeys: 1, sessions: 0, uploads: 0 } });
    const left = await withTenant(database.db, ctx.tenant.id, (tx) =>
      rows<{ key: string }>(tx, sql`SELECT key FROM idempotency_keys WHERE tenant_id = ${ctx.tenant.id}`),
    );
    expect(left.map((r) => r.key)).toEqual(['live']);
    await s.stop();
  });

  it('a job whose process died (its heartbeat stopped) is taken over by the tick and finished once', async () => {
    let ran = 0;
    const kind: JobKind<Record<string, never>> = {
      kind: 'test.orphan',
      maxAttempts: 3,
      title: () => ({ en: 'orphan', zh: 'orphan' }),
      async run() {
        ran++;
        return { ran };
      },
    };
    const s = service([kind as AnyJobKind], { heartbeatMs: 100 });
    await s.start();
    const stored = await withTenant(database.db, ctx.tenant.id, async (tx) => {
      const job = await s.store(tx, ctx, 'test.orphan', {});
      // as a killed worker leaves it: running, one attempt used, no heartbeat for a while
      await tx.execute(
        sql`UPDATE jobs SET state = 'running', attempts = 1, started_at = now() - interval '1 minute',
            heartbeat_at = now() - interval '1 minute' WHERE tenant_id = ${ctx.tenant.id} AND id = ${job.id}`,
      );
      return job;
    });
    await s.tick();
    const done = await s.wait(ctx.tenant.id, stored.id, 5_000);
    expect(done).toMatchObject({ state: 'succeeded', attempts: 2, result: { ran: 1 } });
    await s.tick();
    await new Promise((r) => setTimeout(r, 100));
    expect(ran).toBe(1);
    await s.stop();
  });
});
