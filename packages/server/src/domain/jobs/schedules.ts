import { Cron } from 'croner';
import * as repo from '../../store/repos/jobs.ts';
import { createAjv, toFieldErrors } from '../../schema/ajv.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { AnyJobKind } from './kinds.ts';

const ajv = createAjv();

export interface ScheduleInput {
  kind: string;
  /** Five-field cron (minute hour day month weekday) in the tenant's time zone. */
  cron: string;
  input?: Record<string, unknown>;
  enabled?: boolean;
}

export interface ScheduleView {
  key: string;
  kind: string;
  cron: string;
  timeZone: string;
  input: unknown;
  enabled: boolean;
  nextAt: string;
  lastAt: string | null;
  lastJobId: string | null;
}

/** The schedules every tenant has unless it changes them. */
export const defaultSchedules: readonly (ScheduleInput & { key: string })[] = [
  { key: 'housekeeping', kind: 'housekeeping.purge', cron: '17 3 * * *', input: {} },
];

/** The first time after `after` the cron fires in the time zone; invalid_data naming /cron when it never does. */
export function nextTime(cron: string, timeZone: string, after: Date): Date {
  let next: Date | null;
  try {
    if (!/^\s*\S+(\s+\S+){4}\s*$/.test(cron)) throw new Error('needs five fields: minute hour day month weekday');
    next = new Cron(cron, { timezone: timeZone, paused: true }).nextRun(after);
  } catch (e) {
    throw new HexiaoError('invalid_data', `cron ${JSON.stringify(cron)}: ${(e as Error).message}`, {
      pointer: '/cron',
    });
  }
  if (!next) throw new HexiaoError('invalid_data', `cron ${JSON.stringify(cron)} never fires`, { pointer: '/cron' });
  return next;
}

export function scheduleView(r: repo.ScheduleRow, timeZone: string): ScheduleView {
  return {
    key: r.key,
    kind: r.kind,
    cron: r.cron,
    timeZone,
    input: r.input,
    enabled: r.enabled,
    nextAt: new Date(r.nextAt).toISOString(),
    lastAt: r.lastAt ? new Date(r.lastAt).toISOString() : null,
    lastJobId: r.lastJobId,
  };
}

/** Checks a schedule against the kinds this server runs and each kind's input schema. */
export function checkSchedule(kinds: ReadonlyMap<string, AnyJobKind>, s: ScheduleInput): void {
  const kind = kinds.get(s.kind);
  if (!kind?.inputSchema)
    throw new HexiaoError('invalid_data', `kind ${s.kind} cannot be scheduled`, {
      pointer: '/kind',
      extra: { schedulable: [...kinds.values()].filter((k) => k.inputSchema).map((k) => k.kind) },
    });
  const check = ajv.compile(kind.inputSchema);
  if (!check(s.input ?? {}))
    throw new HexiaoError('invalid_data', `input does not fit ${s.kind}`, {
      errors: toFieldErrors(check.errors, '/input'),
    });
}

export async function saveSchedule(
  db: Executor,
  ctx: ActionCtx,
  kinds: ReadonlyMap<string, AnyJobKind>,
  key: string,
  s: ScheduleInput,
): Promise<ScheduleView> {
  checkSchedule(kinds, s);
  const next = nextTime(s.cron, ctx.tenant.timeZone, new Date());
  const row = await repo.upsertSchedule(db, {
    tenantId: ctx.tenant.id,
    id: newId(),
    key,
    kind: s.kind,
    cron: s.cron.trim(),
    input: s.input ?? {},
    enabled: s.enabled ?? true,
    nextAt: next.toISOString(),
    createdBy: ctx.actor.name,
  });
  return scheduleView(row, ctx.tenant.timeZone);
}

/** Gives a tenant the default schedules it does not have yet (never overwriting its own). */
export async function ensureDefaultSchedules(db: Executor, tenantId: string, timeZone: string): Promise<void> {
  for (const d of defaultSchedules)
    await repo.insertScheduleIfAbsent(db, {
      tenantId,
      id: newId(),
      key: d.key,
      kind: d.kind,
      cron: d.cron,
      input: d.input ?? {},
      nextAt: nextTime(d.cron, timeZone, new Date()).toISOString(),
      createdBy: 'system:schedules',
    });
}
