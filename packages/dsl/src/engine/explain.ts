import { toRuleError } from '../errors.ts';
import type { EngineCore } from './engine.ts';
import { parseRule } from './parse.ts';
import { mergeContext } from './compiled-rule.ts';
import { PreparedRecord } from './prepared-record.ts';
import { RuntimeContext, type EvalContext } from './runtime.ts';
import type { Closure, RuleNode } from './types.ts';

/** One evaluated operation: its name, JSON pointer, the argument values it saw and its result. */
export interface TraceNode {
  readonly op: string;
  readonly pointer: string;
  readonly inputs: unknown[];
  result?: unknown;
  error?: { code: string; message: string };
  readonly children: TraceNode[];
}

export interface Explanation {
  readonly result: unknown;
  readonly trace: TraceNode | null;
  /** Values passed to `log`, in evaluation order. */
  readonly logs: unknown[];
  readonly error?: { code: string; pointer: string; message: string };
  /** Number of trace nodes not recorded because of `maxTraceNodes`. */
  readonly truncated: number;
}

export interface ExplainOptions extends EvalContext {
  /** Cap on recorded trace nodes (loops can evaluate a lambda many times). Default 5,000. */
  readonly maxTraceNodes?: number;
}

/** Interpret a rule while recording a trace tree. Never throws: failures are reported in `error`. */
export function explainRule(
  engine: EngineCore,
  rule: unknown,
  data: unknown,
  options: ExplainOptions = {},
): Explanation {
  const parsed = parseRule(rule, engine.ops, engine.limits);
  const first = parsed.diagnostics[0];
  if (first !== undefined) {
    return {
      result: undefined,
      trace: null,
      logs: [],
      error: { code: first.code, pointer: first.pointer, message: first.message },
      truncated: 0,
    };
  }
  const rt = new RuntimeContext(engine.limits, mergeContext(engine.context, options), engine.caches);
  rt.logs = [];
  const cap = options.maxTraceNodes ?? 5000;
  let recorded = 0;
  let truncated = 0;
  const root: TraceNode[] = [];

  const evalNode = (node: RuleNode, d: unknown, sink: TraceNode[] | null): unknown => {
    if (node.k === 'lit') return node.value;
    if (node.k === 'arr') return node.items.map((n) => evalNode(n, d, sink));
    let t: TraceNode | null = null;
    if (sink !== null && recorded < cap) {
      t = { op: node.name, pointer: node.ptr, inputs: [], children: [] };
      sink.push(t);
      recorded++;
    } else truncated++;
    const children = t === null ? null : t.children;
    try {
      let result: unknown;
      if (node.op.lazy) {
        const scoped = node.op.scopedArgs ?? [];
        const fns: Closure[] = node.args.map((a, i) => (sd: unknown) => {
          const v = evalNode(a, sd, children);
          if (t !== null && !scoped.includes(i)) t.inputs[i] = v;
          return v;
        });
        result = node.op.evaluate(fns, d, rt, node.ptr);
      } else {
        const vals = node.args.map((a) => evalNode(a, d, children));
        if (t !== null) t.inputs.push(...vals);
        result = node.op.evaluate(vals, rt, node.ptr);
      }
      if (t !== null) t.result = result;
      return result;
    } catch (e) {
      const err = toRuleError(e, node.ptr);
      if (t !== null && t.error === undefined) t.error = { code: err.code, message: err.message };
      throw err;
    }
  };

  let d: unknown = data === undefined ? null : data;
  if (d instanceof PreparedRecord) d = d.data;
  try {
    const result = evalNode(parsed.node, d, root);
    return { result, trace: root[0] ?? null, logs: rt.logs, truncated };
  } catch (e) {
    const err = toRuleError(e);
    return { result: undefined, trace: root[0] ?? null, logs: rt.logs ?? [], error: err.toJSON(), truncated };
  }
}
