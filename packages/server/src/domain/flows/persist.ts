import * as repo from '../../store/repos/flows.ts';
import type { FlowInstanceRow, FlowTaskRow } from '../../store/repos/flows.ts';
import type { Executor } from '../deps.ts';
import type { Advanced } from './reducer.ts';
import type { Activation, FlowData, FlowState, Frame, InstanceStatus, Task, Winner } from './state.ts';
import { contentHash } from '../definitions/index.ts';
import { HexiaoError } from '../errors.ts';

/** What the instance row keeps as JSON; tasks are rows of their own (the inbox reads them). */
interface StoredState {
  frames: Frame[];
  activations: Activation[];
  decisions: number;
  actionEmitted: boolean;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export function taskOf(r: FlowTaskRow): Task {
  return {
    id: r.id,
    activation: r.activation,
    step: r.step,
    round: r.round,
    slot: r.slot,
    assignee: r.assignee,
    onBehalfOf: r.onBehalfOf,
    origin: r.origin as Task['origin'],
    status: r.status as Task['status'],
    createdAt: iso(r.createdAt)!,
    dueAt: iso(r.dueAt),
    remindAt: iso(r.remindAt),
    escalateAt: iso(r.escalateAt),
    decidedAt: iso(r.decidedAt),
    comment: r.comment,
    closedBy: (r.closedBy as Winner | null) ?? null,
    reminded: r.reminded,
    escalated: r.escalated,
    returnedTo: r.returnedTo,
  };
}

/** The reducer's state of a stored instance and its task rows. */
export function stateOf(row: FlowInstanceRow, tasks: readonly FlowTaskRow[]): FlowState {
  const s = row.state as StoredState;
  return {
    status: row.status as InstanceStatus,
    round: row.round,
    requester: row.requestedBy,
    data: row.data as FlowData,
    frames: s.frames,
    activations: s.activations,
    tasks: tasks.map(taskOf),
    decisions: s.decisions,
    actionEmitted: s.actionEmitted,
    endedAt: iso(row.endedAt),
  };
}

export const storedState = (s: FlowState): StoredState => ({
  frames: s.frames,
  activations: s.activations,
  decisions: s.decisions,
  actionEmitted: s.actionEmitted,
});

const taskRow = (tenantId: string, instanceId: string, t: Task) => ({
  tenantId,
  id: t.id,
  instanceId,
  activation: t.activation,
  step: t.step,
  round: t.round,
  slot: t.slot,
  assignee: t.assignee,
  onBehalfOf: t.onBehalfOf,
  origin: t.origin,
  status: t.status,
  createdAt: t.createdAt,
  dueAt: t.dueAt,
  remindAt: t.remindAt,
  escalateAt: t.escalateAt,
  decidedAt: t.decidedAt,
  comment: t.comment,
  closedBy: t.closedBy,
  reminded: t.reminded,
  escalated: t.escalated,
  returnedTo: t.returnedTo,
});

/**
 * Writes a command's result under the instance lock: new tasks (with their reminder and escalation timers),
 * changes to tasks that were open (each updated only while still open: a task is decided once), the history
 * events, and the instance row (guarded by its version). Anything out of step is a conflict, never a write.
 */
export async function saveAdvanced(
  tx: Executor,
  tenantId: string,
  row: FlowInstanceRow,
  before: FlowState | null,
  r: Advanced,
  o: { flowVersion: number; at: string; created?: boolean; pin?: { version: number; hash: string } },
): Promise<FlowInstanceRow> {
  const previous = new Map((before?.tasks ?? []).map((t) => [t.id, t]));
  const fresh: Task[] = [];
  for (const t of r.state.tasks) {
    const was = previous.get(t.id);
    if (!was) {
      fresh.push(t);
      continue;
    }
    if (JSON.stringify(was) === JSON.stringify(t)) continue;
    if (was.status !== 'open')
      throw new HexiaoError('conflict', `task ${t.id} was already ${was.status}; it is never changed again`);
    const n = await repo.updateOpenTask(tx, tenantId, t.id, {
      status: t.status,
      decidedAt: t.decidedAt,
      comment: t.comment,
      closedBy: t.closedBy,
      reminded: t.reminded,
      escalated: t.escalated,
      returnedTo: t.returnedTo,
      step: t.step,
    });
    if (n !== 1) throw new HexiaoError('conflict', `task ${t.id} was decided meanwhile; reload it`);
  }
  const seq0 = o.created ? 0 : row.eventCount;
  const patch = {
    status: r.state.status,
    round: r.state.round,
    data: r.state.data,
    dataHash: contentHash(r.state.data),
    state: storedState(r.state),
    eventCount: seq0 + r.events.length,
    endedAt: r.state.endedAt,
    ...(o.pin ? { flowVersion: o.pin.version, flowHash: o.pin.hash } : {}),
  };
  let saved: FlowInstanceRow;
  if (o.created) saved = await repo.insertInstance(tx, { ...row, ...patch });
  else {
    const n = await repo.updateInstance(tx, tenantId, row.id, row.version, patch);
    if (n !== 1) throw new HexiaoError('conflict', `approval ${row.id} changed meanwhile; reload it`);
    saved = { ...row, ...patch, version: row.version + 1 };
  }
  await repo.insertTasks(
    tx,
    fresh.map((t) => taskRow(tenantId, row.id, t)),
  );
  await repo.insertDue(
    tx,
    fresh.flatMap((t) => [
      ...(t.remindAt ? [{ tenantId, taskId: t.id, instanceId: row.id, level: 'remind', dueAt: t.remindAt }] : []),
      ...(t.escalateAt ? [{ tenantId, taskId: t.id, instanceId: row.id, level: 'escalate', dueAt: t.escalateAt }] : []),
    ]),
  );
  await repo.insertEvents(
    tx,
    r.events.map((e, i) => ({
      tenantId,
      instanceId: row.id,
      seq: seq0 + i + 1,
      type: e.type,
      round: e.round,
      step: e.step ?? null,
      taskId: e.taskId ?? null,
      actor: e.by ?? null,
      onBehalfOf: e.onBehalfOf ?? null,
      detail: e.detail ?? null,
      guards: e.guards?.length ? e.guards : null,
      flowVersion: o.flowVersion,
      at: o.at,
    })),
  );
  return saved;
}
