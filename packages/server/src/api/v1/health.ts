import { RouteTable } from '../route-table.ts';
import { dbOf, json } from '../context.ts';
import { databaseReady } from '../../domain/unit-of-work/index.ts';

export function healthRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/health',
        access: 'public',
        summary: 'Liveness: the process answers',
        tags: ['health'],
        response: {
          status: 200,
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['status'],
            properties: { status: { const: 'ok' } },
          },
        },
      },
      (c) => json(c, 200, { status: 'ok' }),
    )
    .add(
      {
        method: 'get',
        path: '/ready',
        access: 'public',
        summary: 'Readiness: the database answers (503 with status unavailable when it does not)',
        tags: ['health'],
        response: {
          status: 200,
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['status', 'database'],
            properties: { status: { const: 'ready' }, database: { enum: ['pglite', 'postgres'] } },
          },
        },
      },
      async (c) => {
        const { database } = c.get('deps');
        return (await databaseReady(dbOf(c)))
          ? json(c, 200, { status: 'ready', database: database.kind })
          : json(c, 503, { status: 'unavailable', database: database.kind });
      },
    );
}
