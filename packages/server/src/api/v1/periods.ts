import { RouteTable } from '../route-table.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import * as periods from '../../domain/periods/index.ts';
import * as periodEnd from '../../domain/period-end/index.ts';
import { deps } from './ledger-common.ts';

const reason = { type: 'string', minLength: 1, maxLength: 1000 } as const;

/** Accounting periods (monthly, created open on first posting); postings into a closed period are refused. */
export function periodRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/periods',
        access: 'period.read',
        summary: 'List accounting periods',
        tags: ['ledger'],
        response: { status: 200, schema: periods.periodListSchema },
      },
      async (c) => json(c, 200, { items: await periods.listPeriods(dbOf(c), c.get('tenant').id) }),
    )
    .add(
      {
        method: 'post',
        path: '/periods/:period/close',
        access: 'period.close',
        summary:
          'Close a period: later postings dated in it are refused. Refused (409, listing each blocker) while its checklist has blockers, unless {"force": true, "reason": …}, which the audit entry keeps with the blockers',
        tags: ['ledger'],
        body: { type: 'object', additionalProperties: false, properties: { force: { type: 'boolean' }, reason } },
        bodyOptional: true,
        response: { status: 200, schema: periods.periodViewSchema },
      },
      async (c, { body }) =>
        json(c, 200, await periodEnd.closePeriod(deps(c), actionCtx(c), c.req.param('period') ?? '', body)),
    )
    .add(
      {
        method: 'post',
        path: '/periods/:period/reopen',
        access: 'period.close',
        summary: 'Reopen a closed period, with an optional reason the audit entry keeps',
        tags: ['ledger'],
        body: { type: 'object', additionalProperties: false, properties: { reason } },
        bodyOptional: true,
        response: { status: 200, schema: periods.periodViewSchema },
      },
      async (c, { body }) =>
        json(c, 200, await periodEnd.reopenPeriod(deps(c), actionCtx(c), c.req.param('period') ?? '', body)),
    )
    .add(
      {
        method: 'post',
        path: '/periods/:period/open',
        access: 'period.close',
        summary:
          'Open a period before its first posting (needed outside the window of ledger.periods.openOnFirstUse), or reopen a closed one',
        tags: ['ledger'],
        response: { status: 200, schema: periods.periodViewSchema },
      },
      async (c) => json(c, 200, await periods.openPeriod(deps(c), actionCtx(c), c.req.param('period') ?? '')),
    );
}
