import { describe, expect, it } from 'vitest';
import { dataErrors, effectiveForm, withRule } from './preview.ts';
import type { FormDoc } from './doc.ts';

const doc: FormDoc = {
  action: 'bad-debt-write-off',
  schema: {
    type: 'object',
    required: ['reason'],
    properties: { reason: { type: 'string' }, courtCase: { type: 'string' }, note: { type: 'string' } },
  },
};

describe('the form preview', () => {
  it('hides what the conditions hide and requires what they require', () => {
    expect(effectiveForm(doc, { hidden: ['courtCase'], required: ['note'] }).schema).toEqual({
      type: 'object',
      required: ['reason', 'note'],
      properties: { reason: { type: 'string' }, note: { type: 'string' } },
    });
  });

  it('re-roots the server pointers into the submission', () => {
    expect(
      dataErrors([
        { pointer: '/data/note', reason: 'is required' },
        { pointer: '/attachments', reason: 'x' },
      ]),
    ).toEqual([{ pointer: '/note', reason: 'is required' }]);
  });

  it('sets and removes rules; empty text removes, a condition with no rule left goes', () => {
    const a = withRule(doc, 'show', 'courtCase', '{"==":[{"var":"form.reason"},"litigation"]}');
    expect(a.conditions).toEqual({ courtCase: { show: { '==': [{ var: 'form.reason' }, 'litigation'] } } });
    expect(withRule(a, 'show', 'courtCase', ' ').conditions).toEqual({});
    expect(withRule(doc, 'prefill', 'note', '"n/a"').prefill).toEqual({ note: 'n/a' });
    expect(() => withRule(doc, 'require', 'note', '{oops')).toThrow();
  });
});
