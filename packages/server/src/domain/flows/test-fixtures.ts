import { createRequire } from 'node:module';
import type { Directory, DirectoryUser } from './directory.ts';
import type { FlowDocument } from './flow-schema.ts';
import type { FlowData } from './state.ts';

const require = createRequire(import.meta.url);

/** ENGINES.md §2.4's three-level bad-debt write-off, as the demo tenant publishes it. */
export const badDebtFlow =
  require('../../../../../examples/demo-tenant/flows/bad-debt-write-off.flow.json') as FlowDocument;

const user = (id: string, roles: string[], attributes: Record<string, unknown> = {}): DirectoryUser => ({
  id,
  email: `${id}@example.test`,
  name: id,
  roles,
  attributes,
  active: true,
});

/** One holder of each role §2.4 assigns, two sales managers in different org units, and a requester. */
export const people: Directory = {
  users: [
    user('clerk', ['clerk']),
    user('sm-east', ['sales-manager'], { orgUnit: 'East' }),
    user('sm-north', ['sales-manager'], { orgUnit: 'North' }),
    user('sd', ['sales-director']),
    user('fm', ['finance-manager']),
    user('lc', ['legal-counsel']),
    user('lh', ['legal-head']),
    user('cfo', ['cfo']),
    user('gm', ['general-manager']),
  ],
  delegations: [],
};

export const writeOff = (
  amount: string,
  o: { disputed?: boolean; reason?: string; manager?: string } = {},
): FlowData => ({
  form: { receivableIds: ['r1'], amount, reason: o.reason ?? 'bankruptcy' },
  customer: { salesManagerId: o.manager ?? null, orgUnit: 'East', inLegalDispute: o.disputed ?? false },
});

/** A deterministic environment: ids t1, t2, … and a fixed clock. */
export function testEnv(directory: Directory = people, now = '2026-03-02T09:00:00.000Z') {
  let n = 0;
  return { now, newId: () => `t${++n}`, directory };
}
