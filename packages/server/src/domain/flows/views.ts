import type { FlowCommentRow, FlowEventRow, FlowInstanceRow } from '../../store/repos/flows.ts';
import type { RequestRow } from '../../store/repos/requests.ts';
import type { DefinitionVersion } from '../definitions/index.ts';
import type { Directory } from './directory.ts';
import type { ApproveStep, FlowDocument, LocalText } from './flow-schema.ts';
import { defaultActions } from './run.ts';
import type { FlowState, Task, Winner } from './state.ts';

export interface Person {
  id: string;
  name: string;
  email: string | null;
}

export interface TaskView {
  id: string;
  step: string;
  stepTitle: LocalText | null;
  round: number;
  assignee: Person;
  onBehalfOf: Person | null;
  origin: Task['origin'];
  status: Task['status'];
  createdAt: string;
  dueAt: string | null;
  overdue: boolean;
  decidedAt: string | null;
  comment: string | null;
  /** Who closed it when another decision made it moot (superseded, cancelled). */
  closedBy: Winner | null;
  /** What an open task's holder may do, where a return may go, and the evidence approval needs. */
  actions: string[];
  returnTo: string[];
  requires: string[];
}

export interface HistoryEntry {
  seq: number;
  type: string;
  round: number;
  step: string | null;
  taskId: string | null;
  by: Person | null;
  onBehalfOf: Person | null;
  detail: unknown;
  guards: unknown;
  flowVersion: number;
  at: string;
}

export interface CommentView {
  id: string;
  taskId: string | null;
  round: number;
  author: Person;
  body: string;
  createdAt: string;
}

export interface InstanceView {
  id: string;
  request: { id: string; number: string; action: string; customerId: string | null };
  flow: { key: string; version: number; contentHash: string; title: LocalText | null };
  status: FlowState['status'];
  round: number;
  requestedBy: Person;
  /** Approve steps waiting for decisions now. */
  openSteps: string[];
  /** True while the requester may still withdraw (before the first decision, or while it is back with them). */
  withdrawable: boolean;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  tasks: TaskView[];
  history?: HistoryEntry[];
  comments?: CommentView[];
  /** The pinned flow version's steps, for drawing where the request stands (in the one-request view). */
  diagram?: { start: string; subject: FlowDocument['subject']; steps: FlowDocument['steps'] };
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/** Names people by id from the directory (system actors and unknown ids keep their id as name). */
export function personOf(directory: Directory | null, id: string | null | undefined): Person | null {
  if (!id) return null;
  const u = directory?.users.find((x) => x.id === id);
  return u ? { id, name: u.name, email: u.email } : { id, name: id, email: null };
}

export function taskView(def: FlowDocument, t: Task, directory: Directory | null, now: string): TaskView {
  const step = def.steps[t.step] as ApproveStep | undefined;
  const open = t.status === 'open';
  return {
    id: t.id,
    step: t.step,
    stepTitle: step?.title ?? null,
    round: t.round,
    assignee: personOf(directory, t.assignee)!,
    onBehalfOf: personOf(directory, t.onBehalfOf),
    origin: t.origin,
    status: t.status,
    createdAt: t.createdAt,
    dueAt: t.dueAt,
    overdue: open && t.dueAt !== null && t.dueAt < now,
    decidedAt: t.decidedAt,
    comment: t.comment,
    closedBy: t.closedBy,
    actions: open && step?.type === 'approve' ? defaultActions(step) : [],
    returnTo: open && step?.type === 'approve' ? (step.returnTo ?? []) : [],
    requires: open && step?.type === 'approve' ? (step.requires ?? []) : [],
  };
}

export function instanceView(
  row: FlowInstanceRow,
  flow: DefinitionVersion<FlowDocument>,
  state: FlowState,
  request: RequestRow,
  directory: Directory | null,
  now: string,
  extra: { events?: FlowEventRow[]; comments?: FlowCommentRow[] } = {},
): InstanceView {
  const def = flow.document;
  const withdrawable =
    (def.policies?.withdraw ?? 'before-first-decision') !== 'never' &&
    (state.status === 'returned' || (state.status === 'running' && state.decisions === 0));
  return {
    id: row.id,
    request: { id: request.id, number: request.number, action: request.action, customerId: request.customerId },
    flow: { key: flow.key, version: flow.version, contentHash: flow.contentHash, title: def.title ?? null },
    status: state.status,
    round: state.round,
    requestedBy: directory?.users.some((u) => u.id === state.requester)
      ? personOf(directory, state.requester)!
      : { id: state.requester, name: request.requestedByName, email: null },
    openSteps: [...new Set(state.activations.filter((a) => a.status === 'open').map((a) => a.step))],
    withdrawable,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    endedAt: state.endedAt,
    tasks: state.tasks.map((t) => taskView(def, t, directory, now)),
    ...(extra.events
      ? {
          diagram: { start: def.start, subject: def.subject, steps: def.steps },
          history: extra.events.map((e) => ({
            seq: e.seq,
            type: e.type,
            round: e.round,
            step: e.step,
            taskId: e.taskId,
            by: personOf(directory, e.actor),
            onBehalfOf: personOf(directory, e.onBehalfOf),
            detail: e.detail,
            guards: e.guards,
            flowVersion: e.flowVersion,
            at: iso(e.at)!,
          })),
        }
      : {}),
    ...(extra.comments
      ? {
          comments: extra.comments.map((c) => ({
            id: c.id,
            taskId: c.taskId,
            round: c.round,
            author: personOf(directory, c.author) ?? { id: c.author, name: c.authorName, email: null },
            body: c.body,
            createdAt: iso(c.createdAt)!,
          })),
        }
      : {}),
  };
}
