import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { HexiaoError, type FieldError } from '../errors.ts';
import type { FlowDocument } from './flow-schema.ts';
import { analyzeFlow } from './graph.ts';
import { saveAdvanced } from './persist.ts';
import { lockInstance, nowOf, pinnedFlow, type FlowDeps } from './runtime.ts';
import type { FlowState } from './state.ts';
import { instanceView, type InstanceView } from './views.ts';
import { loadDirectory } from './people.ts';

export interface MigrationInput {
  /** A published version of the same flow. */
  toVersion: number;
  /** Step ids of the running version → step ids of the target; a step not named keeps its id. */
  steps?: Record<string, string>;
  comment?: string;
}

/**
 * Where each waiting step and running parallel goes in the target version: every one must land on a step
 * of the same type in the same place (an approve step inside the same branch of the mapped parallel).
 */
function planMapping(state: FlowState, target: FlowDocument, steps: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  const scopes = analyzeFlow(target).scopes;
  const to = (s: string) => steps[s] ?? s;
  for (const f of state.frames) {
    const t = target.steps[to(f.step)];
    if (t?.type !== 'parallel')
      errors.push({ pointer: `/steps/${f.step}`, reason: `running parallel ${f.step} maps to no parallel step` });
    else
      for (const b of Object.keys(f.branches))
        if (!(b in t.branches))
          errors.push({ pointer: `/steps/${f.step}`, reason: `${to(f.step)} has no branch ${b}, which is running` });
  }
  for (const a of state.activations.filter((x) => x.status === 'open')) {
    const id = to(a.step);
    const t = target.steps[id];
    if (t?.type !== 'approve') {
      errors.push({ pointer: `/steps/${a.step}`, reason: `waiting step ${a.step} maps to no approve step (${id})` });
      continue;
    }
    const frame = state.frames.find((f) => f.id === a.frame);
    const scope = scopes.get(id) ?? [];
    const inner = scope[scope.length - 1];
    const fits = frame
      ? inner?.parallel === to(frame.step) && inner.branch === a.branch
      : scope.length === 0 && a.frame === null;
    if (!fits)
      errors.push({
        pointer: `/steps/${a.step}`,
        reason: `${id} does not sit where ${a.step} waits (${frame ? `branch ${a.branch} of ${to(frame.step)}` : 'the top level'})`,
      });
  }
  return errors;
}

/**
 * Moves a running approval to another published version of its flow: an explicit, audited step — a new
 * version never changes running approvals by itself. Waiting steps, their open tasks and running parallels
 * take the ids the mapping gives; decisions already made stay as they were; the approval goes on under the
 * target version's rules.
 */
export async function migrateInstance(
  deps: FlowDeps,
  ctx: ActionCtx,
  instanceId: string,
  input: MigrationInput,
): Promise<InstanceView> {
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const l = await lockInstance(tx, tenantId, instanceId);
    if (l.state.status !== 'running' && l.state.status !== 'returned')
      throw new HexiaoError(
        'unexpected_state',
        `approval ${instanceId} is ${l.state.status}: there is nothing to migrate`,
      );
    if (input.toVersion === l.flow.version)
      throw new HexiaoError('invalid_data', `approval ${instanceId} runs on v${input.toVersion} already`, {
        pointer: '/toVersion',
      });
    const target = await pinnedFlow(tx, tenantId, l.flow.key, input.toVersion);
    if (target.status !== 'published')
      throw new HexiaoError('unexpected_state', `flow ${target.key} v${target.version} is ${target.status}`, {
        pointer: '/toVersion',
      });
    if (target.document.subject.form.split('@')[0] !== l.request.formKey)
      throw new HexiaoError('invalid_data', `flow ${target.key} v${target.version} decides another form`, {
        pointer: '/toVersion',
      });
    const steps = input.steps ?? {};
    const errors = planMapping(l.state, target.document, steps);
    if (errors.length)
      throw new HexiaoError(
        'invalid_data',
        `approval ${instanceId} cannot move to v${target.version}: ${errors.map((e) => e.reason).join('; ')}`,
        { errors },
      );
    const to = (s: string) => steps[s] ?? s;
    const state = structuredClone(l.state);
    for (const a of state.activations) if (a.status === 'open') a.step = to(a.step);
    for (const f of state.frames) f.step = to(f.step);
    for (const t of state.tasks) if (t.status === 'open') t.step = to(t.step);
    const at = nowOf(deps);
    const event = {
      type: 'migrated' as const,
      round: state.round,
      by: ctx.actor.userId ?? ctx.actor.id,
      detail: { from: l.flow.version, to: target.version, steps, comment: input.comment ?? null },
    };
    const row = await saveAdvanced(
      tx,
      tenantId,
      l.row,
      l.state,
      { state, events: [event], effects: [] },
      { flowVersion: target.version, at, pin: { version: target.version, hash: target.contentHash } },
    );
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'flow.migrate',
      entityType: 'flow-instance',
      entityId: instanceId,
      before: { flowVersion: l.flow.version, contentHash: l.flow.contentHash },
      after: { flowVersion: target.version, contentHash: target.contentHash, steps, comment: input.comment ?? null },
      definitions: [
        { kind: 'flow', key: l.flow.key, version: l.flow.version, contentHash: l.flow.contentHash },
        { kind: 'flow', key: target.key, version: target.version, contentHash: target.contentHash },
      ],
    });
    const directory = await loadDirectory(tx, tenantId, at.slice(0, 10));
    return instanceView(row, target, state, l.request, directory, at);
  });
}
