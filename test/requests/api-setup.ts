import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const demo = new URL('../../examples/demo-tenant/', import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, demo), 'utf8'));

/** A test app whose tenant has the demo customer object type, forms, flows and screens published. */
export async function requestApp(config: Parameters<typeof createTestApp>[0] = {}, o: { approvers?: boolean } = {}) {
  const t = await createTestApp({
    ...config,
    config: { dataDir: mkdtempSync(join(tmpdir(), 'hexiao-test-data-')), ...config.config },
  });
  const publish = async (kind: string, key: string, document: unknown) => {
    const d = await t.call('PUT', `/api/v1/definitions/${kind}/${key}/draft`, { document });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    const p = await t.call('POST', `/api/v1/definitions/${kind}/${key}/publish`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
  };
  await publish('object-type', 'customer', read('object-type.customer.json'));
  for (const folder of ['flows', 'forms', 'screens'])
    for (const f of readdirSync(new URL(`${folder}/`, demo))) {
      const [key, kind] = f.split('.');
      await publish(kind!, key!, read(`${folder}/${f}`));
    }
  if (o.approvers !== false) await approvers(t);
  else await approverRoles(t);
  const customer = async (name: string, custom: Record<string, unknown> = {}) => {
    const r = await t.call('POST', '/api/v1/customers', {
      code: `C-${randomBytes(4).toString('hex')}`,
      name,
      objectType: 'customer',
      custom: { industry: 'machinery', creditGrade: 'C', ...custom },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  const post = async (path: string, body: unknown) => {
    const r = await t.call('POST', path, body, { 'idempotency-key': randomBytes(8).toString('hex') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const invoice = async (customerId: string, amount: string, dueDate: string) =>
    (
      await post('/api/v1/receivables', {
        type: 'invoice',
        customerId,
        currency: 'CNY',
        amount,
        documentDate: dueDate,
        dueDate,
      })
    ).document.id as string;
  /** A receipt allocated to the invoice (a partial payment). */
  const pay = async (customerId: string, invoiceId: string, amount: string, date: string) => {
    const receipt = await post('/api/v1/receipts', { customerId, currency: 'CNY', amount, documentDate: date });
    await post('/api/v1/settlements', {
      lines: [{ debitDocumentId: invoiceId, creditDocumentId: receipt.document.id, amount }],
    });
  };
  return { ...t, customer, invoice, pay };
}

const approverPermissions = ['customer.read', 'receivable.read', 'receipt.read', 'writeoff.approve'];

/** The roles the demo flows assign that are not built in. */
export async function approverRoles(t: TestApp) {
  for (const key of ['sales-manager', 'sales-director', 'legal-counsel', 'legal-head', 'general-manager']) {
    const r = await t.call('PUT', `/api/v1/roles/${key}`, { name: key, permissions: approverPermissions });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}

/** The people the demo flows assign (a sales manager per org unit, a finance manager), so filed requests route. */
export async function approvers(t: TestApp) {
  await approverRoles(t);
  return {
    salesEast: await t.userToken(['sales-manager'], { orgUnit: 'East' }),
    salesNorth: await t.userToken(['sales-manager'], { orgUnit: 'North' }),
    finance: await t.userToken(['finance-manager']),
  };
}

export const as = (token: string) => ({ authorization: `Bearer ${token}` });
