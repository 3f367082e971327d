import type { GuardTrace } from './guards.ts';

export type InstanceStatus = 'running' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
export const finished: ReadonlySet<InstanceStatus> = new Set(['approved', 'rejected', 'withdrawn']);

/** What guards, assignee expressions and the onApproved input read. */
export interface FlowData {
  form: Record<string, unknown>;
  customer?: Record<string, unknown>;
  subject?: Record<string, unknown>;
  requester?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A running parallel step: which of its branches still run. */
export interface Frame {
  id: string;
  step: string;
  /** The enclosing frame and branch (nested parallels), or null at the top level. */
  parent: string | null;
  branch: string | null;
  branches: Record<string, 'running' | 'done' | 'skipped'>;
}

/** One required decision of an approve step: a resolved approver, or a signer added later. */
export interface Slot {
  user: string;
  kind: 'assigned' | 'added';
  status: 'waiting' | 'open' | 'approved' | 'rejected';
}

/** An approve step entered in a round: where a token waits until its decision completes. */
export interface Activation {
  id: string;
  step: string;
  frame: string | null;
  branch: string | null;
  round: number;
  slots: Slot[];
  status: 'open' | 'approved' | 'rejected' | 'cancelled' | 'skipped';
}

export type TaskStatus = 'open' | 'approved' | 'rejected' | 'returned' | 'delegated' | 'superseded' | 'cancelled';
export type Decision = 'approved' | 'rejected' | 'returned' | 'withdrawn';

/** The decision that closed a task someone else held (what a late click is told). */
export interface Winner {
  taskId: string | null;
  decision: Decision;
  by: string;
  at: string;
  step: string | null;
}

export interface Task {
  id: string;
  activation: string;
  step: string;
  round: number;
  slot: number;
  assignee: string;
  /** The user this task acts for (a delegation), or null. */
  onBehalfOf: string | null;
  origin: 'assigned' | 'delegated' | 'escalated' | 'added';
  status: TaskStatus;
  createdAt: string;
  dueAt: string | null;
  remindAt: string | null;
  escalateAt: string | null;
  decidedAt: string | null;
  comment: string | null;
  /** Set when the task closed by another decision (superseded or cancelled). */
  closedBy: Winner | null;
  reminded: boolean;
  escalated: boolean;
  /** Delegation target or added signer, for history. */
  returnedTo: string | null;
}

export interface FlowState {
  status: InstanceStatus;
  round: number;
  requester: string;
  data: FlowData;
  frames: Frame[];
  activations: Activation[];
  tasks: Task[];
  /** Decisions (approve, reject, return) so far, over all rounds. */
  decisions: number;
  /** The onApproved action was handed to the runtime (it is, at most once). */
  actionEmitted: boolean;
  endedAt: string | null;
}

export type FlowEventType =
  | 'submitted'
  | 'resubmitted'
  | 'step.entered'
  | 'step.approved'
  | 'step.rejected'
  | 'step.skipped'
  | 'switch.taken'
  | 'parallel.started'
  | 'parallel.joined'
  | 'task.created'
  | 'task.decided'
  | 'task.delegated'
  | 'task.closed'
  | 'signer.added'
  | 'task.reminded'
  | 'task.escalated'
  | 'returned'
  | 'withdrawn'
  | 'approved'
  | 'rejected'
  | 'performed'
  | 'migrated';

/** One line of an instance's history; every command yields some, and the audit log records them. */
export interface FlowEvent {
  type: FlowEventType;
  round: number;
  step?: string;
  taskId?: string;
  by?: string;
  onBehalfOf?: string | null;
  detail?: Record<string, unknown>;
  guards?: GuardTrace[];
}

export type NotifyTemplate =
  | 'task.assigned'
  | 'task.reminder'
  | 'task.escalated'
  | 'task.closed'
  | 'request.approved'
  | 'request.rejected'
  | 'request.returned'
  | 'request.withdrawn';

export type Effect =
  | { type: 'notify'; to: string[]; template: NotifyTemplate; taskId?: string; step?: string }
  | { type: 'action'; action: string; input: Record<string, unknown>; key: 'on-approved' };
