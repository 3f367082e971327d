import { RouteTable } from '../route-table.ts';
import { dbOf, json } from '../context.ts';
import { sql } from '../../store/db.ts';

export function healthRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/health',
        access: 'public',
        summary: 'Liveness: the process answers',
        tags: ['health'],
        response: { status: 200 },
      },
      (c) => json(c, 200, { status: 'ok' }),
    )
    .add(
      {
        method: 'get',
        path: '/ready',
        access: 'public',
        summary: 'Readiness: the database answers',
        tags: ['health'],
        response: { status: 200 },
      },
      async (c) => {
        const { database } = c.get('deps');
        try {
          await dbOf(c).execute(sql`SELECT 1`);
          return json(c, 200, { status: 'ready', database: database.kind });
        } catch {
          return json(c, 503, { status: 'unavailable', database: database.kind });
        }
      },
    );
}
