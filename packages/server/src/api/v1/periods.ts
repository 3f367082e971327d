import { RouteTable } from '../route-table.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import * as periods from '../../domain/periods/index.ts';
import { deps } from './ledger-common.ts';

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
        summary: 'Close a period: later postings dated in it are refused',
        tags: ['ledger'],
        response: { status: 200, schema: periods.periodViewSchema },
      },
      async (c) =>
        json(c, 200, await periods.setPeriodStatus(deps(c), actionCtx(c), c.req.param('period') ?? '', 'closed')),
    )
    .add(
      {
        method: 'post',
        path: '/periods/:period/reopen',
        access: 'period.close',
        summary: 'Reopen a closed period',
        tags: ['ledger'],
        response: { status: 200, schema: periods.periodViewSchema },
      },
      async (c) =>
        json(c, 200, await periods.setPeriodStatus(deps(c), actionCtx(c), c.req.param('period') ?? '', 'open')),
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
