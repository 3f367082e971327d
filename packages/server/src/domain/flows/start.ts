import * as repo from '../../store/repos/flows.ts';
import type { FlowInstanceRow } from '../../store/repos/flows.ts';
import { findRequest } from '../../store/repos/requests.ts';
import type { ActionCtx } from '../context.ts';
import { getDefinition, type DefinitionVersion } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, isHexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { SubmittedRequest } from '../requests/index.ts';
import type { FlowDocument } from './flow-schema.ts';
import { apply, nowOf, type FlowDeps } from './runtime.ts';
import { instanceView, type InstanceView } from './views.ts';

/** The current published version of a flow; an archived or never published flow starts nothing (409). */
export async function currentFlow(
  db: Executor,
  tenantId: string,
  key: string,
): Promise<DefinitionVersion<FlowDocument>> {
  try {
    const v = await getDefinition<FlowDocument>(db, tenantId, 'flow', key, 'current');
    if (v.status === 'published') return v;
  } catch (e) {
    if (!isHexiaoError(e) || e.type !== 'not_found') throw e;
  }
  throw new HexiaoError('unexpected_state', `flow ${key} has no published version (archived or never published)`, {
    pointer: '/form',
  });
}

/** `key` or `key@version` of a flow's subject form, against the form version a request was filed with. */
function refuseOtherForm(flow: DefinitionVersion<FlowDocument>, form: SubmittedRequest['form']): void {
  const [key, version] = flow.document.subject.form.split('@');
  if (key !== form.key || (version !== undefined && Number(version) !== form.version))
    throw new HexiaoError(
      'unexpected_state',
      `flow ${flow.key} v${flow.version} decides form ${flow.document.subject.form}, not ${form.key}@${form.version}`,
      { pointer: '/form' },
    );
}

/**
 * Starts the approval of a request just filed, in the caller's transaction: the current published version of
 * the flow its form names, pinned by version and content hash, on the data snapshotted at submit (the
 * request's `flowData`). The first steps' tasks, timers and notifications are written with it. A flow that
 * cannot start (no published version, a step nobody can decide) refuses the request. Null when the form
 * names no flow.
 */
export async function startInstance(
  deps: FlowDeps,
  ctx: ActionCtx,
  request: SubmittedRequest,
): Promise<InstanceView | null> {
  if (!request.flow) return null;
  const flowKey = request.flow;
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const flow = await currentFlow(tx, tenantId, flowKey);
    refuseOtherForm(flow, request.form);
    const stored = await findRequest(tx, tenantId, request.id, true);
    if (!stored) throw new HexiaoError('not_found', `request ${request.id} does not exist`);
    if (await repo.findInstanceByRequest(tx, tenantId, request.id))
      throw new HexiaoError('conflict', `request ${stored.number} is already being approved`);
    const at = nowOf(deps);
    const row: FlowInstanceRow = {
      tenantId,
      id: newId(),
      requestId: stored.id,
      flowKey: flow.key,
      flowVersion: flow.version,
      flowHash: flow.contentHash,
      status: 'running',
      round: 1,
      requestedBy: stored.requestedBy,
      data: request.flowData,
      dataHash: '',
      state: {},
      version: 1,
      eventCount: 0,
      createdAt: at,
      updatedAt: at,
      endedAt: null,
    };
    const applied = await apply(
      tx,
      deps,
      ctx,
      { row, flow, state: null, request: stored },
      { type: 'submit', by: stored.requestedBy, data: request.flowData },
      { action: 'flow.start', created: true },
    );
    return instanceView(applied.row, flow, applied.result.state, stored, applied.directory, at);
  });
}
