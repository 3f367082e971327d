import { validate, type DataSchema } from '@hexiao/dsl';
import type { FieldError } from '../errors.ts';
import { maxApprovers } from './assignees.ts';
import { People, type Directory } from './directory.ts';
import { knownCalendar } from './due.ts';
import type { ApproveStep, AssigneeSource, FlowDocument } from './flow-schema.ts';
import { analyzeFlow, downstreamOf } from './graph.ts';

/** What publish-time validation knows beyond the document; each part is optional (checks skip what is missing). */
export interface FlowCheckContext {
  /** JSON Schema of the data guards read: `{ form, customer, subject, requester }`. */
  dataSchema?: DataSchema;
  /** Attachment labels the bound form declares. */
  attachmentLabels?: readonly string[];
  /** Today's people: quorum sizes are checked against them, and roles with nobody give warnings. */
  directory?: Directory;
  /** onApproved actions the runtime can perform. */
  actions?: readonly string[];
}

export interface FlowCheck {
  errors: FieldError[];
  warnings: FieldError[];
}

const isRule = (v: unknown) => typeof v === 'object' && v !== null;

/**
 * Everything publishing a flow checks, each finding with a JSON pointer into the document: steps that no
 * path reaches, loops (a path that cannot end), branches that do not end in $join, return targets that
 * are not upstream approve steps, quorums larger than the possible approvers, JSON-Logic that does not
 * compile or reads a field the bound form (or customer) does not have; roles nobody holds are warnings.
 */
export function checkFlow(doc: FlowDocument, ctx: FlowCheckContext = {}): FlowCheck {
  const errors: FieldError[] = [];
  const warnings: FieldError[] = [];
  const graph = analyzeFlow(doc);
  errors.push(...graph.errors);
  const people = ctx.directory ? new People(ctx.directory) : undefined;
  const rule = (value: unknown, pointer: string) => {
    if (!isRule(value)) return;
    const r = validate(value, ctx.dataSchema ? { schema: ctx.dataSchema } : {});
    for (const d of r.diagnostics) {
      const f = { pointer: `${pointer}${d.pointer === '/' ? '' : d.pointer}`, reason: d.message };
      if (d.severity === 'error') errors.push(f);
      else if (d.code !== 'float_on_money') warnings.push(f);
    }
  };
  const sources = (list: readonly AssigneeSource[], at: string) =>
    list.forEach((s, i) => {
      rule(s.user, `${at}/${i}/user`);
      rule(s.expression, `${at}/${i}/expression`);
      rule(s.orgUnit, `${at}/${i}/orgUnit`);
      if (s.role !== undefined && people && people.withRole(s.role).length === 0)
        warnings.push({ pointer: `${at}/${i}/role`, reason: `no active user holds role ${s.role} today` });
      if (s.role === undefined && s.user === undefined && s.expression === undefined)
        errors.push({ pointer: `${at}/${i}`, reason: 'names no role, user or expression' });
    });
  for (const [id, step] of Object.entries(doc.steps)) {
    const at = `/steps/${id}`;
    if (step.type === 'switch') step.cases.forEach((c, i) => rule(c.when, `${at}/cases/${i}/when`));
    if (step.type === 'parallel')
      for (const [b, br] of Object.entries(step.branches)) rule(br.when, `${at}/branches/${b}/when`);
    if (step.type !== 'approve') continue;
    sources(step.assignees, `${at}/assignees`);
    if (step.due?.escalate) sources(step.due.escalate.add, `${at}/due/escalate/add`);
    checkApprove(doc, graph.scopes, id, step, errors, people);
    for (const [i, r] of (step.requires ?? []).entries()) {
      const label = r.slice('attachment:'.length);
      if (ctx.attachmentLabels && !ctx.attachmentLabels.includes(label))
        errors.push({
          pointer: `${at}/requires/${i}`,
          reason: `the bound form declares no attachment labelled ${label}`,
        });
    }
  }
  for (const [k, v] of Object.entries(doc.onApproved?.input ?? {})) rule(v, `/onApproved/input/${k}`);
  if (doc.onApproved && ctx.actions && !ctx.actions.includes(doc.onApproved.action))
    errors.push({
      pointer: '/onApproved/action',
      reason: `is not an action this server performs (${ctx.actions.join(', ')})`,
    });
  const cal = doc.policies?.calendar;
  if (cal !== undefined && !knownCalendar(cal))
    errors.push({ pointer: '/policies/calendar', reason: `is not a known calendar (cn-workdays)` });
  for (const [i, r] of (doc.onRejected?.notify ?? []).entries())
    if (r.startsWith('role:') && people && people.withRole(r.slice(5)).length === 0)
      warnings.push({ pointer: `/onRejected/notify/${i}`, reason: `no active user holds role ${r.slice(5)} today` });
  return { errors, warnings };
}

function checkApprove(
  doc: FlowDocument,
  scopes: ReturnType<typeof analyzeFlow>['scopes'],
  id: string,
  step: ApproveStep,
  errors: FieldError[],
  people: People | undefined,
) {
  const at = `/steps/${id}`;
  const d = step.decision;
  if (d?.mode === 'quorum' && d.min === undefined && d.ratio === undefined)
    errors.push({ pointer: `${at}/decision`, reason: 'a quorum needs min or ratio' });
  if (d?.mode === 'quorum' && d.ratio !== undefined && Number(d.ratio) <= 0)
    errors.push({ pointer: `${at}/decision/ratio`, reason: 'must be greater than 0' });
  if (d?.mode !== 'quorum' && (d?.min !== undefined || d?.ratio !== undefined))
    errors.push({ pointer: `${at}/decision`, reason: `min and ratio apply to mode quorum, not ${d?.mode}` });
  if (d?.mode === 'quorum' && d.min !== undefined) {
    const literal = step.assignees.filter((s) => s.user !== undefined && !isRule(s.user)).length;
    const max = people ? maxApprovers(step.assignees, step.resolve ?? 'all', people) : undefined;
    const possible = max ?? (step.assignees.every((s) => s.user !== undefined && !isRule(s.user)) ? literal : Infinity);
    if (d.min > possible)
      errors.push({
        pointer: `${at}/decision/min`,
        reason: `quorum ${d.min} is larger than the ${possible} possible approver${possible === 1 ? '' : 's'} of this step`,
      });
  }
  const actions = step.actions;
  if (actions?.includes('return') && !step.returnTo?.length)
    errors.push({ pointer: `${at}/actions`, reason: 'allows return but names no returnTo target' });
  if (actions?.includes('delegate') && doc.policies?.delegation?.allowed === false)
    errors.push({ pointer: `${at}/actions`, reason: 'allows delegate, but the flow policy forbids delegation' });
  (step.returnTo ?? []).forEach((target, i) => {
    if (target === '$initiator') return;
    const t = doc.steps[target];
    const ptr = `${at}/returnTo/${i}`;
    if (!t) errors.push({ pointer: ptr, reason: `names step ${target}, which does not exist` });
    else if (t.type !== 'approve')
      errors.push({ pointer: ptr, reason: `${target} is a ${t.type} step; return to an approve step` });
    else if (!downstreamOf(doc, scopes, target).has(id))
      errors.push({
        pointer: ptr,
        reason: `${target} is not upstream of ${id}: a request can only be returned to an earlier step`,
      });
  });
}
