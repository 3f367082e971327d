export { createJobService, type JobService, type JobServiceOptions } from './service.ts';
export { jobView, finishedStates, type JobView, type JobState } from './views.ts';
export { JobCancelled, type JobKind, type AnyJobKind } from './kinds.ts';
export {
  jobKinds,
  matchingRunJob,
  matchingBacktestJob,
  housekeepingJob,
  reminderSweepJob,
  provisioningRunJob,
} from './handlers.ts';
export {
  saveSchedule,
  scheduleView,
  nextTime,
  defaultSchedules,
  type ScheduleInput,
  type ScheduleView,
} from './schedules.ts';
export { listScheduleViews } from './schedule-views.ts';
export type { JobQueue, QueuedJob } from '../../model/jobs.ts';
export { inProcessJobs } from './in-process.ts';
export { openJobService, type OpenJobsOptions } from './open.ts';
export { importJob, storeUpload, type ImportJobInput, type ImportJobDeps } from './import-job.ts';
