import { describe, expect, it } from 'vitest';
import { createEngine, sampleCalendars } from '../index.ts';

const engine = createEngine({ calendars: sampleCalendars, tables: { risk_grade: { C001: 'A' } } });

describe('every operation documents a working example', () => {
  for (const op of engine.ops.list()) {
    it(op.name, () => {
      expect(op.doc.summary.length).toBeGreaterThan(10);
      const { rule, data, result } = op.doc.example;
      expect(engine.apply(rule, data ?? null)).toEqual(result);
    });
  }
});
