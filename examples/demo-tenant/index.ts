import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { demoCustomers, type DemoCustomer } from './customers.ts';

const require = createRequire(import.meta.url);

export const demoTenant = {
  slug: 'demo',
  name: '华东精密制造有限公司 Huadong Precision Manufacturing',
  baseCurrency: 'CNY',
  timeZone: 'Asia/Shanghai',
  roundingMode: 'half_up' as const,
};

/** Every demo user has this password (a demo, not a secret). */
export const demoPassword = 'hexiao-demo';

export const demoUsers = require('./users.json') as {
  email: string;
  name: string;
  roles: string[];
  attributes?: Record<string, unknown>;
}[];
export const demoCustomerObjectType = require('./object-type.customer.json') as object;
/** The demo's invoices keep the dates commercial aging can start from (order, shipment, revenue, estimate). */
export const demoReceivableObjectType = require('./object-type.receivable.json') as object;
/** The roles the demo approval flows assign (the built-in ones are every tenant's). */
export const demoRoles = require('./roles.json') as { key: string; name: string; permissions: string[] }[];

type Definition = { kind: string; key: string; document: object };

/** The `<key>.<kind>.json` files of a folder, by name. */
const definitionsIn = (folder: string): Definition[] =>
  readdirSync(new URL(`./${folder}/`, import.meta.url))
    .sort()
    .map((file) => {
      const [key, kind] = file.split('.');
      return { kind: kind!, key: key!, document: require(`./${folder}/${file}`) as object };
    });

/** Published definitions of the demo approvals, in publishing order: forms, then the flows they start, then screens. */
export function demoApprovalDefinitions(): Definition[] {
  return ['forms', 'flows', 'screens'].flatMap(definitionsIn);
}
/** The demo's aging ladders (`aging-buckets` definitions), published at seed time. */
export function demoAgingDefinitions(): Definition[] {
  return definitionsIn('aging');
}
/** How the demo's clerk imports its bank's statements (`connector-config` definitions). */
export function demoConnectorDefinitions(): Definition[] {
  return definitionsIn('connectors');
}
export { demoCustomers, type DemoCustomer };
