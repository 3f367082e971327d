import { RouteTable } from '../route-table.ts';
import { actionCtx, domainDeps, json } from '../context.ts';
import { uuidParam } from '../params.ts';
import * as customers from '../../domain/customers/index.ts';

export function bankAccountChangeRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/customers/:id/bank-accounts',
        access: 'bank-account.write',
        dataScope: 'customer',
        summary: 'Request a new payer bank account (a second user confirms)',
        tags: ['bank accounts'],
        body: customers.bankAccountSchema,
        response: { status: 202 },
      },
      async (c, { body }) =>
        json(
          c,
          202,
          await customers.requestBankAccountChange(
            domainDeps(c),
            actionCtx(c),
            uuidParam(c.req.param('id'), 'customer'),
            { action: 'add', account: body },
          ),
        ),
    )
    .add(
      {
        method: 'delete',
        path: '/customers/:id/bank-accounts/:accountId',
        access: 'bank-account.write',
        dataScope: 'customer',
        summary: 'Request removing a payer bank account (a second user confirms)',
        tags: ['bank accounts'],
        response: { status: 202 },
      },
      async (c) =>
        json(
          c,
          202,
          await customers.requestBankAccountChange(
            domainDeps(c),
            actionCtx(c),
            uuidParam(c.req.param('id'), 'customer'),
            { action: 'remove', accountId: uuidParam(c.req.param('accountId'), 'bank account') },
          ),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/bank-account-changes',
        access: 'bank-account.read',
        dataScope: 'customer',
        summary: 'Payer bank account changes (?status=pending)',
        tags: ['bank accounts'],
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, {
          items: await customers.listBankAccountChanges(
            domainDeps(c),
            c.get('tenant').id,
            c.req.query('status'),
            customers.actorScope(c.get('actor')),
          ),
        }),
    )
    .add(
      {
        method: 'post',
        path: '/bank-account-changes/:id/confirm',
        access: 'bank-account.write',
        dataScope: 'customer',
        summary: 'Confirm a change (not by its requester)',
        tags: ['bank accounts'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await customers.decideBankAccountChange(
            domainDeps(c),
            actionCtx(c),
            uuidParam(c.req.param('id'), 'bank account change'),
            'confirmed',
          ),
        ),
    )
    .add(
      {
        method: 'post',
        path: '/bank-account-changes/:id/reject',
        access: 'bank-account.write',
        dataScope: 'customer',
        summary: 'Reject a change',
        tags: ['bank accounts'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await customers.decideBankAccountChange(
            domainDeps(c),
            actionCtx(c),
            uuidParam(c.req.param('id'), 'bank account change'),
            'rejected',
          ),
        ),
    );
}
