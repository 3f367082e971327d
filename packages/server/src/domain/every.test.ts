import { afterEach, describe, expect, it, vi } from 'vitest';
import { everyRound } from './every.ts';

describe('everyRound', () => {
  afterEach(() => vi.useRealTimers());

  it('runs a round per tick, never two at once, goes on after a failure, and stops', async () => {
    vi.useFakeTimers();
    let started = 0;
    let release: () => void = () => {};
    const failures: string[] = [];
    const stop = everyRound(
      1000,
      () => {
        started++;
        if (started === 2) return Promise.reject(new Error('boom'));
        return new Promise<void>((r) => (release = r));
      },
      (e) => failures.push(e.message),
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(1);
    await vi.advanceTimersByTimeAsync(3000); // the first round still runs: the ticks are skipped
    expect(started).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect([started, failures]).toEqual([2, ['boom']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(3);
    stop();
    release();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(3);
  });
});
