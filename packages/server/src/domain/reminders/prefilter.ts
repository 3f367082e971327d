import { compile } from '@hexiao/dsl';

/**
 * What a level's condition needs of an item before it can hold, so the sweep reads only the items that might
 * be due rather than every open receivable each day. Derived from the rule itself, soundly: a rule that holds
 * implies the need (never the reverse: the sweep still evaluates the rule on what it reads).
 *
 * - `windows`: days past due the item must be in (inclusive, null = unbounded);
 * - `flagged`: the item must have a dispute or a promise to pay on it (facts that are false, null or 0 otherwise);
 * - `all`: nothing derived — every item is read.
 */
export interface Need {
  all: boolean;
  windows: [number | null, number | null][];
  flagged: boolean;
}

export const readsAll: Need = { all: true, windows: [], flagged: false };
const never: Need = { all: false, windows: [], flagged: false };

/** Days past due a window is sampled over; items further out are always read. */
export const sampledDays = 36_500;

const dayVars = new Set(['item.daysPastDue', 'item.daysOverdue']);
const flagVars = new Set(['item.disputed', 'item.promisedDate', 'item.brokenPromises']);

const truthy = (v: unknown) => !!v && !(Array.isArray(v) && !v.length);

/** The data paths a rule reads, or null when one is computed (a `var` of an expression, `missing`). */
function varsRead(node: unknown, out = new Set<string>()): Set<string> | null {
  if (Array.isArray(node)) {
    for (const x of node) if (!varsRead(x, out)) return null;
    return out;
  }
  if (!node || typeof node !== 'object') return out;
  const keys = Object.keys(node);
  if (keys.length !== 1) return null;
  const op = keys[0]!;
  const arg = (node as Record<string, unknown>)[op];
  if (op === 'var') {
    const path = Array.isArray(arg) ? (arg.length === 1 ? arg[0] : undefined) : arg;
    if (typeof path !== 'string') return null;
    out.add(path);
    return out;
  }
  if (op === 'missing' || op === 'missing_some') return null;
  return varsRead(arg, out);
}

function evaluate(rule: (data: unknown) => unknown, data: unknown): boolean | undefined {
  try {
    return truthy(rule(data));
  } catch {
    return undefined;
  }
}

/** Samples a rule that reads days past due only over ±sampledDays: the runs of days where it holds. */
function sampledWindows(node: unknown): Need {
  let rule: (data: unknown) => unknown;
  try {
    rule = compile(node);
  } catch {
    return readsAll;
  }
  const windows: Need['windows'] = [];
  let start: number | null | undefined;
  for (let d = -sampledDays; d <= sampledDays; d++) {
    const hit = evaluate(rule, { item: { daysPastDue: d, daysOverdue: Math.max(0, d) } });
    if (hit === undefined) return readsAll;
    if (hit && start === undefined) start = d === -sampledDays ? null : d;
    if (!hit && start !== undefined) {
      windows.push([start, d - 1]);
      start = undefined;
    }
    if (windows.length > 50) return readsAll;
  }
  if (start !== undefined) windows.push([start, null]);
  return { all: false, windows, flagged: false };
}

const intersect = (a: Need, b: Need): Need => {
  if (a.all) return b;
  if (b.all) return a;
  // an item both flagged and in a window: either alone is a sound (looser) need; the flagged few are cheaper
  if (a.flagged || b.flagged) return a.flagged && !a.windows.length ? a : b.flagged && !b.windows.length ? b : a;
  const windows: Need['windows'] = [];
  for (const [alo, ahi] of a.windows)
    for (const [blo, bhi] of b.windows) {
      const lo = alo === null ? blo : blo === null ? alo : Math.max(alo, blo);
      const hi = ahi === null ? bhi : bhi === null ? ahi : Math.min(ahi, bhi);
      if (lo === null || hi === null || lo <= hi) windows.push([lo, hi]);
    }
  return { all: false, windows, flagged: false };
};

const union = (a: Need, b: Need): Need =>
  a.all || b.all ? readsAll : { all: false, windows: [...a.windows, ...b.windows], flagged: a.flagged || b.flagged };

/** The need of a level's `when` (or of any JSON-Logic rule over the sweep's facts). */
export function needOf(node: unknown): Need {
  const vars = varsRead(node);
  if (vars === null) return readsAll;
  if (!vars.size) {
    try {
      return truthy(compile(node)({})) ? readsAll : never;
    } catch {
      return readsAll;
    }
  }
  if ([...vars].every((v) => dayVars.has(v))) return sampledWindows(node);
  if ([...vars].every((v) => flagVars.has(v))) {
    let hit: boolean | undefined;
    try {
      hit = evaluate(compile(node), { item: { disputed: false, promisedDate: null, brokenPromises: 0 } });
    } catch {
      return readsAll;
    }
    return hit === false ? { all: false, windows: [], flagged: true } : readsAll;
  }
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const [op] = Object.keys(node);
    const args = (node as Record<string, unknown>)[op!];
    if (Array.isArray(args) && args.length && op === 'and') return args.map(needOf).reduce(intersect);
    if (Array.isArray(args) && args.length && op === 'or') return args.map(needOf).reduce(union);
  }
  return readsAll;
}
