import { createRequire } from 'node:module';
import { demoCustomers, type DemoCustomer } from './customers.ts';

const require = createRequire(import.meta.url);

export const demoTenant = {
  slug: 'demo',
  name: '华东精密制造有限公司 Huadong Precision Manufacturing',
  baseCurrency: 'CNY',
  timeZone: 'Asia/Shanghai',
  roundingMode: 'half-up' as const,
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
export { demoCustomers, type DemoCustomer };
