import type { JobRow } from '../../store/repos/jobs.ts';
import type { JobTitle } from './kinds.ts';

export type JobState = JobRow['state'];
export const finishedStates: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];

export interface JobView {
  id: string;
  kind: string;
  /** In English; `titles` has it in each language the screens speak. */
  title: string;
  titles: JobTitle;
  state: JobState;
  progress: {
    done: number;
    total: number | null;
    /** Whole percent of total, null while the total is unknown. */
    percent: number | null;
    phase: string | null;
    /** Seconds left at the pace so far, null until there is a pace. */
    etaSeconds: number | null;
  };
  attempts: number;
  maxAttempts: number;
  cancelRequested: boolean;
  result: unknown;
  error: { type: string; message: string; errors?: { pointer: string; reason: string }[] } | null;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  links: { self: string; events: string };
}

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export function jobView(row: JobRow, titles: JobTitle, now = Date.now()): JobView {
  const total = row.total ?? null;
  const percent = total ? Math.min(100, Math.floor((row.done * 100) / total)) : total === 0 ? 100 : null;
  let etaSeconds: number | null = null;
  if (row.state === 'running' && row.startedAt && total && row.done > 0 && row.done < total) {
    const elapsed = (now - new Date(row.startedAt).getTime()) / 1000;
    etaSeconds = Math.max(0, Math.round((elapsed / row.done) * (total - row.done)));
  }
  const actor = row.actor as { name?: string };
  return {
    id: row.id,
    kind: row.kind,
    title: titles.en,
    titles,
    state: row.state,
    progress: {
      done: row.done,
      total,
      percent: row.state === 'succeeded' ? 100 : percent,
      phase: row.phase,
      etaSeconds,
    },
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    cancelRequested: row.cancelRequested,
    result: row.result ?? null,
    error: (row.error as JobView['error']) ?? null,
    createdBy: row.createdBy,
    createdByName: actor.name ?? row.createdBy,
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    links: { self: `/api/v1/jobs/${row.id}`, events: `/api/v1/jobs/${row.id}/events` },
  };
}
