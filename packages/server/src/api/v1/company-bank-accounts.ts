import { RouteTable } from '../route-table.ts';
import { actionCtx, json, dbOf } from '../context.ts';
import { uuidParam } from '../params.ts';
import * as ledger from '../../domain/ledger/index.ts';
import { deps } from './ledger-common.ts';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'currency', 'glAccount'],
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    iban: { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}$' },
    accountNumber: { type: 'string', minLength: 1, maxLength: 40 },
    bankName: { type: 'string', maxLength: 200 },
    bic: { type: 'string', pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' },
    currency: { type: 'string', format: 'currency' },
    glAccount: { type: 'string', minLength: 1, maxLength: 40 },
  },
} as const;

/** The company's own bank accounts, each mapped to a GL account that receipts into it debit. */
export function companyBankAccountRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/company-bank-accounts',
        access: 'bank-account.read',
        summary: 'List company bank accounts',
        tags: ['ledger'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, { items: await ledger.listCompanyBankAccounts(dbOf(c), c.get('tenant').id) }),
    )
    .add(
      {
        method: 'post',
        path: '/company-bank-accounts',
        access: 'bank-account.write',
        summary: 'Add a company bank account mapped to a GL account',
        tags: ['ledger'],
        body,
        response: { status: 201 },
      },
      async (c, { body: input }) => json(c, 201, await ledger.createCompanyBankAccount(deps(c), actionCtx(c), input)),
    )
    .add(
      {
        method: 'get',
        path: '/company-bank-accounts/:id',
        access: 'bank-account.read',
        summary: 'One company bank account',
        tags: ['ledger'],
        response: { status: 200 },
      },
      async (c) =>
        json(
          c,
          200,
          await ledger.getCompanyBankAccount(
            dbOf(c),
            c.get('tenant').id,
            uuidParam(c.req.param('id'), 'company bank account'),
          ),
        ),
    );
}
