import * as repo from '../../store/repos/flows.ts';
import type { FlowInstanceRow } from '../../store/repos/flows.ts';
import { findRequest, listAttachments, type RequestRow } from '../../store/repos/requests.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { getDefinition, type DefinitionVersion } from '../definitions/index.ts';
import type { DomainDeps, Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import * as requests from '../requests/index.ts';
import type { Directory } from './directory.ts';
import type { FlowDocument } from './flow-schema.ts';
import { notificationsOf } from './messages.ts';
import { loadDirectory } from './people.ts';
import { saveAdvanced, stateOf } from './persist.ts';
import { advance, type Advanced, type FlowCommand } from './reducer.ts';
import type { FlowState } from './state.ts';
import { notify } from '../notifications/index.ts';

/** What the runtime needs: the database, the audit key, and (tests) a clock and the ledger's fault hook. */
export interface FlowDeps extends DomainDeps {
  now?: () => Date;
  fault?: (step: string) => void;
}

export const nowOf = (deps: FlowDeps) => (deps.now?.() ?? new Date()).toISOString();

/** A flow version as an instance pins it: the exact version, refused when its content is not what was pinned. */
export async function pinnedFlow(
  db: Executor,
  tenantId: string,
  key: string,
  version: number,
  hash?: string,
): Promise<DefinitionVersion<FlowDocument>> {
  const v = await getDefinition<FlowDocument>(db, tenantId, 'flow', key, version);
  if (hash !== undefined && v.contentHash !== hash)
    throw new HexiaoError(
      'conflict',
      `flow ${key} v${version} does not have the content this approval started on (content hash differs)`,
    );
  return v;
}

/** An instance locked for one command, with its pinned flow, its state and its request. */
export interface Locked {
  row: FlowInstanceRow;
  flow: DefinitionVersion<FlowDocument>;
  state: FlowState;
  request: RequestRow;
}

/** Takes the instance lock (every command does, first), then reads what the command works on. */
export async function lockInstance(tx: Executor, tenantId: string, instanceId: string): Promise<Locked> {
  const row = await repo.findInstance(tx, tenantId, instanceId, true);
  if (!row) throw new HexiaoError('not_found', `approval ${instanceId} does not exist`);
  const [flow, tasks, request] = await Promise.all([
    pinnedFlow(tx, tenantId, row.flowKey, row.flowVersion, row.flowHash),
    repo.listTasks(tx, tenantId, row.id),
    findRequest(tx, tenantId, row.requestId),
  ]);
  return { row, flow, state: stateOf(row, tasks), request: request! };
}

export interface Applied {
  row: FlowInstanceRow;
  result: Advanced;
  directory: Directory;
  performed: requests.BoundActionResult | null;
}

/**
 * Runs one command on a locked instance and keeps everything it did in the caller's transaction: the
 * reducer's new state, tasks, timers and history; the onApproved action (performed here, at most once,
 * through the request's idempotent path: if it is refused, the whole command rolls back); the
 * notifications; and one audit entry with the flow version and the guards' explain traces.
 */
export async function apply(
  tx: Executor,
  deps: FlowDeps,
  ctx: ActionCtx,
  l: Locked | (Omit<Locked, 'state'> & { state: null }),
  cmd: FlowCommand,
  audit: { action: string; created?: boolean; detail?: Record<string, unknown> },
): Promise<Applied> {
  const at = nowOf(deps);
  const directory = await loadDirectory(tx, ctx.tenant.id, at.slice(0, 10));
  const result = advance(l.flow.document, l.state, cmd, { now: at, newId, directory });
  let performed: requests.BoundActionResult | null = null;
  for (const e of result.effects) {
    if (e.type !== 'action') continue;
    performed = await requests.performBoundAction({ db: tx, auditKey: deps.auditKey, fault: deps.fault }, ctx, {
      requestId: l.request.id,
      instanceId: l.row.id,
      action: e.action,
      input: e.input,
    });
    result.events.push({
      type: 'performed',
      round: result.state.round,
      detail: {
        action: performed.action,
        effectKey: performed.effectKey,
        replayed: performed.replayed,
        documents: performed.documents,
        vouchers: performed.vouchers,
      },
    });
  }
  const row = await saveAdvanced(tx, ctx.tenant.id, l.row, l.state, result, {
    flowVersion: l.flow.version,
    at,
    created: audit.created,
  });
  await notify(tx, ctx.tenant.id, notificationsOf(l.flow.document, l.request, row.id, result));
  const flowRef = { kind: 'flow', key: l.flow.key, version: l.flow.version, contentHash: l.flow.contentHash };
  const formRef = {
    kind: 'form',
    key: l.request.formKey,
    version: l.request.formVersion,
    contentHash: l.request.formHash,
  };
  await recordAudit(tx, ctx, deps.auditKey, {
    action: audit.action,
    entityType: 'flow-instance',
    entityId: row.id,
    before: l.state ? { status: l.state.status, round: l.state.round } : undefined,
    after: {
      requestId: l.request.id,
      requestNumber: l.request.number,
      status: row.status,
      round: row.round,
      command: commandSummary(cmd),
      ...audit.detail,
      events: result.events.map((e) => ({
        type: e.type,
        step: e.step,
        taskId: e.taskId,
        by: e.by,
        onBehalfOf: e.onBehalfOf,
        detail: e.detail,
      })),
      guards: result.events.flatMap((e) => e.guards ?? []),
      performed: performed && { effectKey: performed.effectKey, vouchers: performed.vouchers },
    },
    definitions: [flowRef, formRef],
  });
  return { row, result, directory, performed };
}

/** The command as the audit log records it (the submission data is the request's, recorded there). */
function commandSummary(cmd: FlowCommand): Record<string, unknown> {
  const { type } = cmd;
  if (type === 'submit' || type === 'resubmit') return { type, by: cmd.by };
  return Object.fromEntries(Object.entries(cmd).filter(([k]) => k !== 'evidence'));
}

/** The evidence labels filed with a request (what a step's `requires` checks). */
export async function evidenceOf(db: Executor, tenantId: string, requestId: string): Promise<string[]> {
  return [...new Set((await listAttachments(db, tenantId, requestId)).map((a) => a.label))];
}
