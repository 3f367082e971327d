import { describe, expect, it } from 'vitest';
import { formatDslBench, runDslBench } from '../bench/run.ts';

// Not a timed test: it checks that the benchmark runs every engine on the same rules and records,
// that they agree, and that its report has the figures the README and `hexiao bench dsl` use.
describe('the rules benchmark', () => {
  it('runs json-logic-js, json-logic-engine and hexiao on the same rules, agreeing, with no codegen fallback', async () => {
    const r = await runDslBench({ records: 1000, passMillis: 1 });
    expect(r.rules.map((f) => f.rule)).toHaveLength(4);
    for (const f of r.rules) {
      expect(f.agree, f.rule).toBe(true);
      for (const rate of [f.jsonLogicPerSec, f.jsonLogicEnginePerSec, f.compiledPerSec, f.compiledPreparedPerSec]) {
        expect(rate, f.rule).toBeGreaterThan(0);
      }
      expect(f.ratio).toBeCloseTo(f.compiledPerSec / f.jsonLogicPerSec, 0);
      expect(f.ratioVsEngine).toBeCloseTo(f.compiledPerSec / f.jsonLogicEnginePerSec, 1);
    }
    expect(r.codegen.fallbacks).toBe(0);
    expect(r.peers).toEqual({ 'json-logic-js': '2.0.5', 'json-logic-engine': '5.0.7' });
    expect(Object.keys(r.targets)).toEqual([
      'matchingPreparedPerSec',
      'matchingRatio',
      'minRatioAllRules',
      'met',
      'plain',
    ]);
    const text = formatDslBench(r);
    for (const f of r.rules) expect(text).toContain(f.rule);
    expect(text).toMatch(/prepare: +[\d.]+ µs per record/);
  });
});
