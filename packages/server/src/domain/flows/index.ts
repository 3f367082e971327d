import type { AnyDefinitionKind } from '../definitions/index.ts';
import { flowKind } from './flow.kind.ts';

export {
  flowMetaSchema,
  terminals,
  initiator,
  type FlowDocument,
  type FlowStep,
  type ApproveStep,
  type SwitchStep,
  type ParallelStep,
  type AssigneeSource,
  type LocalText,
} from './flow-schema.ts';
export { analyzeFlow, downstreamOf, afterJoin, edgesOf, type FlowGraph, type Scope } from './graph.ts';
export { People, type Directory, type DirectoryUser, type Delegation } from './directory.ts';
export { resolveAssignees, maxApprovers } from './assignees.ts';
export { evaluate, truthy, type GuardTrace } from './guards.ts';
export { addDuration, knownCalendar } from './due.ts';
export { outcome, needed } from './completion.ts';
export { advance, type FlowCommand, type Advanced } from './reducer.ts';
export { defaultActions, graphOf, type FlowEnv } from './run.ts';
export { simulate, type Simulation, type SimulateInput, type SimulatedStep, type PathNode } from './simulate.ts';
export { checkFlow, type FlowCheck, type FlowCheckContext } from './validate-flow.ts';
export * from './state.ts';
export { flowKind } from './flow.kind.ts';
export { startInstance, currentFlow } from './start.ts';
export {
  actOnTask,
  withdrawRequest,
  resubmitRequest,
  addComment,
  userOf,
  type TaskAction,
  type Decided,
} from './commands.ts';
export { getInstance, getRequestApproval, listInbox, type InboxQuery, type InboxItem } from './queries.ts';
export { nowOf, type FlowDeps } from './runtime.ts';
export { simulateFlow, type SimulateBody, type FlowSimulation } from './simulate-flow.ts';
export { migrateInstance, type MigrationInput } from './migrate-instance.ts';
export {
  fireDueTimers,
  fireTimersOfAllTenants,
  scheduleFlowTimers,
  type TenantTimers,
  type TimerRun,
} from './timers.ts';
export {
  createDelegation,
  listDelegations,
  revokeDelegation,
  type DelegationInput,
  type DelegationView,
} from './delegations.ts';
export { publishCheckFlow } from './publish-check.ts';
export type { InstanceView, TaskView, HistoryEntry, CommentView, Person } from './views.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [flowKind];
