import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { savepointSteps } from '../../domain/unit-of-work/index.ts';
import { intQuery, uuidParam } from '../params.ts';
import * as webhooks from '../../domain/webhooks/index.ts';
import { deps } from './ledger-common.ts';

/** Webhooks: endpoints that receive the tenant's events signed with HMAC-SHA256, and their delivery log. */
export function webhookRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/webhooks',
        access: 'tenant.admin',
        dataScope: 'unscoped-only',
        summary:
          'Register an endpoint for events (`*`, a source such as reminders, collections, flows or matching, a kind such as promise.broken, or reminder.*); the answer holds its signing secret, shown this once',
        tags: ['webhooks'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['url', 'events'],
          properties: {
            url: { type: 'string', minLength: 8, maxLength: 2000 },
            events: {
              type: 'array',
              minItems: 1,
              maxItems: 50,
              items: { type: 'string', pattern: '^(\\*|[a-z][a-z0-9-]*(\\.([a-z0-9-]+|\\*))*)$', maxLength: 100 },
            },
            description: { type: 'string', maxLength: 500 },
          },
        },
        response: { status: 201 },
      },
      async (c, { body }) => {
        const r = await webhooks.createEndpoint(deps(c), actionCtx(c), body, {
          allowPrivate: c.get('deps').config.webhookAllowPrivate,
        });
        return json(c, 201, { ...r.endpoint, secret: r.secret });
      },
    )
    .add(
      {
        method: 'get',
        path: '/webhooks',
        access: 'tenant.admin',
        dataScope: 'unscoped-only',
        summary: "The tenant's webhook endpoints (never their secrets)",
        tags: ['webhooks'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, { items: await webhooks.listEndpoints(dbOf(c), actionCtx(c)) }),
    )
    .add(
      {
        method: 'post',
        path: '/webhooks/:id/disable',
        access: 'tenant.admin',
        dataScope: 'unscoped-only',
        summary: 'Stop sending to an endpoint (its pending deliveries fail at their next attempt); it stays in the log',
        tags: ['webhooks'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, await webhooks.disableEndpoint(deps(c), actionCtx(c), uuidParam(c.req.param('id'), 'webhook'))),
    )
    .add(
      {
        method: 'get',
        path: '/webhooks/:id/deliveries',
        access: 'tenant.admin',
        dataScope: 'unscoped-only',
        summary: "An endpoint's delivery log, newest first: each event, its state and every attempt (?status, ?limit)",
        tags: ['webhooks'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { enum: ['pending', 'delivered', 'failed'] },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await webhooks.listDeliveries(dbOf(c), actionCtx(c), uuidParam(c.req.param('id'), 'webhook'), {
            ...(query.status ? { status: query.status } : {}),
            limit: intQuery(query.limit, 'limit', 100, 1000),
          }),
        }),
    )
    .add(
      {
        method: 'post',
        path: '/webhooks/deliver',
        access: 'tenant.admin',
        dataScope: 'unscoped-only',
        summary: 'Send the due webhook deliveries now (as the server does every HEXIAO_DELIVER_EVERY seconds)',
        tags: ['webhooks'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await webhooks.deliverWebhooks(savepointSteps(dbOf(c)), actionCtx(c), {
            allowPrivate: c.get('deps').config.webhookAllowPrivate,
          }),
        ),
    );
}
