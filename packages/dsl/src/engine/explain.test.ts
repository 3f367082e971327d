import { describe, expect, it } from 'vitest';
import { explain } from '../index.ts';

describe('explain', () => {
  it('returns the evaluated tree with pointers, inputs and results', () => {
    const rule = { and: [{ 'dec>=': [{ var: 'amount' }, '100.00'] }, { '==': [{ var: 'currency' }, 'EUR'] }] };
    const e = explain(rule, { amount: '150', currency: 'USD' });
    expect(e.result).toBe(false);
    expect(e.trace).toMatchObject({
      op: 'and',
      pointer: '',
      inputs: [true, false],
      result: false,
      children: [
        {
          op: 'dec>=',
          pointer: '/and/0',
          inputs: ['150', '100.00'],
          result: true,
          children: [{ op: 'var', pointer: '/and/0/dec>=/0', result: '150' }],
        },
        { op: '==', pointer: '/and/1', inputs: ['USD', 'EUR'], result: false },
      ],
    });
  });

  it('shows short-circuited branches as not evaluated', () => {
    const e = explain({ if: [{ var: 'vip' }, 'fast', { var: 'x' }] }, { vip: true });
    expect(e.result).toBe('fast');
    expect(e.trace?.children.map((c) => c.pointer)).toEqual(['/if/0']);
  });

  it('records each lambda evaluation and log values', () => {
    const e = explain({ map: [{ var: 'xs' }, { log: { var: '' } }] }, { xs: [1, 2] });
    expect(e.result).toEqual([1, 2]);
    expect(e.logs).toEqual([1, 2]);
    expect(e.trace?.children.filter((c) => c.op === 'log')).toHaveLength(2);
  });

  it('reports the failing node instead of throwing', () => {
    const e = explain({ '+': [1, { 'dec+': [{ var: 'a' }, 1] }] }, { a: null });
    expect(e.error).toMatchObject({ code: 'type', pointer: '/+/1' });
    expect(e.trace?.children[0]).toMatchObject({ op: 'dec+', error: { code: 'type' } });
    expect(explain({ nope: 1 }).error?.code).toBe('unknown_op');
  });

  it('caps the number of recorded nodes', () => {
    const e = explain(
      { map: [{ var: 'xs' }, { '+': [{ var: '' }, 1] }] },
      { xs: Array.from({ length: 100 }, (_, i) => i) },
      { maxTraceNodes: 10 },
    );
    expect(e.result).toHaveLength(100);
    expect(e.truncated).toBeGreaterThan(0);
  });
});
