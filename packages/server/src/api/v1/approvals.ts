import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, domainDeps, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as flows from '../../domain/flows/index.ts';
import { HexiaoError } from '../../domain/errors.ts';

const comment = { type: 'string', maxLength: 4000 } as const;
const userRef = { type: 'string', minLength: 1, maxLength: 320, description: 'a user id or e-mail' } as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const stepId = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' } as const;

/** A flow key in a path: anything else is simply not found. */
function flowKey(key: string | undefined): string {
  if (!key || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(key))
    throw new HexiaoError('not_found', `flow ${String(key).slice(0, 80)} does not exist`);
  return key;
}

const decisionBody = {
  type: 'object',
  additionalProperties: false,
  properties: { comment },
} as const;

const taskActions = {
  approve: { body: decisionBody, summary: 'Approve the task (with the step evidence it requires filed)' },
  reject: { body: decisionBody, summary: 'Reject the task' },
  return: {
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['to'],
      properties: { to: { type: 'string', maxLength: 64, description: 'an upstream step, or $initiator' }, comment },
    },
    summary: 'Return the request to an earlier step or to its requester: a new round, earlier decisions kept',
  },
  delegate: {
    body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: userRef, comment } },
    summary: 'Hand the task to another user (one level deep; the same checks apply to them)',
  },
  'add-signer': {
    body: { type: 'object', additionalProperties: false, required: ['user'], properties: { user: userRef, comment } },
    summary: "Add a signer to the task's step: the step completes only once they approve too",
  },
} as const;

/** The runtime's dependencies for this request: its transaction, the audit key. */
const flowDeps = (c: Context<AppEnv>, db = dbOf(c)): flows.FlowDeps => ({ ...domainDeps(c), db });
const now = () => new Date().toISOString();

/** Approvals: the inbox, decisions on tasks, the requester's withdraw and resubmit, comments and history. */
export function approvalRoutes(): RouteTable {
  const table = new RouteTable().add(
    {
      method: 'get',
      path: '/inbox',
      access: 'authenticated',
      summary:
        "The actor's approval tasks: open ones overdue first, then by due time (?status=open|done|all, ?flow, ?step, ?customerId, ?overdue=true, ?limit, ?offset)",
      tags: ['approvals'],
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          status: { enum: ['open', 'done', 'all'] },
          flow: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$' },
          step: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' },
          customerId: uuid,
          overdue: { enum: ['true', 'false'] },
          limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          offset: { type: 'string', pattern: '^[0-9]{1,6}$' },
        },
      },
      response: { status: 200 },
    },
    async (c, { query }) =>
      json(
        c,
        200,
        await flows.listInbox(
          dbOf(c),
          actionCtx(c),
          {
            status: query.status as flows.InboxQuery['status'],
            flow: query.flow,
            step: query.step,
            customerId: query.customerId,
            overdue: query.overdue === 'true',
            limit: intQuery(query.limit, 'limit', 50, 200),
            offset: query.offset === undefined ? 0 : Number(query.offset),
          },
          now(),
        ),
      ),
  );
  for (const [action, spec] of Object.entries(taskActions))
    table.add(
      {
        method: 'post',
        path: `/tasks/:id/${action}`,
        access: 'authenticated',
        summary: `${spec.summary}. Only the task's holder; a task is decided once (409 with the winning decision for a late click)`,
        tags: ['approvals'],
        body: spec.body,
        response: { status: 200 },
        idempotent: true,
      },
      async (c, { body }) => {
        const taskId = uuidParam(c.req.param('id'), 'task');
        return idempotentPost(c, `POST /tasks/:id/${action}`, { taskId, body }, async (db) => ({
          status: 200,
          body: await flows.actOnTask(flowDeps(c, db), actionCtx(c), taskId, {
            type: action,
            ...body,
          } as flows.TaskAction),
        }));
      },
    );
  return table
    .add(
      {
        method: 'get',
        path: '/approvals/:id',
        access: 'authenticated',
        summary: 'One approval: its pinned flow version, tasks, full history with the guards’ explain traces, comments',
        tags: ['approvals'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, await flows.getInstance(dbOf(c), actionCtx(c), uuidParam(c.req.param('id'), 'approval'), now())),
    )
    .add(
      {
        method: 'get',
        path: '/requests/:id/approval',
        access: 'authenticated',
        summary: "A request's approval",
        tags: ['approvals'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await flows.getRequestApproval(dbOf(c), actionCtx(c), uuidParam(c.req.param('id'), 'request'), now()),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/approvals/:id/withdraw',
        access: 'authenticated',
        summary: 'The requester withdraws the request: before the first decision, or while it is back with them',
        tags: ['approvals'],
        body: decisionBody,
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await flows.withdrawRequest(flowDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'approval'), body),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/approvals/:id/resubmit',
        access: 'authenticated',
        summary:
          'The requester sends a returned request again (a new round from the first step), optionally revised: data is checked against the same form version',
        tags: ['approvals'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { data: { type: 'object', description: "the form's fields, revised" }, comment },
        },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await flows.resubmitRequest(flowDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'approval'), body),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/approvals/:id/migrate',
        access: 'definition.publish',
        summary:
          'Move a running approval to another published version of its flow (explicit and audited): waiting steps map by id, or as `steps` says',
        tags: ['approvals'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['toVersion'],
          properties: {
            toVersion: { type: 'integer', minimum: 1 },
            steps: {
              type: 'object',
              maxProperties: 200,
              propertyNames: stepId,
              additionalProperties: stepId,
            },
            comment,
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(
          c,
          200,
          await flows.migrateInstance(flowDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'approval'), body),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/flows/:key/simulate',
        access: 'definition.read',
        summary:
          'The path a form submission and its subject would take through a flow, and the people at each step, with the guards’ traces (creates nothing)',
        tags: ['approvals'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['form'],
          properties: {
            version: { oneOf: [{ type: 'integer', minimum: 1 }, { const: 'draft' }] },
            form: { type: 'object', description: 'the submission, as form.* reads it' },
            customer: { type: 'object', description: 'customer facts; loaded from the named receivables when omitted' },
            subject: { type: 'object', description: 'subject totals; loaded from the named receivables when omitted' },
            requester: userRef,
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) =>
        json(c, 200, await flows.simulateFlow(dbOf(c), actionCtx(c), flowKey(c.req.param('key')), body, now())),
    )
    .add(
      {
        method: 'get',
        path: '/delegations',
        access: 'authenticated',
        summary:
          "Standing delegations in force or to come: the actor's own (from or to them), or all (?all=true, user.manage)",
        tags: ['approvals'],
        query: { type: 'object', additionalProperties: false, properties: { all: { enum: ['true', 'false'] } } },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, await flows.listDelegations(dbOf(c), actionCtx(c), { all: query.all === 'true' })),
    )
    .add(
      {
        method: 'post',
        path: '/delegations',
        access: 'authenticated',
        summary:
          "Delegate one's approval tasks to another user for a date range (one level deep); an administrator may delegate someone else's",
        tags: ['approvals'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['to', 'starts', 'ends'],
          properties: {
            from: userRef,
            to: userRef,
            starts: { type: 'string', format: 'date' },
            ends: { type: 'string', format: 'date' },
            note: { type: 'string', maxLength: 500 },
          },
        },
        response: { status: 201 },
      },
      async (c, { body }) => json(c, 201, await flows.createDelegation(flowDeps(c), actionCtx(c), body)),
    )
    .add(
      {
        method: 'post',
        path: '/delegations/:id/revoke',
        access: 'authenticated',
        summary: 'End a delegation now (its delegator or an administrator)',
        tags: ['approvals'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await flows.revokeDelegation(flowDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'delegation')),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/approvals/:id/comments',
        access: 'authenticated',
        summary:
          'Comment on an approval (optionally on one of its tasks); the requester and open task holders are told',
        tags: ['approvals'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['body'],
          properties: { body: { type: 'string', minLength: 1, maxLength: 4000 }, taskId: uuid },
        },
        response: { status: 201 },
      },
      async (c, { body }) =>
        json(c, 201, await flows.addComment(flowDeps(c), actionCtx(c), uuidParam(c.req.param('id'), 'approval'), body)),
    );
}
