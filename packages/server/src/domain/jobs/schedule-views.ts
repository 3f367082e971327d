import * as repo from '../../store/repos/jobs.ts';
import type { Executor } from '../deps.ts';
import type { TenantCtx } from '../context.ts';
import { ensureDefaultSchedules, scheduleView, type ScheduleView } from './schedules.ts';

/** A tenant's schedules, the defaults included (written on first read, as the tick would). */
export async function listScheduleViews(db: Executor, tenant: TenantCtx): Promise<ScheduleView[]> {
  await ensureDefaultSchedules(db, tenant.id, tenant.timeZone);
  return (await repo.listSchedules(db, tenant.id)).map((r) => scheduleView(r, tenant.timeZone));
}
