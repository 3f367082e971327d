import type { FieldError } from '../errors.ts';

/**
 * One aging bucket: the days past T0 it holds, both ends inclusive. The first bucket has no `from`
 * (everything up to `to`, "not due" when `to` is 0), the last no `to` (everything beyond `from`).
 */
export interface Bucket {
  id: string;
  label?: string | { zh?: string; en?: string };
  from?: number;
  to?: number;
}

/** The default ladder when a tenant has published none: not due, 1–30, 31–60, 61–90, 91–180, 181–365, over a year. */
export const defaultBuckets: readonly Bucket[] = Object.freeze(
  bucketsFromBounds([0, 30, 60, 90, 180, 365]).map((b, i) =>
    Object.freeze({
      ...b,
      label: [
        { zh: '未到期', en: 'Not due' },
        { zh: '1–30 天', en: '1–30 days' },
        { zh: '31–60 天', en: '31–60 days' },
        { zh: '61–90 天', en: '61–90 days' },
        { zh: '91–180 天', en: '91–180 days' },
        { zh: '181–365 天', en: '181–365 days' },
        { zh: '一年以上', en: 'Over a year' },
      ][i],
    }),
  ),
);

/**
 * Buckets from ascending inclusive upper bounds, as the rules language's `age_bucket` reads them:
 * [0, 7, 30] → ≤0, 1–7, 8–30, >30.
 */
export function bucketsFromBounds(bounds: readonly number[]): Bucket[] {
  const out: Bucket[] = [];
  bounds.forEach((to, i) => {
    const from = i === 0 ? undefined : bounds[i - 1]! + 1;
    out.push({ id: from === undefined ? `le-${to}` : `${from}-${to}`, ...(from === undefined ? {} : { from }), to });
  });
  const last = bounds[bounds.length - 1]!;
  out.push({ id: `gt-${last}`, from: last + 1 });
  return out;
}

/**
 * Errors (pointers under `base`) unless the buckets cover every day count exactly once, in order: the first
 * open below, the last open above, each starting the day after the previous one ends.
 */
export function bucketErrors(buckets: readonly Bucket[], base = '/buckets'): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  buckets.forEach((b, i) => {
    const at = `${base}/${i}`;
    if (ids.has(b.id)) errors.push({ pointer: `${at}/id`, reason: `bucket id ${b.id} is used twice` });
    ids.add(b.id);
    if (i === 0 && b.from !== undefined)
      errors.push({
        pointer: `${at}/from`,
        reason: 'the first bucket has no lower bound (it holds everything up to to)',
      });
    if (i === buckets.length - 1 && b.to !== undefined)
      errors.push({
        pointer: `${at}/to`,
        reason: 'the last bucket has no upper bound (it holds everything from from)',
      });
    if (i > 0 && b.from === undefined)
      errors.push({ pointer: `${at}/from`, reason: 'is required after the first bucket' });
    if (i < buckets.length - 1 && b.to === undefined)
      errors.push({ pointer: `${at}/to`, reason: 'is required before the last bucket' });
    if (b.from !== undefined && b.to !== undefined && b.from > b.to)
      errors.push({ pointer: `${at}/to`, reason: `ends (${b.to}) before it starts (${b.from})` });
    const prev = buckets[i - 1];
    if (prev?.to !== undefined && b.from !== undefined) {
      if (b.from <= prev.to)
        errors.push({
          pointer: `${at}/from`,
          reason: `overlaps bucket ${prev.id}: days ${b.from}–${Math.min(prev.to, b.to ?? prev.to)} fall in both`,
        });
      else if (b.from > prev.to + 1)
        errors.push({
          pointer: `${at}/from`,
          reason: `leaves a gap after bucket ${prev.id}: days ${prev.to + 1}–${b.from - 1} fall in no bucket`,
        });
    }
  });
  return errors;
}

/** The bucket (index) a day count falls in; the buckets are contiguous (bucketErrors is empty). */
export function bucketIndex(buckets: readonly Bucket[], days: number): number {
  for (let i = 0; i < buckets.length - 1; i++) if (days <= buckets[i]!.to!) return i;
  return buckets.length - 1;
}

/** The inclusive upper bounds of contiguous buckets (the last bucket has none). */
export const upperBounds = (buckets: readonly Bucket[]): number[] => buckets.slice(0, -1).map((b) => b.to!);
