import type { OpDescriptor } from '../../engine/types.ts';
import { addBusinessDays, businessDaysBetween, isBusinessDayOp } from './business-day-ops.ts';
import { addDays, addMonths, ageBucket, daysBetween, endOfMonth } from './date-ops.ts';
import {
  decAbs,
  decAdd,
  decDiv,
  decEq,
  decGt,
  decGte,
  decLt,
  decLte,
  decMul,
  decNe,
  decSub,
  decSum,
} from './decimal-ops.ts';
import { decRound, withinTolerance } from './round-ops.ts';
import { inListOp, intersectsOp, lookupOp } from './set-ops.ts';
import { containsOp, extractRefsOp, normalizeOp, regexMatchOp, similarityOp, startsWithOp } from './text-ops.ts';

/** Receivables operations: exact money, dates and calendars, text matching, sets and lookups. */
export const arOps: readonly OpDescriptor[] = [
  decAdd,
  decSub,
  decMul,
  decDiv,
  decEq,
  decNe,
  decLt,
  decLte,
  decGt,
  decGte,
  decRound,
  decAbs,
  decSum,
  withinTolerance,
  daysBetween,
  addDays,
  addMonths,
  endOfMonth,
  isBusinessDayOp,
  addBusinessDays,
  businessDaysBetween,
  ageBucket,
  normalizeOp,
  containsOp,
  startsWithOp,
  regexMatchOp,
  extractRefsOp,
  similarityOp,
  inListOp,
  intersectsOp,
  lookupOp,
];
