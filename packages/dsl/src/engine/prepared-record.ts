/**
 * How records of one schema are laid out once prepared: every scalar leaf path gets a slot in
 * `vals` (its raw value), and money / date paths also get numeric slots in `nums`
 * (money: scaled integer and scale at [i, i+1]; dates: day number at [i]).
 */
export interface PreparePlan {
  /** Slot in `vals` of each scalar var path. */
  readonly valSlot: ReadonlyMap<string, number>;
  /** Slot in `nums` of each money or date path. */
  readonly numSlot: ReadonlyMap<string, number>;
}

/** Brand of prepared records (see {@link isPrepared}). */
export const preparedBrand: unique symbol = Symbol('hexiao:prepared-record') as never;

/** True for a PreparedRecord. Tests the own brand first, so plain data costs one map check. */
export function isPrepared(x: unknown): x is PreparedRecord {
  return typeof x === 'object' && x !== null && preparedBrand in x && x instanceof PreparedRecord;
}

/**
 * A record converted once by `prepare`: the original data plus flat slots (raw scalars, exact
 * money as scaled integers, dates as day numbers). Rules read it exactly like the original data;
 * operations whose argument is a plain `var` read the slots instead of walking and re-parsing.
 * A prepared record is a snapshot: prepare again after changing the data.
 */
export class PreparedRecord {
  /** Own brand: `preparedBrand in x` is a cheap first test (no read of any data property). */
  readonly [preparedBrand] = true;

  constructor(
    readonly data: unknown,
    readonly plan: PreparePlan,
    readonly vals: readonly unknown[],
    readonly nums: readonly number[],
  ) {}
}

const noSlot = -1;

/**
 * Per-call-site cache of a slot lookup: the compiled rule resolves `path` once per plan
 * (in practice once per schema), then reads the slot directly.
 */
export function slotCache(path: string, kind: 'val' | 'num'): (plan: PreparePlan) => number {
  let last: PreparePlan | null = null;
  let slot = noSlot;
  return (plan) => {
    if (plan !== last) {
      last = plan;
      slot = (kind === 'val' ? plan.valSlot : plan.numSlot).get(path) ?? noSlot;
    }
    return slot;
  };
}
