import type { PreparePlan } from './prepared-record.ts';
import { isForbiddenKey, splitPath } from './path.ts';
import type { CompileInfo, CompiledArg } from './types.ts';

/** The var path of a root-scope `{"var": "a.b"}` (no default, nothing forbidden), else null. */
export function rootVarPath(arg: CompiledArg, info: CompileInfo): string | null {
  const n = arg.node;
  if (info.scoped || n.k !== 'op' || n.name !== 'var' || n.args.length !== 1) return null;
  const p = n.args[0]!;
  if (p.k !== 'lit' || (typeof p.value !== 'string' && typeof p.value !== 'number')) return null;
  const parts = splitPath(p.value);
  return parts === null || parts.some(isForbiddenKey) ? null : parts.join('.');
}

/**
 * Resolve a var path to its `vals` slot once per prepare plan. Returns a function giving the
 * raw value from a prepared record's slot, or `undefined` when the slow path must be used.
 */
export function valSlotReader(path: string): (plan: PreparePlan, vals: readonly unknown[]) => unknown {
  let last: PreparePlan | null = null;
  let slot = -1;
  return (plan, vals) => {
    if (plan !== last) {
      last = plan;
      slot = plan.valSlot.get(path) ?? -1;
    }
    return slot < 0 ? undefined : vals[slot];
  };
}
