import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { intQuery } from '../params.ts';
import * as notifications from '../../domain/notifications/index.ts';

/** In-app notifications (approval tasks, reminders, matching alerts): the actor's own. */
export function notificationRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/notifications',
        access: 'authenticated',
        summary:
          "The actor's notifications, newest first, with the unread count (?unread=true, ?source=flows|matching|…, ?before, ?limit)",
        tags: ['notifications'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            unread: { enum: ['true', 'false'] },
            source: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' },
            before: { type: 'string', format: 'date-time' },
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await notifications.listNotifications(dbOf(c), actionCtx(c), {
            unread: query.unread === 'true',
            source: query.source,
            before: query.before,
            limit: intQuery(query.limit, 'limit', 50, 200),
          }),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/notifications/read',
        access: 'authenticated',
        summary: "Mark the actor's notifications read: the ids given, or all of them",
        tags: ['notifications'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ids: { type: 'array', maxItems: 500, uniqueItems: true, items: { type: 'string', format: 'uuid' } },
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) => json(c, 200, await notifications.markNotificationsRead(dbOf(c), actionCtx(c), body.ids)),
    );
}
