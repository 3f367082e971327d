/*
 * Scans over arrays that come from data, by index only: no method is looked up on the array
 * itself, so a data array can never make the engine call anything but these loops.
 */

/** Index of the first element strictly equal to `v` (Array.prototype.indexOf semantics), or -1. */
export function indexIn(list: readonly unknown[], v: unknown): number {
  for (let i = 0; i < list.length; i++) if (list[i] === v) return i;
  return -1;
}
