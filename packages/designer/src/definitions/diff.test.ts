import { describe, expect, it } from 'vitest';
import { diffJson, preview } from './diff.ts';

describe('definition diff', () => {
  it('lists adds, removes and replacements by JSON pointer', () => {
    const a = { subject: 'receipt', logic: { '>': [{ var: 'a' }, 1] }, tags: ['x', 'y'], 'a/b': 1 };
    const b = { subject: 'receipt', logic: { '>': [{ var: 'b' }, 1] }, tags: ['x'], title: 'T' };
    expect(diffJson(a, b)).toEqual([
      { op: 'replace', pointer: '/logic/>/0/var', from: 'a', to: 'b' },
      { op: 'remove', pointer: '/tags/1', from: 'y' },
      { op: 'remove', pointer: '/a~1b', from: 1 },
      { op: 'add', pointer: '/title', to: 'T' },
    ]);
    expect(diffJson(a, structuredClone(a))).toEqual([]);
    expect(diffJson(1, '1')).toEqual([{ op: 'replace', pointer: '/', from: 1, to: '1' }]);
  });
  it('previews long values on one line', () => {
    expect(preview({ a: 'x'.repeat(200) }, 20)).toHaveLength(20);
  });
});
