import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobService } from '../domain/jobs/index.ts';

/**
 * What the server exposes to Prometheus at /metrics: request latency by route, job durations and the queue's
 * depth, matching decisions, import rows, and the Node process itself. One registry per app, so tests and
 * several apps in one process do not share series; the process's own series are collected once per process
 * (each collector watches the event loop) and shown by every app.
 */
let processSeries: Registry | undefined;
function processRegistry(): Registry {
  if (!processSeries) {
    processSeries = new Registry();
    collectDefaultMetrics({ register: processSeries, prefix: 'hexiao_' });
  }
  return processSeries;
}

export function createMetrics(jobs: JobService) {
  const registry = Registry.merge([new Registry(), processRegistry()]);
  const http = new Histogram({
    name: 'hexiao_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'hexiao_job_duration_seconds',
    help: 'Job attempts run in this process, by kind and outcome',
    labelNames: ['kind', 'state'] as const,
    buckets: [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600],
    registers: [registry],
  });
  new Gauge({
    name: 'hexiao_job_queue_depth',
    help: 'Jobs waiting and running in the queue (all processes on PostgreSQL)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const d = await jobs.queue.depth().catch(() => undefined);
      if (!d) return;
      this.set({ state: 'waiting' }, d.waiting);
      this.set({ state: 'running' }, d.running);
    },
  });
  const decisions = new Counter({
    name: 'hexiao_matching_decisions_total',
    help: 'Receipts decided by matching runs in this process, by outcome (auto, suggested, unmatched, held)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const importRows = new Counter({
    name: 'hexiao_import_rows_total',
    help: 'Rows read by imports in this process, by connector and outcome (created, duplicate, rejected)',
    labelNames: ['connector', 'outcome'] as const,
    registers: [registry],
  });
  return {
    registry,
    observeRequest(method: string, route: string, status: number, seconds: number) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
    jobEnded(kind: string, state: string, seconds: number, result: unknown) {
      jobDuration.observe({ kind, state }, seconds);
      if (kind === 'matching.run' && state === 'succeeded') countDecisions((result as { counts?: object })?.counts);
    },
    matched: (counts: object | undefined) => countDecisions(counts),
    imported(connector: string, r: { created?: number; duplicates?: number; rejected?: number }) {
      for (const [outcome, n] of [
        ['created', r.created],
        ['duplicate', r.duplicates],
        ['rejected', r.rejected],
      ] as const)
        if (n) importRows.inc({ connector, outcome }, n);
    },
  };
  function countDecisions(counts: object | undefined) {
    for (const outcome of ['auto', 'suggested', 'unmatched', 'held'] as const) {
      const n = (counts as Record<string, number> | undefined)?.[outcome];
      if (n) decisions.inc({ outcome }, n);
    }
  }
}

export type Metrics = ReturnType<typeof createMetrics>;
