/** The parts of a provision plan the visual editor reads and writes; the rest passes through untouched. */
export interface PlanBucket {
  id: string;
  from?: number;
  to?: number;
  rate: string;
}

export interface PlanStage {
  id: string;
  type: 'specific' | 'exempt' | 'aging-matrix' | 'percentage';
  rate?: string;
  buckets?: PlanBucket[];
  when?: unknown;
  note?: string;
  [k: string]: unknown;
}

export interface PlanDoc {
  title?: string;
  t0?: 'dueDate' | 'documentDate' | 'postingDate';
  rounding?: string;
  stages: PlanStage[];
  [k: string]: unknown;
}

/** The plan with one stage replaced. */
export const withStage = (doc: PlanDoc, at: number, stage: PlanStage): PlanDoc => ({
  ...doc,
  stages: doc.stages.map((s, i) => (i === at ? stage : s)),
});

/**
 * The buckets with one more at the end. The last bucket is open-ended (it holds every day from its start), so it
 * closes after a year and the new one, at its rate, takes over from there; the analyst then sets the days.
 */
export function addBucket(buckets: readonly PlanBucket[]): PlanBucket[] {
  let n = buckets.length + 1;
  while (buckets.some((b) => b.id === `bucket-${n}`)) n++;
  const id = `bucket-${n}`;
  const last = buckets[buckets.length - 1];
  if (!last) return [{ id, rate: '0' }];
  const to = last.to ?? (last.from ?? 0) + 364;
  return [...buckets.slice(0, -1), { ...last, to }, { id, from: to + 1, rate: last.rate }];
}
