import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import type { ReportProgress } from '../progress.ts';

/**
 * One kind of long work a job can do. `run` gets the submitter's context and reports progress; whatever it
 * returns is the job's result (kept small: a summary and the id of the record holding the details).
 * Effects must happen at most once across attempts: a retried run finds what an earlier attempt posted
 * (idempotency keys, "already settled" scopes) and does not post it again.
 */
/** A job's title in English and in Chinese. */
export interface JobTitle {
  en: string;
  zh: string;
}

export interface JobKind<I = unknown> {
  kind: string;
  /** Attempts in all, the first included; transient failures (lost connections, serialisation) are retried. */
  maxAttempts: number;
  /** JSON Schema of the input a schedule may give; a kind without one cannot be scheduled. */
  inputSchema?: Record<string, unknown>;
  /** A short title people see in lists, from the input, in each language the screens speak. */
  title(input: I): JobTitle;
  run(deps: DomainDeps, ctx: ActionCtx, input: I, progress: ReportProgress): Promise<unknown>;
}

/** A registry holds kinds of every input type (run and title are methods, so their inputs are bivariant). */
export type AnyJobKind = JobKind<never>;

export class JobCancelled extends Error {
  constructor() {
    super('cancelled on request');
  }
}
