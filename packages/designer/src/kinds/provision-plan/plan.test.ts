import { describe, expect, it } from 'vitest';
import { addBucket } from './plan.ts';

describe('addBucket', () => {
  it('closes the open-ended last bucket after a year and opens the new one at its rate', () => {
    expect(
      addBucket([
        { id: 'not-due', to: 0, rate: '0.005' },
        { id: 'overdue', from: 1, rate: '0.2' },
      ]),
    ).toEqual([
      { id: 'not-due', to: 0, rate: '0.005' },
      { id: 'overdue', from: 1, to: 365, rate: '0.2' },
      { id: 'bucket-3', from: 366, rate: '0.2' },
    ]);
  });

  it('starts a plan with one bucket and never reuses an id', () => {
    expect(addBucket([])).toEqual([{ id: 'bucket-1', rate: '0' }]);
    expect(addBucket([{ id: 'bucket-2', rate: '1' }]).map((b) => b.id)).toEqual(['bucket-2', 'bucket-3']);
    expect(
      addBucket([
        { id: 'a', rate: '1' },
        { id: 'bucket-3', from: 5, rate: '1' },
      ]).at(-1)!.id,
    ).toBe('bucket-4');
  });
});
