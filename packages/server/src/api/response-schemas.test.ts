import { describe, expect, it } from 'vitest';
import { v1Tables } from './app.ts';

/**
 * Routes that answer JSON without declaring its schema: OpenAPI shows them as a bare object. The list only
 * shrinks: a new route declares its response schema, and a route that gains one leaves the list.
 */
const undeclared = new Set<string>([
  'POST /auth/login',
  'GET /auth/me',
  'POST /tokens',
  'GET /tokens',
  'DELETE /tokens/:id',
  'PUT /users/:id/roles',
  'GET /definition-kinds',
  'GET /definitions',
  'POST /definitions/:kind/validate',
  'GET /definitions/:kind/:key',
  'PUT /definitions/:kind/:key/draft',
  'POST /definitions/:kind/:key/publish',
  'GET /definitions/:kind/:key/diff',
  'GET /definitions/:kind/:key/:version',
  'POST /definitions/:kind/:key/:version/rollback',
  'POST /definitions/:kind/:key/:version/archive',
  'GET /audit',
  'GET /audit/verify',
  'GET /permissions',
  'POST /receivables/:id/reversal',
  'POST /receipts/:id/reversal',
  'GET /ledger/check',
  'GET /company-bank-accounts',
  'POST /company-bank-accounts',
  'GET /company-bank-accounts/:id',
  'POST /customers/:id/bank-accounts',
  'DELETE /customers/:id/bank-accounts/:accountId',
  'GET /bank-account-changes',
  'POST /bank-account-changes/:id/confirm',
  'POST /bank-account-changes/:id/reject',
  'POST /imports',
  'GET /imports',
  'GET /imports/:id',
  'GET /bank-lines',
  'GET /bank-lines/:id',
  'GET /rules/language',
  'GET /rules/subjects/:subject/schema',
  'POST /rules/validate',
  'POST /rules/explain',
  'GET /connectors',
  'POST /roles/scope-preview',
  'GET /auth/session',
  'GET /forms',
  'POST /forms/:key/start',
  'POST /forms/preview',
  'POST /requests/check',
  'POST /requests',
  'GET /requests',
  'GET /requests/:id',
  'POST /requests/:id/attachments',
  'POST /attachments',
  'GET /screens',
  'GET /screens/:key/candidates',
  'POST /screens/:key/start',
  'GET /inbox',
  'POST /tasks/:id/approve',
  'POST /tasks/:id/reject',
  'POST /tasks/:id/return',
  'POST /tasks/:id/delegate',
  'POST /tasks/:id/add-signer',
  'GET /approvals/:id',
  'GET /requests/:id/approval',
  'POST /approvals/:id/withdraw',
  'POST /approvals/:id/resubmit',
  'POST /approvals/:id/migrate',
  'POST /flows/:key/simulate',
  'GET /delegations',
  'POST /delegations',
  'POST /delegations/:id/revoke',
  'POST /approvals/:id/comments',
  'GET /notifications',
  'POST /notifications/read',
  'POST /matching-runs',
  'GET /matching-runs',
  'GET /matching-runs/:id',
  'GET /matching/queue',
  'GET /matching-decisions/:id',
  'POST /matching-decisions/:id/accept',
  'POST /matching-decisions/:id/reject',
  'POST /receipts/:id/assignment',
  'POST /matching-backtests',
  'GET /matching-backtests/:id',
  'POST /matching-proposals',
  'GET /matching/queue/receivables',
  'POST /matching/allocation-preview',
  'GET /reports/aging',
  'GET /reports/collection-plan',
  'GET /reports/kpis',
  'GET /customers/:id/statement',
  'POST /reminders/sweep',
  'GET /reminders',
  'GET /reports/risky-customers',
  'GET /customers/:id/credit',
  'POST /credit-checks',
]);

const routes = v1Tables().flatMap((t) => t.specs);
const answersJson = (s: (typeof routes)[number]) =>
  s.response?.status !== 204 && (s.response?.contentType ?? 'application/json') === 'application/json';

describe('response schemas', () => {
  it('every JSON route declares what it returns (OpenAPI documents it, API tests check answers against it)', () => {
    const missing = routes
      .filter((s) => answersJson(s) && !s.response?.schema)
      .map((s) => `${s.method.toUpperCase()} ${s.path}`);
    expect(missing.filter((r) => !undeclared.has(r))).toEqual([]);
    expect([...undeclared].filter((r) => !missing.includes(r))).toEqual([]);
  });
});
