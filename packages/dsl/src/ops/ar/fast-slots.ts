import { slotCache, type PreparePlan } from '../../engine/prepared-record.ts';
import type { CompileInfo, CompiledArg } from '../../engine/types.ts';
import { staticVarPath, toDec } from './readers.ts';

/**
 * Where a fused fast path finds an argument in a prepared record: a numeric slot (by plan),
 * or a constant scaled integer. `null` when the argument is neither.
 */
export type NumSource = { readonly slotOf: (plan: PreparePlan) => number } | { readonly u: number; readonly e: number };

export function decSource(arg: CompiledArg, info: CompileInfo): NumSource | null {
  if (arg.constant) {
    try {
      const d = toDec(arg.value, info.at);
      return d.big === null ? { u: d.u, e: d.e } : null;
    } catch {
      return null;
    }
  }
  const path = info.scoped ? null : staticVarPath(arg.node);
  return path === null ? null : { slotOf: slotCache(path, 'num') };
}

export function daySource(
  arg: CompiledArg,
  info: CompileInfo,
): { readonly slotOf: (plan: PreparePlan) => number } | null {
  const path = info.scoped || arg.constant ? null : staticVarPath(arg.node);
  return path === null ? null : { slotOf: slotCache(path, 'num') };
}
