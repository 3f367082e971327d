import type { OpDescriptor } from '../../engine/types.ts';
import { addOp, divOp, maxOp, minOp, modOp, mulOp, subOp } from './arithmetic.ts';
import { allOp, filterOp, inOp, mapOp, mergeOp, noneOp, reduceOp, someOp } from './arrays.ts';
import { eqOp, gteOp, gtOp, lteOp, ltOp, neOp, strictEqOp, strictNeOp } from './compare.ts';
import { andOp, ifOp, notNotOp, notOp, orOp, ternaryOp } from './logic.ts';
import { catOp, logOp, substrOp } from './strings.ts';
import { missingOp, missingSomeOp, varOp } from './var.ts';

/** Every standard JsonLogic operation, in the order of the JsonLogic documentation. */
export const standardOps: readonly OpDescriptor[] = [
  varOp,
  missingOp,
  missingSomeOp,
  ifOp,
  ternaryOp,
  eqOp,
  strictEqOp,
  neOp,
  strictNeOp,
  notOp,
  notNotOp,
  orOp,
  andOp,
  gtOp,
  gteOp,
  ltOp,
  lteOp,
  maxOp,
  minOp,
  addOp,
  subOp,
  mulOp,
  divOp,
  modOp,
  mapOp,
  filterOp,
  reduceOp,
  allOp,
  noneOp,
  someOp,
  mergeOp,
  inOp,
  catOp,
  substrOp,
  logOp,
];
