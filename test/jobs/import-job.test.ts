import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { systemCtx } from '../support/factories.ts';
import { publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';
import { sample } from '../imports/support.ts';

const camt = readFileSync(sample('camt053', 'iso20022-business-sample-camt053-v04.xml'));

async function withConfig(t: TestApp) {
  const ctx = systemCtx(t.tenant);
  await saveDraft(t.deps, ctx, {
    kind: 'connector-config',
    key: 'camt-jobs',
    document: { connector: 'camt053', config: {}, options: { unknownBankAccount: 'register' } },
  });
  await publishDraft(t.deps, ctx, 'connector-config', 'camt-jobs');
}

async function upload(t: TestApp, bytes: Buffer | string, key: string) {
  const form = new FormData();
  form.set('connector', 'camt053');
  form.set('configKey', 'camt-jobs');
  form.set('file', new Blob([bytes]), 'statement.xml');
  const res = await t.app.request('/api/v1/imports', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${t.token}`, 'idempotency-key': key },
  });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

async function finished(t: TestApp, id: string) {
  for (let i = 0; i < 200; i++) {
    const j = await t.call('GET', `/api/v1/jobs/${id}`);
    if (['succeeded', 'failed', 'cancelled'].includes(j.body.state)) return j.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

describe('imports as jobs', () => {
  it('answers 202 with the job when the import outlasts the wait; the job ends with the report, and a replay answers it', async () => {
    const t = await createTestApp({ config: { importWaitMs: 0 } });
    await withConfig(t);
    const first = await upload(t, camt, 'import-job-1');
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ kind: 'import.run', title: expect.stringContaining('statement.xml') });
    expect(first.headers.get('location')).toBe(`/api/v1/jobs/${first.body.id}`);
    const job = await finished(t, first.body.id);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ created: expect.any(Number), importId: expect.any(String), rejected: 0 });
    expect(job.result.created).toBeGreaterThan(0);
    const stored = await t.call('GET', `/api/v1/imports/${job.result.importId}`);
    expect(stored.status).toBe(200);
    // the same key again: the finished job's report, and nothing imported twice
    const again = await upload(t, camt, 'import-job-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body.importId).toBe(job.result.importId);
    const list = await t.call('GET', '/api/v1/imports');
    expect(list.body.items.filter((i: { id: string }) => i.id === job.result.importId)).toHaveLength(1);
  });

  it('answers 201 with the report when the import ends within the wait', async () => {
    const t = await createTestApp({ config: { importWaitMs: 60_000 } });
    await withConfig(t);
    const r = await upload(t, camt, 'import-job-2');
    expect(r.status).toBe(201);
    expect(r.body.created).toBeGreaterThan(0);
    const jobs = await t.call('GET', '/api/v1/jobs?kind=import.run');
    expect(jobs.body.jobs[0]).toMatchObject({ state: 'succeeded', result: { importId: r.body.importId } });
  });

  it('refuses an unknown config before any job exists, naming the field', async () => {
    const t = await createTestApp();
    const form = new FormData();
    form.set('connector', 'camt053');
    form.set('configKey', 'no-such-config');
    form.set('file', new Blob([camt]), 'statement.xml');
    const res = await t.app.request('/api/v1/imports', {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${t.token}`, 'idempotency-key': 'import-job-3' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await t.call('GET', '/api/v1/jobs?kind=import.run')).body.jobs).toEqual([]);
  });
});
