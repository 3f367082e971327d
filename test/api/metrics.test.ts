import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';

const sample = (text: string, name: string, labels: string) =>
  Number(text.match(new RegExp(`^${name}\\{${labels}\\} (\\S+)$`, 'm'))?.[1] ?? NaN);

describe('GET /metrics', () => {
  it('exposes request latency by route template, job durations, queue depth and matching decisions', async () => {
    const t = await createTestApp();
    const c = await t.call('POST', '/api/v1/customers', { code: 'MET-1', name: 'Metrics Ltd' });
    await t.call('GET', `/api/v1/customers/${c.body.id}`);
    await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      number: 'INV-MET-1',
      customerId: c.body.id,
      currency: 'CNY',
      amount: '99.00',
      documentDate: '2026-11-02',
    });
    await t.call('POST', '/api/v1/receipts', {
      currency: 'CNY',
      amount: '99.00',
      documentDate: '2026-11-03',
      reference: 'INV-MET-1',
    });
    const run = await t.call('POST', '/api/v1/matching-runs', {}, { prefer: 'respond-async' });
    for (let i = 0; i < 100; i++) {
      if ((await t.call('GET', `/api/v1/jobs/${run.body.id}`)).body.state === 'succeeded') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await t.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    // the template, never the id: one series per route
    expect(
      sample(text, 'hexiao_http_request_duration_seconds_count', 'method="GET",route="/customers/:id",status="200"'),
    ).toBe(1);
    expect(text).not.toContain(c.body.id);
    expect(
      sample(text, 'hexiao_job_duration_seconds_count', 'kind="matching.run",state="succeeded"'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'hexiao_matching_decisions_total', 'outcome="auto"')).toBe(1);
    expect(sample(text, 'hexiao_job_queue_depth', 'state="waiting"')).toBe(0);
    expect(text).toMatch(/^hexiao_process_resident_memory_bytes \d+/m);
  });

  it('asks for the bearer token when HEXIAO_METRICS_TOKEN is set', async () => {
    const t = await createTestApp({ config: { metricsToken: 'scrape-secret-123' } });
    expect((await t.app.request('/metrics')).status).toBe(401);
    expect((await t.app.request('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await t.app.request('/metrics', { headers: { authorization: 'Bearer scrape-secret-123' } });
    expect(ok.status).toBe(200);
  });
});
