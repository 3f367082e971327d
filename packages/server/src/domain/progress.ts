/**
 * How long work reports how far it is: records done of a total, in a named phase. A job passes one to the
 * use-case it runs; the reporter throws when someone cancelled the job, so the use-case stops between batches.
 * A phase is a short code (`reading`, `posting`) the browser translates.
 * Call it between transactions, never inside one: it writes in a transaction of its own, and the embedded
 * database has a single connection.
 */
export type ReportProgress = (p: { done: number; total?: number; phase?: string }) => Promise<void>;

/** A reporter that records nothing: what a use-case gets when no job runs it. */
export const noProgress: ReportProgress = async () => {};
