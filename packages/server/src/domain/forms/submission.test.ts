import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../definitions/index.ts';
import { checkSubmission, prefillForm, requiredAttachments, type FormDocument } from './index.ts';

const form = JSON.parse(
  readFileSync(
    new URL('../../../../../examples/demo-tenant/forms/bad-debt-write-off.form.json', import.meta.url),
    'utf8',
  ),
) as FormDocument;
const hash = contentHash(form);
const id = '0190a4f0-0000-7000-8000-000000000001';
const facts = {
  customer: { name: '苏州宏达机械有限公司', inLegalDispute: false },
  subject: {
    receivables: [{ id, openAmount: '80000' }],
    openAmount: '80000',
    daysOverdue: 420,
    provision: '12000',
    currency: 'CNY',
  },
  requester: { id: 'u1' },
};
const valid = { receivableIds: [id], amount: '80000', reason: 'bankruptcy', courtCase: '(2026)沪01破12号' };

describe('a submission against its form version', () => {
  it('prefills from the subject', () => {
    expect(prefillForm(form, facts)).toEqual({
      data: {
        receivableIds: [id],
        customerName: '苏州宏达机械有限公司',
        openAmount: '80000',
        daysOverdue: 420,
        provision: '12000',
        amount: '80000',
      },
      notes: [],
    });
  });

  it('passes when it fits; a field the conditions hide is dropped, not stored', () => {
    expect(checkSubmission(form, hash, valid, facts)).toMatchObject({ errors: [], data: valid });
    const other = checkSubmission(form, hash, { ...valid, reason: 'other', explanation: 'gone' }, facts);
    expect(other.errors).toEqual([]);
    expect(other.data).not.toHaveProperty('courtCase');
    expect(other.states.hidden).toEqual(['courtCase']);
  });

  it('refuses with pointers: schema, conditional requirements, not an object', () => {
    const { courtCase: _c, ...noCase } = valid;
    void _c;
    expect(checkSubmission(form, hash, { ...noCase, reason: 'litigation' }, facts).errors).toEqual([
      { pointer: '/data/courtCase', reason: 'is required (by the form’s condition)' },
    ]);
    expect(checkSubmission(form, hash, { ...valid, reason: 'other' }, facts).errors).toEqual([
      { pointer: '/data/explanation', reason: 'is required (by the form’s condition)' },
    ]);
    expect(checkSubmission(form, hash, { ...valid, amount: '1e5', reason: 'moon' }, facts).errors).toEqual([
      { pointer: '/data/amount', reason: expect.stringMatching(/pattern/) },
      { pointer: '/data/reason', reason: expect.stringMatching(/^must be one of "bankruptcy"/) },
    ]);
    expect(checkSubmission(form, hash, { amount: '5' }, facts).errors.map((e) => e.pointer)).toEqual([
      '/data/receivableIds',
      '/data/reason',
    ]);
    for (const bad of [null, [], 'x', 42])
      expect(checkSubmission(form, hash, bad, facts).errors).toEqual([
        { pointer: '/data', reason: 'must be an object of form fields' },
      ]);
  });

  it('requires the evidence its conditions name', () => {
    expect(requiredAttachments(form, valid, facts)).toEqual(['bankruptcy-notice']);
    expect(requiredAttachments(form, { ...valid, reason: 'statute-barred' }, facts)).toEqual([]);
  });
});
