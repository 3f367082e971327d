import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../definitions/index.ts';
import { defaultRuleSet } from './default-rule-set.ts';
import { ruleSetKind } from './rule-set.kind.ts';

const withRule = (over: Record<string, unknown>) => ({
  rules: [{ name: 'r', stage: 'document-reference', mode: 'auto', ...over }],
});
const pointers = (doc: unknown) => checkDefinition(ruleSetKind, doc).map((e) => e.pointer);

describe('rule-set definition kind', () => {
  it('accepts the default rule set', () => {
    expect(checkDefinition(ruleSetKind, defaultRuleSet)).toEqual([]);
  });

  it('refuses bad rule sets at save, each error with a pointer', () => {
    expect(pointers(withRule({ filter: { frobnicate: [1] } }))).toEqual(['/rules/0/filter']);
    expect(checkDefinition(ruleSetKind, withRule({ filter: { frobnicate: [1] } }))[0]!.reason).toMatch(/frobnicate/);
    expect(pointers(withRule({ score: { '+': [{ var: 'receipt.nonsense' }, 1] } }))).toEqual(['/rules/0/score/+/0']);
    expect(pointers(withRule({ tolerance: { absolute: '-1.00', adjustment: 'bank-fee' } }))).toEqual([
      '/rules/0/tolerance/absolute',
    ]);
    expect(pointers(withRule({ subset: { maxItems: 40 } }))).toEqual(['/rules/0/subset/maxItems']);
    expect(pointers(withRule({ subset: { maxPick: 7, nodeBudget: 2_000_000 } }))).toEqual([
      '/rules/0/subset/maxPick',
      '/rules/0/subset/nodeBudget',
    ]);
    expect(pointers(withRule({ threshold: 101 }))).toEqual(['/rules/0/threshold']);
    expect(pointers(withRule({ threshold: -1 }))).toEqual(['/rules/0/threshold']);
    expect(pointers({ rules: [], suggestThreshold: 200 })).toEqual(['/rules', '/suggestThreshold']);
    expect(pointers(withRule({ stage: 'telepathy' }))).toEqual(['/rules/0/stage']);
    expect(pointers(withRule({ patterns: { invoice: 'INV-(' } }))).toEqual(['/rules/0/patterns/invoice']);
    expect(pointers(withRule({ allocation: { expression: { var: 'receivable.dueDat' } } }))).toEqual([
      '/rules/0/allocation/expression',
    ]);
    expect(
      pointers({
        rules: [
          { name: 'a', stage: 'amount', mode: 'auto' },
          { name: 'a', stage: 'subset', mode: 'auto' },
        ],
      }),
    ).toEqual(['/rules/1/name']);
    const shapes = (learnedReferences: unknown) => pointers({ ...withRule({}), learnedReferences });
    expect(shapes([{ text: 'RE {2} {1}', number: 'INV-20{1:2}-{2:4}', settlements: 3 }])).toEqual([]);
    expect(shapes([{ text: 'RE {1}', number: 'INV-{1}' }])).toEqual(['/learnedReferences/0']);
    expect(shapes([{ text: 'RE {1} {2}', number: 'INV-{1:4}' }])).toEqual(['/learnedReferences/0']);
    expect(shapes([{ text: 'RE {1}' }])).toEqual(['/learnedReferences/0/number']);
  });
});
