import type { ActionCtx } from '../context.ts';
import { getDefinition, type DefinitionVersion } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, isHexiaoError } from '../errors.ts';
import { todayIn } from '../ledger/index.ts';
import * as requests from '../requests/index.ts';
import { People } from './directory.ts';
import type { FlowDocument } from './flow-schema.ts';
import { loadDirectory } from './people.ts';
import { simulate, type Simulation } from './simulate.ts';
import type { FlowData } from './state.ts';

export interface SimulateBody {
  /** A published version, `draft`, or (omitted) the current published one. */
  version?: number | 'draft';
  /** The form submission (its fields, as `form.*` reads them). */
  form: Record<string, unknown>;
  /** The subject's customer and totals; loaded from the receivables the submission names when omitted. */
  customer?: Record<string, unknown>;
  subject?: Record<string, unknown>;
  /** Who would file it (excluded from approving): a user id or e-mail; the actor when omitted. */
  requester?: string;
}

export interface FlowSimulation extends Simulation {
  flow: { key: string; version: number; status: string; contentHash: string };
  /** The data the guards read. */
  data: FlowData;
}

async function flowVersion(db: Executor, tenantId: string, key: string, which: SimulateBody['version']) {
  const v = await getDefinition<FlowDocument>(db, tenantId, 'flow', key, which ?? 'current');
  if (which === undefined && v.status !== 'published')
    throw new HexiaoError('not_found', `flow ${key} has no published version (simulate the draft: "version": "draft")`);
  return v;
}

/** The customer and subject of a submission, loaded as filing it would (read only); null without a bound form. */
async function loadFacts(db: Executor, ctx: ActionCtx, flow: DefinitionVersion<FlowDocument>, form: unknown) {
  const [key, version] = flow.document.subject.form.split('@');
  let formDoc: requests.FormDocument;
  try {
    formDoc = (await requests.publishedForm(db, ctx.tenant.id, key!, version ? Number(version) : undefined)).document;
  } catch (e) {
    if (isHexiaoError(e) && (e.type === 'not_found' || e.type === 'unexpected_state')) return null;
    throw e;
  }
  const action = requests.boundAction(formDoc.action)!;
  const loaded = await requests.loadSubject(db, ctx, action.subject, form);
  if (loaded.errors.length)
    throw new HexiaoError('invalid_data', loaded.errors.map((e) => `${e.pointer} ${e.reason}`).join('; '), {
      errors: loaded.errors.map((e) => ({ pointer: e.pointer.replace(/^\/data/, '/form'), reason: e.reason })),
    });
  return { customer: loaded.customer, subject: loaded.subject };
}

/**
 * The path a submission would take through a flow and who would be asked at each step, every task
 * approved by its assignee, with the guards' traces: on the tenant's people today, creating nothing.
 */
export async function simulateFlow(
  db: Executor,
  ctx: ActionCtx,
  key: string,
  body: SimulateBody,
  now: string,
): Promise<FlowSimulation> {
  const tenantId = ctx.tenant.id;
  const flow = await flowVersion(db, tenantId, key, body.version);
  const directory = await loadDirectory(db, tenantId, todayIn(ctx.tenant.timeZone));
  const people = new People(directory);
  const requesterRef = body.requester ?? ctx.actor.userId;
  const who = requesterRef === undefined ? undefined : people.find(requesterRef);
  if (body.requester !== undefined && !who)
    throw new HexiaoError('invalid_data', `${body.requester} is not an active user of this tenant`, {
      pointer: '/requester',
    });
  const facts =
    body.customer === undefined && body.subject === undefined ? await loadFacts(db, ctx, flow, body.form) : null;
  const data: FlowData = {
    form: body.form,
    customer: body.customer ?? facts?.customer ?? {},
    subject: (body.subject ?? facts?.subject ?? {}) as Record<string, unknown>,
    requester: who ? { id: who.id, email: who.email, name: who.name, roles: [...who.roles] } : {},
  };
  const sim = simulate(flow.document, { data, directory, requester: who?.id, now });
  return {
    ...sim,
    flow: { key: flow.key, version: flow.version, status: flow.status, contentHash: flow.contentHash },
    data,
  };
}
