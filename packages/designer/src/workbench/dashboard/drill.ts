import dayjs from 'dayjs';
import type { BucketColumn } from '../../api/workbench-types.ts';

/** The filters of the receivables list a chart segment opens (the same URL the list's own filters make). */
export interface DrillFilter {
  asOf?: string;
  dueFrom?: string;
  dueTo?: string;
  customerId?: string;
  region?: string;
  salesOwner?: string;
  currency?: string;
}

const shift = (date: string, days: number) => dayjs(date).subtract(days, 'day').format('YYYY-MM-DD');

/**
 * A bucket counts days past the due date at `asOf` (negative: due in the future), so its items are
 * those due between `asOf − to` and `asOf − from`; an open end stays open.
 */
export function dueRange(
  asOf: string,
  column: Pick<BucketColumn, 'from' | 'to'>,
): Pick<DrillFilter, 'dueFrom' | 'dueTo'> {
  return {
    ...(column.to !== null ? { dueFrom: shift(asOf, column.to) } : {}),
    ...(column.from !== null ? { dueTo: shift(asOf, column.from) } : {}),
  };
}

/** Days past due at `asOf` (negative when not yet due). */
export const daysPastDue = (asOf: string, dueDate: string) => dayjs(asOf).diff(dayjs(dueDate), 'day');
