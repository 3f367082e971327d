import type { Limits } from '../limits.ts';
import type { Diagnostic } from './diagnostic.ts';
import { childPointer } from './pointer.ts';
import type { OpRegistry } from './registry.ts';
import type { RuleNode } from './types.ts';

export interface ParseResult {
  readonly node: RuleNode;
  readonly diagnostics: Diagnostic[];
  readonly nodeCount: number;
}

function describe(v: unknown): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && v !== null) return v.constructor?.name ?? 'object';
  return typeof v;
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Parse a rule document into nodes. Never throws: problems (malformed values, unknown operations,
 * wrong arity, limits) become diagnostics with JSON pointers, and the offending node becomes `null`.
 */
export function parseRule(rule: unknown, ops: OpRegistry, limits: Readonly<Limits>): ParseResult {
  const diagnostics: Diagnostic[] = [];
  let count = 0;
  let overflow = false;
  const fail = (code: string, pointer: string, message: string): RuleNode => {
    diagnostics.push({ severity: 'error', code, pointer, message });
    return { k: 'lit', value: null, ptr: pointer };
  };

  /** Check a literal (non-logic) value is plain JSON within limits. */
  const checkLiteral = (v: unknown, ptr: string, depth: number): boolean => {
    if (++count > limits.maxNodes) return overflowed(ptr);
    if (depth > limits.maxDepth) {
      fail('limit_depth', ptr, `rule nested deeper than maxDepth ${limits.maxDepth}`);
      return false;
    }
    if (v === null || typeof v === 'boolean') return true;
    if (typeof v === 'number') {
      if (Number.isFinite(v)) return true;
      fail('malformed', ptr, `${v} is not a JSON number`);
      return false;
    }
    if (typeof v === 'string') {
      if (v.length <= limits.maxStringLength) return true;
      fail(
        'limit_string',
        ptr,
        `string literal of ${v.length} characters exceeds maxStringLength ${limits.maxStringLength}`,
      );
      return false;
    }
    if (typeof v === 'object') {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!checkLiteral(v[i], childPointer(ptr, i), depth + 1)) return false;
        return true;
      }
      if (!isPlainObject(v)) {
        fail('malformed', ptr, `${describe(v)} is not a JSON value`);
        return false;
      }
      for (const key of Object.keys(v)) {
        if (!checkLiteral((v as Record<string, unknown>)[key], childPointer(ptr, key), depth + 1)) return false;
      }
      return true;
    }
    fail('malformed', ptr, `${describe(v)} is not a JSON value`);
    return false;
  };

  const overflowed = (ptr: string): false => {
    if (!overflow) fail('limit_nodes', ptr, `rule has more than maxNodes ${limits.maxNodes} nodes`);
    overflow = true;
    return false;
  };

  const walk = (v: unknown, ptr: string, depth: number): RuleNode => {
    if (overflow) return { k: 'lit', value: null, ptr };
    if (depth > limits.maxDepth) return fail('limit_depth', ptr, `rule nested deeper than maxDepth ${limits.maxDepth}`);
    if (Array.isArray(v)) {
      if (++count > limits.maxNodes) return overflowed(ptr) || { k: 'lit', value: null, ptr };
      const items: RuleNode[] = [];
      for (let i = 0; i < v.length; i++) items.push(walk(v[i], childPointer(ptr, i), depth + 1));
      return { k: 'arr', items, ptr };
    }
    if (typeof v === 'object' && v !== null && isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1) {
        if (++count > limits.maxNodes) return overflowed(ptr) || { k: 'lit', value: null, ptr };
        const name = keys[0] as string;
        const opPtr = childPointer(ptr, name);
        const op = ops.get(name);
        if (op === undefined) return fail('unknown_op', ptr, `unknown operation "${name.slice(0, 80)}"`);
        const raw = (v as Record<string, unknown>)[name];
        const args: RuleNode[] = Array.isArray(raw)
          ? raw.map((a, i) => walk(a, childPointer(opPtr, i), depth + 1))
          : [walk(raw, opPtr, depth + 1)];
        const { min, max } = op.arity;
        if (args.length < min || (max !== undefined && args.length > max)) {
          const want = max === undefined ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
          return fail('arity', ptr, `"${name}" takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`);
        }
        return { k: 'op', name, op, args, ptr };
      }
    }
    return checkLiteral(v, ptr, depth) ? { k: 'lit', value: v, ptr } : { k: 'lit', value: null, ptr };
  };

  const node = walk(rule, '', 0);
  return { node, diagnostics, nodeCount: count };
}
