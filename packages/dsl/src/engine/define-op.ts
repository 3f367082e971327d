import { opBrand, type EagerOpSpec, type LazyOpSpec, type OpDescriptor } from './types.ts';

type Family = { family?: 'standard' | 'ar' };
/** The argument of defineOp: an eager or lazy op spec (`family` defaults to 'ar'). */
export type OpInput = (Omit<EagerOpSpec, 'family'> & Family) | (Omit<LazyOpSpec, 'family'> & Family);

/** Declare an operation. Returns a frozen, branded descriptor; register it on an engine with `engine.ops.register`. */
export function defineOp(spec: OpInput): OpDescriptor {
  if (typeof spec.name !== 'string' || spec.name.length === 0) throw new TypeError('defineOp: name required');
  const d = { family: 'ar', ...spec, [opBrand]: true } as OpDescriptor;
  return Object.freeze(d);
}

export function isOp(x: unknown): x is OpDescriptor {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[opBrand] === true;
}
