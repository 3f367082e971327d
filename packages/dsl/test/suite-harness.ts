import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonLogic from 'json-logic-js';
import { expect } from 'vitest';
import {
  apply,
  compile,
  createEngine,
  explain,
  getDefaultEngine,
  isRuleError,
  prepare,
  standardOps,
  type DataSchema,
  type EvalContext,
} from '../src/index.ts';

const closureEngine = createEngine({ codegen: false });

/** A schema for arbitrary test data: strings that parse as dates / amounts get those formats (to exercise prepare). */
export function inferSchema(v: unknown, depth = 0): DataSchema {
  if (depth > 8) return {};
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return { type: 'string', format: 'date' };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) return { type: 'string', format: 'decimal' };
    return { type: 'string' };
  }
  if (typeof v === 'number')
    return { type: 'number', format: Number.isInteger(v) ? undefined : 'decimal' } as DataSchema;
  if (Array.isArray(v)) return { type: 'array', items: {} };
  if (typeof v === 'object' && v !== null) {
    return {
      type: 'object',
      properties: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, inferSchema(x, depth + 1)])),
    };
  }
  return {};
}

export const dslRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Row = [rule: unknown, data: unknown, expected: unknown];
export interface Section {
  readonly title: string;
  readonly rows: Row[];
}

/** Read a `[header, [rule, data, expected], ...]` file into titled sections. */
export function readSuite(file: string): Section[] {
  const items = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  const sections: Section[] = [];
  let current: Section = { title: '(untitled)', rows: [] };
  for (const item of items) {
    if (typeof item === 'string') {
      if (current.rows.length > 0) sections.push(current);
      current = { title: item, rows: [] };
    } else current.rows.push(item as Row);
  }
  if (current.rows.length > 0) sections.push(current);
  return sections;
}

export function suiteFiles(): string[] {
  const dir = path.join(dslRoot, 'suites');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .map((f) => path.join(dir, f));
}

const standardNames = new Set(standardOps.map((o) => o.name));

/** True when every operation in the rule is a standard JsonLogic one (json-logic-js can run it). */
export function usesOnlyStandardOps(rule: unknown): boolean {
  if (Array.isArray(rule)) return rule.every(usesOnlyStandardOps);
  if (typeof rule !== 'object' || rule === null) return true;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return true;
  const name = keys[0] as string;
  return standardNames.has(name) && usesOnlyStandardOps((rule as Record<string, unknown>)[name]);
}

/** json-logic-js's answer, with console output from `log` silenced. */
export function jsonLogicApply(rule: unknown, data: unknown): { value?: unknown; threw?: unknown } {
  const log = console.log;
  console.log = () => {};
  try {
    return { value: jsonLogic.apply(rule as never, data as never) };
  } catch (e) {
    return { threw: e };
  } finally {
    console.log = log;
  }
}

const expectedError = (v: unknown): string | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { $error?: unknown }).$error === 'string'
    ? (v as { $error: string }).$error
    : undefined;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (!isRuleError(e)) throw new Error(`threw a non-RuleError: ${String(e)}`);
    return e.code;
  }
  return '(no error)';
}

/** Run one row through apply, compile, explain and, for standard rules, json-logic-js. */
export function checkRow(row: Row, context?: EvalContext): void {
  const fallbacks = getDefaultEngine().codegenStats().fallbacks;
  checkRowResults(row, context);
  // Code generation must work for every rule in the suites (a fallback to closures is a bug).
  expect(getDefaultEngine().codegenStats().fallbacks, 'code generation fell back to closures').toBe(fallbacks);
}

function checkRowResults(row: Row, context?: EvalContext): void {
  const [rule, data, expected] = row;
  const err = expectedError(expected);
  const standard = usesOnlyStandardOps(rule);
  if (err !== undefined) {
    expect(
      codeOf(() => apply(rule, data, context)),
      'apply',
    ).toBe(err);
    expect(
      codeOf(() => compile(rule)(data, context)),
      'compile',
    ).toBe(err);
    expect(
      codeOf(() => closureEngine.compile(rule)(data, context)),
      'closures',
    ).toBe(err);
    expect(
      codeOf(() => compile(rule)(prepare(data, inferSchema(data)), context)),
      'prepared',
    ).toBe(err);
    expect(explain(rule, data, context).error?.code, 'explain').toBe(err);
    if (standard && err === 'not_finite') {
      const jl = jsonLogicApply(rule, data);
      const bad = jl.threw !== undefined || (typeof jl.value === 'number' && !Number.isFinite(jl.value));
      expect(bad, 'json-logic-js yields NaN/Infinity here').toBe(true);
    }
    return;
  }
  expect(apply(rule, data, context), 'apply').toEqual(expected);
  expect(compile(rule)(data, context), 'compile').toEqual(expected);
  expect(closureEngine.compile(rule)(data, context), 'closures').toEqual(expected);
  expect(compile(rule)(prepare(data, inferSchema(data)), context), 'prepared').toEqual(expected);
  const ex = explain(rule, data, context);
  expect(ex.error, 'explain error').toBeUndefined();
  expect(ex.result, 'explain').toEqual(expected);
  if (standard) expect(jsonLogicApply(rule, data).value, 'json-logic-js').toEqual(expected);
}
