/** Standard float arithmetic: warns on money fields, fails on text fields. */
export const floatArithmetic = new Set(['+', '-', '*', '/', '%', 'max', 'min']);
/** Comparisons whose two sides must be of compatible kinds. */
export const comparisons = new Set([
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  'dec=',
  'dec!=',
  'dec<',
  'dec<=',
  'dec>',
  'dec>=',
]);
/** Ops whose lambda sees the elements of the first argument (reduce sees {current, accumulator}). */
export const lambdaOps = new Set(['map', 'filter', 'all', 'some', 'none', 'reduce']);

/** Kinds that never compare meaningfully with each other. */
export function kindsClash(a: string, b: string): boolean {
  const amount = (t: string) => t === 'decimal' || t === 'number';
  return (a === 'date' && amount(b)) || (b === 'date' && amount(a));
}
