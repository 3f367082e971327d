import { RuleError, toRuleError } from '../errors.ts';
import { resolveLimits, type Limits } from '../limits.ts';
import { canonicalJson, contentHash } from './canonical.ts';
import { asCompiledRule, wrapClosure, type CompiledRule } from './compiled-rule.ts';
import { NodeCompiler } from './compile-node.ts';
import { generateRoot } from './codegen.ts';
import { CodegenReport, type CodegenFallback } from './codegen-report.ts';
import { parseRule } from './parse.ts';
import { OpRegistry } from './registry.ts';
import type { EngineCaches, EvalContext } from './runtime.ts';
import type { OpDescriptor } from './types.ts';
import { explainRule, type Explanation, type ExplainOptions } from './explain.ts';
import { prepareRecord } from './prepare.ts';
import type { PreparedRecord } from './prepared-record.ts';
import { buildRuleDocumentSchema } from '../schema/rule-document-schema.ts';
import type { DataSchema } from '../typecheck/json-schema.ts';
import { validateRule, type ValidateOptions, type ValidationResult } from '../typecheck/validate.ts';

export interface EngineOptions extends EvalContext {
  readonly limits?: Partial<Limits>;
  /** Operations to register instead of the built-in set (advanced; default: standard + receivables). */
  readonly ops?: readonly OpDescriptor[];
  /** Maximum number of compiled rules kept in the content-hash cache. */
  readonly cacheSize?: number;
  /**
   * Generate one specialised function per rule (default true). The generated source contains only
   * fixed templates and generated names; rule values are passed by reference. Set false where
   * `new Function` is not allowed (strict CSP); evaluation then uses closures only.
   */
  readonly codegen?: boolean;
  /**
   * Called when code generation fails for a rule and the engine keeps its closures instead (the rule
   * still evaluates correctly, only slower). Nothing is printed by the library; log it from here.
   */
  readonly onCodegenFallback?: (event: CodegenFallback) => void;
}

export interface CompileOptions {
  readonly limits?: Partial<Limits>;
}

/** The compile half of an engine; validate/explain/prepare are added by createEngine. */
export class EngineCore {
  readonly ops = new OpRegistry();
  readonly limits: Readonly<Limits>;
  readonly context: EvalContext;
  readonly caches: EngineCaches = { regex: new Map(), calendars: new WeakMap() };
  readonly #cache = new Map<string, CompiledRule>();
  readonly #cacheSize: number;
  readonly #codegen: boolean;
  readonly #report = new CodegenReport();

  constructor(options: EngineOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.context = { calendars: options.calendars, tables: options.tables } as EvalContext;
    this.#cacheSize = options.cacheSize ?? 5000;
    this.#codegen = options.codegen ?? true;
    if (options.onCodegenFallback !== undefined) this.#report.listen(options.onCodegenFallback);
  }

  /** Counts of compiled rules by code generation outcome (`fallbacks` should stay 0). */
  codegenStats(): { readonly generated: number; readonly notNeeded: number; readonly fallbacks: number } {
    return this.#report.stats();
  }

  /** Subscribe to code generation fallbacks of this engine (e.g. the default engine); returns an unsubscribe. */
  onCodegenFallback(listener: (event: CodegenFallback) => void): () => void {
    return this.#report.listen(listener);
  }

  limitsFor(options?: CompileOptions): Readonly<Limits> {
    return options?.limits ? resolveLimits({ ...this.limits, ...options.limits }) : this.limits;
  }

  /** Compile a rule document to a closure; cached by content hash. Throws RuleError for a bad document. */
  compile(rule: unknown, options?: CompileOptions): CompiledRule {
    const limits = this.limitsFor(options);
    const text = canonicalJson(rule, limits.maxDepth * 2 + 2);
    const key = `${this.ops.version}|${limits === this.limits ? '' : JSON.stringify(limits)}|${text}`;
    const hit = this.#cache.get(key);
    if (hit !== undefined) return hit;
    const parsed = parseRule(rule, this.ops, limits);
    const first = parsed.diagnostics[0];
    if (first !== undefined) throw new RuleError(first.code as RuleError['code'], first.pointer, first.message);
    let fn;
    let compiler;
    try {
      compiler = new NodeCompiler(limits, this.caches);
      const root = compiler.compile(parsed.node);
      fn = root.fn;
      if (!this.#codegen || root.constant) compiler = null;
    } catch (e) {
      throw toRuleError(e);
    }
    const hash = contentHash(text);
    let compiled: CompiledRule | undefined;
    if (compiler !== null) {
      const deps = { limits, base: this.context, caches: this.caches };
      const outcome = generateRoot(parsed.node, compiler.results, compiler.generic, deps);
      if (outcome.kind === 'generated') compiled = asCompiledRule(outcome.run, hash);
      this.#report.record(outcome, hash);
    }
    compiled ??= wrapClosure(fn, hash, limits, this.context, this.caches);
    if (this.#cache.size >= this.#cacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(key, compiled);
    return compiled;
  }

  apply(rule: unknown, data?: unknown, context?: EvalContext): unknown {
    return this.compile(rule)(data, context);
  }

  /** Diagnostics for a rule (structure, arity, var paths and types against a data schema, unreachable branches). */
  validate(rule: unknown, options?: ValidateOptions): ValidationResult {
    return validateRule(this, rule, options);
  }

  /** Convert a record once (money to exact decimals, dates to day numbers) for fast repeated evaluation. */
  prepare(data: unknown, schema: DataSchema): PreparedRecord {
    return prepareRecord(data, schema);
  }

  /** JSON Schema of rule documents for this engine's operations (Monaco completion and hover). */
  ruleDocumentSchema(): Record<string, unknown> {
    return buildRuleDocumentSchema(this.ops.list());
  }

  /** Evaluate with a trace tree of every operation's inputs and result. Never throws. */
  explain(rule: unknown, data?: unknown, options?: ExplainOptions): Explanation {
    return explainRule(this, rule, data, options);
  }
}
