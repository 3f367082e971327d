import type { Limits } from '../limits.ts';
import type { RuntimeContext } from './runtime.ts';

/** Value types known to the type checker. `decimal` is a money string, `date` a YYYY-MM-DD string. */
export type ValueType = 'any' | 'null' | 'boolean' | 'number' | 'string' | 'decimal' | 'date' | 'array' | 'object';

/** A compiled node: evaluates against the current scope's data. */
export type Closure = (data: unknown, rt: RuntimeContext) => unknown;

/** A parsed rule node. `ptr` is the JSON pointer of the node inside the rule document. */
export type RuleNode =
  | { readonly k: 'lit'; readonly value: unknown; readonly ptr: string }
  | { readonly k: 'arr'; readonly items: readonly RuleNode[]; readonly ptr: string }
  | {
      readonly k: 'op';
      readonly name: string;
      readonly op: OpDescriptor;
      readonly args: readonly RuleNode[];
      readonly ptr: string;
    };

export interface OpSignature {
  /** Parameter types; the last one repeats when `rest` is true. */
  readonly params: readonly ValueType[];
  readonly rest?: boolean;
  readonly result: ValueType;
}

export interface OpDoc {
  readonly summary: string;
  readonly example: { readonly rule: unknown; readonly data?: unknown; readonly result: unknown };
  readonly notes?: string;
}

/** What a `compile` hook of an op receives for each argument. */
export interface CompiledArg {
  readonly fn: Closure;
  readonly node: RuleNode;
  readonly constant: boolean;
  readonly value: unknown;
}

export interface CompileInfo {
  /** JSON pointer of the op node. */
  readonly at: string;
  /** True when the node is evaluated inside a map/filter/reduce/all/some/none lambda. */
  readonly scoped: boolean;
  readonly limits: Readonly<Limits>;
}

interface OpCommon {
  readonly name: string;
  readonly arity: { readonly min: number; readonly max?: number };
  readonly pure: boolean;
  readonly signature: OpSignature;
  readonly doc: OpDoc;
  /** Argument indexes evaluated with a new data scope (the lambda of map, filter, ...). */
  readonly scopedArgs?: readonly number[];
  /** 'standard' for JsonLogic operations, 'ar' for receivables extensions. */
  readonly family: 'standard' | 'ar';
}

export interface EagerOpSpec extends OpCommon {
  readonly lazy: false;
  evaluate(args: unknown[], rt: RuntimeContext, at: string): unknown;
  compile?(args: readonly CompiledArg[], info: CompileInfo): Closure | undefined;
}

export interface LazyOpSpec extends OpCommon {
  readonly lazy: true;
  evaluate(args: readonly Closure[], data: unknown, rt: RuntimeContext, at: string): unknown;
  compile?(args: readonly CompiledArg[], info: CompileInfo): Closure | undefined;
}

export type OpSpec = EagerOpSpec | LazyOpSpec;
export type OpDescriptor = OpSpec & { readonly [opBrand]: true };

export const opBrand: unique symbol = Symbol.for('hexiao:dsl-op') as never;
