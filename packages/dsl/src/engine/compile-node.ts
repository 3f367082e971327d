import { isRuleError } from '../errors.ts';
import type { Limits } from '../limits.ts';
import { RuntimeContext, type EngineCaches } from './runtime.ts';
import type { Closure, CompiledArg, CompileInfo, EagerOpSpec, RuleNode } from './types.ts';

const constant =
  (value: unknown): Closure =>
  () =>
    value;

function compiledConst(node: RuleNode, value: unknown): CompiledArg {
  return { fn: constant(value), node, constant: true, value };
}

/** Generic closure for an eager op: evaluate the arguments, then call `evaluate`. */
function eagerClosure(
  ev: (args: unknown[], rt: RuntimeContext, at: string) => unknown,
  fns: Closure[],
  at: string,
): Closure {
  switch (fns.length) {
    case 0:
      return (_d, rt) => ev([], rt, at);
    case 1: {
      const [a] = fns as [Closure];
      return (d, rt) => ev([a(d, rt)], rt, at);
    }
    case 2: {
      const [a, b] = fns as [Closure, Closure];
      return (d, rt) => ev([a(d, rt), b(d, rt)], rt, at);
    }
    case 3: {
      const [a, b, c] = fns as [Closure, Closure, Closure];
      return (d, rt) => ev([a(d, rt), b(d, rt), c(d, rt)], rt, at);
    }
    default:
      return (d, rt) => {
        const vals = new Array<unknown>(fns.length);
        for (let i = 0; i < fns.length; i++) vals[i] = (fns[i] as Closure)(d, rt);
        return ev(vals, rt, at);
      };
  }
}

/** Compiles parsed nodes into closures, folding constant sub-trees of pure operations. */
export class NodeCompiler {
  readonly #foldRt: RuntimeContext;
  /** Every compiled node, for the code generator. */
  readonly results = new Map<RuleNode, CompiledArg>();
  /** Nodes of eager ops compiled to the generic closure, with their `evaluate` (the code generator inlines their arguments). */
  readonly generic = new Map<RuleNode, EagerOpSpec['evaluate']>();

  constructor(
    readonly limits: Readonly<Limits>,
    caches: EngineCaches,
  ) {
    this.#foldRt = new RuntimeContext(limits, {}, caches);
  }

  compile(node: RuleNode, scoped = false): CompiledArg {
    const r = this.#compile(node, scoped);
    this.results.set(node, r);
    return r;
  }

  #compile(node: RuleNode, scoped: boolean): CompiledArg {
    if (node.k === 'lit') return compiledConst(node, node.value);
    if (node.k === 'arr') return this.#array(node, scoped);
    const { op } = node;
    const args = node.args.map((a, i) => this.compile(a, scoped || (op.scopedArgs?.includes(i) ?? false)));
    const info: CompileInfo = { at: node.ptr, scoped, limits: this.limits };
    let fn = op.compile?.(args, info);
    if (fn === undefined) {
      const fns = args.map((a) => a.fn);
      if (op.lazy) {
        const ev = op.evaluate;
        const at = node.ptr;
        fn = (d, rt) => ev(fns, d, rt, at);
      } else {
        fn = eagerClosure(op.evaluate, fns, node.ptr);
        this.generic.set(node, op.evaluate);
      }
    }
    // Fold: a pure op whose arguments (lambdas included) are all constant gives a constant.
    if (op.pure && args.every((a) => a.constant)) {
      const folded = this.#tryFold(fn);
      if (folded.ok) return compiledConst(node, folded.value);
    }
    return { fn, node, constant: false, value: undefined };
  }

  #array(node: Extract<RuleNode, { k: 'arr' }>, scoped: boolean): CompiledArg {
    const items = node.items.map((n) => this.compile(n, scoped));
    if (items.every((i) => i.constant))
      return compiledConst(
        node,
        items.map((i) => i.value),
      );
    const fns = items.map((i) => i.fn);
    const fn: Closure = (d, rt) => {
      const out = new Array<unknown>(fns.length);
      for (let i = 0; i < fns.length; i++) out[i] = (fns[i] as Closure)(d, rt);
      return out;
    };
    return { fn, node, constant: false, value: undefined };
  }

  #tryFold(fn: Closure): { ok: true; value: unknown } | { ok: false } {
    const rt = this.#foldRt;
    rt.steps = 0;
    try {
      return { ok: true, value: fn(null, rt) };
    } catch (e) {
      // Errors stay at run time (the branch may never run), as json-logic-js would behave.
      if (isRuleError(e)) return { ok: false };
      return { ok: false };
    }
  }
}
