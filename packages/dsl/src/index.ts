import { createEngine, type Engine } from './engine/create-engine.ts';
import type { CompileOptions } from './engine/engine.ts';
import type { EvalContext } from './engine/runtime.ts';
import type { Explanation, ExplainOptions } from './engine/explain.ts';
import type { PreparedRecord } from './engine/prepared-record.ts';
import type { DataSchema } from './typecheck/json-schema.ts';
import type { ValidateOptions, ValidationResult } from './typecheck/validate.ts';

export { createEngine, type Engine } from './engine/create-engine.ts';
export type { EngineOptions, CompileOptions } from './engine/engine.ts';
export type { CodegenFallback } from './engine/codegen-report.ts';
export type { CompiledRule } from './engine/compiled-rule.ts';
export type { EvalContext, CalendarSpec } from './engine/runtime.ts';
export type { Explanation, ExplainOptions, TraceNode } from './engine/explain.ts';
export type { DataSchema } from './typecheck/json-schema.ts';
export type { ValidateOptions, ValidationResult } from './typecheck/validate.ts';
export type { Diagnostic } from './engine/diagnostic.ts';
export type { OpDescriptor, OpSpec, ValueType, Closure, CompiledArg, CompileInfo } from './engine/types.ts';
export { defineOp, isOp } from './engine/define-op.ts';
export { PreparedRecord } from './engine/prepared-record.ts';
export { iso4217, moneyMinorUnits } from './money/iso4217.ts';
export { Decimal, type DecimalRounding } from './money/decimal.ts';
export { roundingModes, isRoundingMode, type RoundingMode } from './ops/ar/decimal/rounding.ts';
export { RuleError, isRuleError, type RuleErrorCode } from './errors.ts';
export { defaultLimits, type Limits } from './limits.ts';
export { standardOps } from './ops/standard/index.ts';
export { arOps } from './ops/ar/index.ts';
export { cnCalendar2025to2026, sampleCalendars } from './ops/ar/dates/cn-calendar.ts';
export { nameParts, nameSimilarity } from './ops/ar/text/similarity.ts';
export { normalizeText } from './ops/ar/text/normalize.ts';

let defaultEngine: Engine | undefined;
/** The engine behind the top-level functions (built-in ops, default limits). */
export function getDefaultEngine(): Engine {
  defaultEngine ??= createEngine();
  return defaultEngine;
}

export function compile(rule: unknown, options?: CompileOptions) {
  return getDefaultEngine().compile(rule, options);
}

export function apply(rule: unknown, data?: unknown, context?: EvalContext): unknown {
  return getDefaultEngine().apply(rule, data, context);
}

export function explain(rule: unknown, data?: unknown, options?: ExplainOptions): Explanation {
  return getDefaultEngine().explain(rule, data, options);
}

export function validate(rule: unknown, options?: ValidateOptions): ValidationResult {
  return getDefaultEngine().validate(rule, options);
}

export function prepare(data: unknown, schema: DataSchema): PreparedRecord {
  return getDefaultEngine().prepare(data, schema);
}

/** JSON Schema of rule documents for the built-in operations (or pass an engine with your own ops). */
export function ruleDocumentSchema(engine: Engine = getDefaultEngine()): Record<string, unknown> {
  return engine.ruleDocumentSchema();
}
