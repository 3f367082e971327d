import { RouteTable } from '../route-table.ts';
import { domainDeps, json, dbOf } from '../context.ts';
import { intQuery } from '../params.ts';
import { listAuditEntries, verifyAudit } from '../../domain/audit/index.ts';

export function auditRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/audit',
        access: 'audit.read',
        dataScope: 'unscoped-only',
        summary: 'Read the audit log, newest first (?entityType=&entityId=&before=seq&limit=)',
        tags: ['audit'],
        response: { status: 200 },
      },
      async (c) => {
        const q = c.req.query();
        const items = await listAuditEntries(dbOf(c), c.get('tenant').id, {
          entityType: q.entityType,
          entityId: q.entityId,
          beforeSeq: q.before ? intQuery(q.before, 'before', 0, Number.MAX_SAFE_INTEGER) : undefined,
          limit: intQuery(q.limit, 'limit', 100, 1000),
        });
        return json(c, 200, { items });
      },
    )
    .add(
      {
        method: 'get',
        path: '/audit/verify',
        access: 'audit.read',
        dataScope: 'unscoped-only',
        summary: "Verify the tenant's hash chain and signed head",
        tags: ['audit'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await verifyAudit(domainDeps(c), c.get('tenant').id, { anchorFile: c.get('deps').config.auditAnchorFile }),
        ),
    );
}
