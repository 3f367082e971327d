import type { Diagnostic } from '../engine/diagnostic.ts';
import type { EngineCore } from '../engine/engine.ts';
import { NodeCompiler } from '../engine/compile-node.ts';
import { parseRule } from '../engine/parse.ts';
import { splitPath } from '../engine/path.ts';
import { truthy } from '../engine/truthy.ts';
import type { RuleNode, ValueType } from '../engine/types.ts';
import { resolveLimits, type Limits } from '../limits.ts';
import { schemaAt, schemaType, type DataSchema } from './json-schema.ts';
import { literalType } from './literal-type.ts';
import { comparisons, floatArithmetic, kindsClash, lambdaOps } from './op-classes.ts';

export interface ValidateOptions {
  /** JSON Schema of the data the rule reads: var paths and types are checked against it. */
  readonly schema?: DataSchema;
  readonly limits?: Partial<Limits>;
}

export interface ValidationResult {
  /** True when there is no error (warnings allowed). */
  readonly valid: boolean;
  readonly diagnostics: Diagnostic[];
  /** Static var paths the rule reads from the root data (its dependencies). */
  readonly vars: string[];
}

/** Where `var` resolves: a schema (or unknown), and whether this is the record root. */
interface Scope {
  readonly schema: DataSchema | undefined;
  readonly known: boolean;
  readonly root: boolean;
}

/** Check a rule: structure, arity, var paths against a schema, type clashes, unreachable branches. */
export function validateRule(engine: EngineCore, rule: unknown, options: ValidateOptions = {}): ValidationResult {
  const limits = options.limits ? resolveLimits({ ...engine.limits, ...options.limits }) : engine.limits;
  const parsed = parseRule(rule, engine.ops, limits);
  const diagnostics = [...parsed.diagnostics];
  const vars = new Set<string>();
  const root = options.schema;
  const compiler = new NodeCompiler(limits, engine.caches);
  const report = (severity: Diagnostic['severity'], code: string, pointer: string, message: string) =>
    diagnostics.push({ severity, code, pointer, message });

  const constant = (n: RuleNode): { is: boolean; value?: unknown } => {
    if (n.k === 'lit') return { is: true, value: n.value };
    if (n.k === 'arr' || !n.op.pure) return { is: false };
    const c = compiler.compile(n);
    return c.constant ? { is: true, value: c.value } : { is: false };
  };

  const unreachable = (nodes: readonly RuleNode[], why: string) => {
    for (const n of nodes) report('warning', 'unreachable', n.ptr, `unreachable: ${why}`);
  };

  const checkBranches = (n: Extract<RuleNode, { k: 'op' }>) => {
    const { name, args } = n;
    if (name === 'if' || name === '?:') {
      for (let i = 0; i < args.length - 1; i += 2) {
        const c = constant(args[i]!);
        if (!c.is) continue;
        if (truthy(c.value)) return unreachable(args.slice(i + 2), `the condition at ${args[i]!.ptr} is always true`);
        unreachable([args[i + 1]!], `the condition at ${args[i]!.ptr} is always false`);
      }
    } else if (name === 'and' || name === 'or') {
      for (let i = 0; i < args.length - 1; i++) {
        const c = constant(args[i]!);
        if (c.is && truthy(c.value) === (name === 'or')) {
          return unreachable(args.slice(i + 1), `"${name}" stops at the constant at ${args[i]!.ptr}`);
        }
      }
    }
  };

  const varType = (n: Extract<RuleNode, { k: 'op' }>, scope: Scope): ValueType => {
    const p = n.args[0];
    if (p !== undefined && p.k !== 'lit') return 'any';
    const parts = splitPath(p?.value);
    if (parts === null) return scope.known && root !== undefined ? schemaType(root, scope.schema) : 'any';
    if (scope.root) vars.add(parts.join('.'));
    if (!scope.known || root === undefined) return 'any';
    const hit = schemaAt(root, scope.schema, parts);
    if (!hit.found) {
      if (n.args.length < 2)
        report('error', 'unknown_var', n.ptr, `"${parts.join('.')}" is not in the data schema (no "${hit.at}")`);
      return 'any';
    }
    return schemaType(root, hit.schema);
  };

  const lambdaScope = (n: Extract<RuleNode, { k: 'op' }>, scope: Scope): Scope => {
    const src = n.args[0];
    let items: DataSchema | undefined;
    let known = false;
    if (src?.k === 'op' && src.name === 'var' && scope.known && root !== undefined && src.args[0]?.k === 'lit') {
      const parts = splitPath(src.args[0].value);
      const hit = parts === null ? { found: true as const, schema: scope.schema } : schemaAt(root, scope.schema, parts);
      if (hit.found && hit.schema?.items !== undefined) {
        items = hit.schema.items;
        known = true;
      }
    }
    if (n.name === 'reduce') {
      return known
        ? { schema: { type: 'object', properties: { current: items!, accumulator: {} } }, known: true, root: false }
        : { schema: undefined, known: false, root: false };
    }
    return { schema: items, known, root: false };
  };

  const infer = (n: RuleNode, scope: Scope): ValueType => {
    if (n.k === 'lit') return literalType(n.value);
    if (n.k === 'arr') {
      for (const it of n.items) infer(it, scope);
      return 'array';
    }
    if (n.name === 'var') {
      for (const a of n.args) infer(a, scope);
      return varType(n, scope);
    }
    const inner = lambdaOps.has(n.name) ? lambdaScope(n, scope) : scope;
    const types = n.args.map((a, i) => infer(a, n.op.scopedArgs?.includes(i) ? inner : scope));
    checkArgs(n, types);
    checkBranches(n);
    if (n.name === 'if' || n.name === '?:') {
      const branches = types.filter((_, i) => i % 2 === 1 || i === types.length - 1);
      return branches.length > 0 && branches.every((t) => t === branches[0]) ? branches[0]! : 'any';
    }
    return n.op.signature.result;
  };

  const checkArgs = (n: Extract<RuleNode, { k: 'op' }>, types: ValueType[]) => {
    const sig = n.op.signature;
    types.forEach((t, i) => {
      const arg = n.args[i]!;
      const fromData = arg.k === 'op';
      if (floatArithmetic.has(n.name)) {
        if (t === 'decimal' && fromData) {
          report(
            'warning',
            'float_on_money',
            arg.ptr,
            `"${n.name}" uses float arithmetic on a money amount; use the exact dec+ dec- dec* dec/ operations`,
          );
        } else if (t === 'string' || t === 'date' || t === 'boolean' || t === 'array' || t === 'object') {
          if (fromData) report('error', 'type_mismatch', arg.ptr, `"${n.name}" does arithmetic on a ${t} value`);
        }
        return;
      }
      const want = sig.params[Math.min(i, sig.params.length - 1)] ?? 'any';
      if (want === 'decimal' && t !== 'any' && t !== 'decimal' && t !== 'number') {
        report(
          t === 'string' && fromData ? 'warning' : 'error',
          'type_mismatch',
          arg.ptr,
          `"${n.name}" expects an amount, got a ${t === 'string' && fromData ? 'text field not declared as decimal' : `${t} value`}`,
        );
      } else if (want === 'date' && t !== 'any' && t !== 'date') {
        report(
          t === 'string' && fromData ? 'warning' : 'error',
          'type_mismatch',
          arg.ptr,
          `"${n.name}" expects a date (YYYY-MM-DD), got a ${t === 'string' && fromData ? 'text field not declared as date' : `${t} value`}`,
        );
      }
    });
    if (comparisons.has(n.name)) {
      for (let i = 0; i + 1 < types.length; i++) {
        if (kindsClash(types[i]!, types[i + 1]!)) {
          report('error', 'type_mismatch', n.ptr, `"${n.name}" compares a ${types[i]} with a ${types[i + 1]}`);
        }
      }
    }
  };

  if (parsed.diagnostics.length === 0) infer(parsed.node, { schema: root, known: root !== undefined, root: true });
  return { valid: diagnostics.every((d) => d.severity !== 'error'), diagnostics, vars: [...vars] };
}
