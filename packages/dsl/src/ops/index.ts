import type { OpDescriptor } from '../engine/types.ts';
import { arOps } from './ar/index.ts';
import { standardOps } from './standard/index.ts';

/** The built-in operation set: standard JsonLogic plus receivables extensions. */
export function builtinOps(): readonly OpDescriptor[] {
  return [...standardOps, ...arOps];
}
