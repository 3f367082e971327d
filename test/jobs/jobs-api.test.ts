import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { byAge } from '../provisions/plans.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

async function invoiceAndReceipt(n: string, amount: string) {
  const c = await t.call('POST', '/api/v1/customers', { code: `J-${n}`, name: `Job Customer ${n}` });
  const inv = await t.call('POST', '/api/v1/receivables', {
    type: 'invoice',
    number: `INV-JOB-${n}`,
    customerId: c.body.id,
    currency: 'CNY',
    amount,
    documentDate: '2026-11-02',
  });
  expect(inv.status).toBe(201);
  const rct = await t.call('POST', '/api/v1/receipts', {
    currency: 'CNY',
    amount,
    documentDate: '2026-11-03',
    reference: `inv job ${n}`,
  });
  expect(rct.status).toBe(201);
}

async function finished(id: string, headers: Record<string, string> = {}) {
  for (let i = 0; i < 200; i++) {
    const j = await t.call('GET', `/api/v1/jobs/${id}`, undefined, headers);
    expect(j.status).toBe(200);
    if (['succeeded', 'failed', 'cancelled'].includes(j.body.state)) return j.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

describe('jobs API', () => {
  it('a matching run with Prefer: respond-async answers 202 with a job that runs once and reports its run', async () => {
    await invoiceAndReceipt('0001', '310.00');
    const key = { 'idempotency-key': crypto.randomUUID(), prefer: 'respond-async' };
    const submitted = await t.call('POST', '/api/v1/matching-runs', {}, key);
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ kind: 'matching.run', state: 'queued', attempts: 0 });
    expect(submitted.headers.get('location')).toBe(`/api/v1/jobs/${submitted.body.id}`);
    const job = await finished(submitted.body.id);
    expect(job).toMatchObject({ state: 'succeeded', attempts: 1, progress: { percent: 100 } });
    expect(job.result.counts).toMatchObject({ receipts: 1, auto: 1 });
    const run = await t.call('GET', `/api/v1/matching-runs/${job.result.runId}`);
    expect(run.body.decisions[0]).toMatchObject({ outcome: 'auto', status: 'posted' });

    const replay = await t.call('POST', '/api/v1/matching-runs', {}, key);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body.id).toBe(submitted.body.id);
    const mine = await t.call('GET', '/api/v1/jobs?kind=matching.run');
    expect(mine.body.jobs.filter((j: { id: string }) => j.id === submitted.body.id)).toHaveLength(1);
  });

  it('streams progress as server-sent events and ends with done', async () => {
    await invoiceAndReceipt('0002', '120.50');
    const submitted = await t.call('POST', '/api/v1/matching-runs', {}, { prefer: 'respond-async' });
    const res = await t.app.request(`/api/v1/jobs/${submitted.body.id}/events`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => ({
      event: m[1],
      job: JSON.parse(m[2]!),
    }));
    expect(events.at(-1)).toMatchObject({ event: 'done', job: { state: 'succeeded' } });
    expect(events.slice(0, -1).every((e) => e.event === 'progress')).toBe(true);
    const missing = await t.app.request(`/api/v1/jobs/${crypto.randomUUID()}/events`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(missing.status).toBe(404);
  });

  it("a clerk sees their own jobs only, and cannot read or cancel another person's", async () => {
    const admin = await t.call('POST', '/api/v1/matching-runs', { dryRun: true }, { prefer: 'respond-async' });
    const clerk = { authorization: `Bearer ${await t.userToken(['clerk'])}` };
    const own = await t.call('POST', '/api/v1/matching-runs', { dryRun: true }, { ...clerk, prefer: 'respond-async' });
    expect(own.status).toBe(202);
    expect((await t.call('GET', `/api/v1/jobs/${admin.body.id}`, undefined, clerk)).status).toBe(404);
    expect((await t.call('POST', `/api/v1/jobs/${admin.body.id}/cancel`, undefined, clerk)).status).toBe(404);
    const list = await t.call('GET', '/api/v1/jobs', undefined, clerk);
    expect(list.body.jobs.map((j: { id: string }) => j.id)).toEqual([own.body.id]);
    const all = await t.call('GET', '/api/v1/jobs');
    expect(all.body.jobs.map((j: { id: string }) => j.id)).toEqual(
      expect.arrayContaining([own.body.id, admin.body.id]),
    );
    await finished(own.body.id, clerk);
    const late = await t.call('POST', `/api/v1/jobs/${own.body.id}/cancel`, undefined, clerk);
    expect(late.status).toBe(409);
  });

  it('refuses bad job and schedule input with pointers', async () => {
    expect((await t.call('GET', '/api/v1/jobs/not-a-uuid')).status).toBe(404);
    expect((await t.call('GET', '/api/v1/jobs?state=done')).status).toBe(422);
    const cron = await t.call('PUT', '/api/v1/schedules/nightly', { kind: 'matching.run', cron: '61 2 * * *' });
    expect(cron.status).toBe(422);
    expect(cron.body.errors[0].pointer).toBe('/cron');
    const kind = await t.call('PUT', '/api/v1/schedules/nightly', { kind: 'no.such', cron: '0 2 * * *' });
    expect(kind.status).toBe(422);
    expect(kind.body.errors[0].pointer).toBe('/kind');
    const input = await t.call('PUT', '/api/v1/schedules/nightly', {
      kind: 'matching.run',
      cron: '0 2 * * *',
      input: { scope: { from: 'yesterday' } },
    });
    expect(input.status).toBe(422);
    expect(input.body.errors[0].pointer).toBe('/input/scope/from');
    const key = await t.call('PUT', '/api/v1/schedules/Bad Key', { kind: 'matching.run', cron: '0 2 * * *' });
    expect(key.status).toBe(422);
  });

  it("lists the tenant's schedules with the housekeeping default and saves a nightly matching run", async () => {
    const before = await t.call('GET', '/api/v1/schedules');
    expect(before.status).toBe(200);
    expect(before.body.schedules).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'housekeeping', kind: 'housekeeping.purge' })]),
    );
    const saved = await t.call('PUT', '/api/v1/schedules/nightly-matching', {
      kind: 'matching.run',
      cron: '30 2 * * *',
      input: { dryRun: false },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ key: 'nightly-matching', enabled: true, timeZone: t.tenant.timeZone });
    // 02:30 in the tenant's zone (Asia/Shanghai by default: 18:30 UTC), the first one after now
    const next = new Date(saved.body.nextAt);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: t.tenant.timeZone, hour: '2-digit', minute: '2-digit' }).format(
        next,
      ),
    ).toBe('02:30');
    const clerk = { authorization: `Bearer ${await t.userToken(['clerk'])}` };
    expect((await t.call('GET', '/api/v1/schedules', undefined, clerk)).status).toBe(403);
  });
});

describe('provisioning runs as jobs', () => {
  it('POST /provisioning-runs with Prefer: respond-async answers 202; the job ends with the run, as the synchronous run answers it', async () => {
    // no published plan yet: the job fails with the refusal the synchronous run gives
    const early = await t.call('POST', '/api/v1/provisioning-runs', { dryRun: true }, { prefer: 'respond-async' });
    expect(early.status).toBe(202);
    const refused = await finished(early.body.id);
    expect(refused).toMatchObject({ state: 'failed', attempts: 1, error: { type: 'invalid_data' } });
    const syncRefused = await t.call('POST', '/api/v1/provisioning-runs', { dryRun: true });
    expect(syncRefused.status).toBe(422);
    expect(refused.error.errors).toEqual(syncRefused.body.errors);

    await t.call('PUT', '/api/v1/definitions/provision-plan/default/draft', { document: byAge });
    expect((await t.call('POST', '/api/v1/definitions/provision-plan/default/publish')).status).toBe(200);
    const submitted = await t.call(
      'POST',
      '/api/v1/provisioning-runs',
      { asOf: '2026-11-30', dryRun: true },
      { prefer: 'respond-async' },
    );
    expect(submitted.body).toMatchObject({ kind: 'provisioning.run', title: 'Dry provisioning run as of 2026-11-30' });
    const job = await finished(submitted.body.id);
    const sync = await t.call('POST', '/api/v1/provisioning-runs', { asOf: '2026-11-30', dryRun: true });
    expect(sync.status).toBe(201);
    expect(job).toMatchObject({
      state: 'succeeded',
      result: {
        asOf: '2026-11-30',
        required: sync.body.required,
        items: sync.body.items,
        customers: sync.body.lines.length,
      },
    });
    expect(Number(job.result.items)).toBeGreaterThan(0);
  });
});
