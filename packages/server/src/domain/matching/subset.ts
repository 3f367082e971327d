export interface SubsetSearch {
  /** Positive amounts in minor units, in the order ties are broken (oldest due first). */
  amounts: readonly number[];
  /** The sum must fall in [lo, hi]. */
  lo: number;
  hi: number;
  minPick: number;
  maxPick: number;
  nodeBudget: number;
}

export interface SubsetResult {
  /** Up to two solutions, as indices into `amounts`; solutions that differ only by swapping equal amounts count once. */
  solutions: number[][];
  /** Some solution uses fewer items of an amount than there are: another item of equal amount could replace it. */
  interchangeable: boolean[];
  nodes: number;
  gaveUp: boolean;
}

/**
 * Bounded subset sum (ENGINES.md §1.3): depth-first over groups of equal amounts, largest first, pruned by the
 * sum still reachable; stops at a second distinct solution or when the node budget is spent (then `gaveUp`).
 * Each solution takes the oldest items of each amount.
 */
export function findSubsets(s: SubsetSearch): SubsetResult {
  const byAmount = new Map<number, number[]>();
  s.amounts.forEach((a, i) => {
    const g = byAmount.get(a);
    if (g) g.push(i);
    else byAmount.set(a, [i]);
  });
  const groups = [...byAmount.entries()].sort((a, b) => b[0] - a[0]);
  const n = groups.length;
  // the most the groups from g on can still add, with at most k more items, is bounded by their total
  const suffix = new Array<number>(n + 1).fill(0);
  for (let g = n - 1; g >= 0; g--) suffix[g] = suffix[g + 1]! + groups[g]![0] * groups[g]![1].length;
  const counts = new Array<number>(n).fill(0);
  const solutions: number[][] = [];
  const interchangeable: boolean[] = [];
  let nodes = 0;
  let gaveUp = false;

  const record = () => {
    const pick: number[] = [];
    let swap = false;
    for (let g = 0; g < n; g++) {
      const c = counts[g]!;
      if (c === 0) continue;
      const idx = groups[g]![1];
      pick.push(...idx.slice(0, c));
      if (c < idx.length) swap = true;
    }
    solutions.push(pick.sort((a, b) => a - b));
    interchangeable.push(swap);
  };

  const dfs = (g: number, picked: number, sum: number): boolean => {
    if (++nodes > s.nodeBudget) {
      gaveUp = true;
      return true;
    }
    if (g >= n || picked >= s.maxPick || sum + suffix[g]! < s.lo) return false;
    const [amount, idx] = groups[g]!;
    const most = Math.min(idx.length, s.maxPick - picked, Math.floor((s.hi - sum) / amount));
    for (let c = most; c >= 0; c--) {
      counts[g] = c;
      const total = sum + c * amount;
      // a multiset is recorded once: at the last group it takes items from
      if (c > 0 && total >= s.lo && picked + c >= s.minPick) {
        record();
        if (solutions.length >= 2) {
          counts[g] = 0;
          return true;
        }
      }
      if (dfs(g + 1, picked + c, total)) {
        counts[g] = 0;
        return true;
      }
    }
    counts[g] = 0;
    return false;
  };
  dfs(0, 0, 0);
  return { solutions, interchangeable, nodes, gaveUp };
}
