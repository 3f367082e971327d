import type { Comparison, RowScope, ScopeField, ScopeFieldType, ScopeNode, ScopeValue } from '../../model/scope.ts';
import type { FieldError } from '../errors.ts';
import { jsonInputProblem } from '../../schema/json-bounds.ts';

export type { ScopeNode, RowScope } from '../../model/scope.ts';

/**
 * Data scopes: which rows a role may see, written in a declared subset of JSON-Logic so the store can
 * translate them into a parameterised SQL WHERE (lists, aging and exports stay in SQL).
 *
 * Subset: `and`, `or`, `!`; `==`, `!=`, `<`, `<=`, `>`, `>=` between a field and a literal or a `$user.*`
 * value; `in` of a field in a literal array or a `$user.*` array. Fields: `customer.*` (and, as the
 * ledger grows, `receivable.*`) from the catalogue below; `$user.id`, `$user.email`, `$user.<attribute>`.
 */
export type ScopeRule = unknown;

/** The fields a scope may name, with their type (comparisons need numbers; text compares only by equality). */
export const scopeFields: Readonly<Record<ScopeField, ScopeFieldType>> = {
  'customer.id': 'text',
  'customer.code': 'text',
  'customer.region': 'text',
  'customer.salesOwner': 'text',
  'customer.parentId': 'text',
  'customer.status': 'text',
  'customer.currency': 'text',
  'customer.taxId': 'text',
  'customer.paymentTermsDays': 'number',
  'customer.creditLimit': 'number',
};

const comparisons: readonly Comparison[] = ['==', '!=', '<', '<=', '>', '>='];
const isField = (f: string): f is ScopeField => Object.hasOwn(scopeFields, f);

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parses a scope into a typed tree, collecting an error with a JSON pointer for anything outside the subset. */
export function parseScope(rule: ScopeRule, errors: FieldError[] = [], pointer = ''): ScopeNode | undefined {
  if (!isObj(rule) || Object.keys(rule).length !== 1) {
    errors.push({
      pointer: pointer || '/',
      reason: 'must be one JSON-Logic operation such as {"==": [{"var": "customer.region"}, "East"]}',
    });
    return undefined;
  }
  const [op, raw] = Object.entries(rule)[0]!;
  const args = Array.isArray(raw) ? raw : [raw];
  const at = `${pointer}/${op.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (op === 'and' || op === 'or') {
    if (!args.length) errors.push({ pointer: at, reason: `${op} needs at least one condition` });
    const items = args.map((a, i) => parseScope(a, errors, `${at}/${i}`)).filter((x): x is ScopeNode => !!x);
    return { kind: op, items };
  }
  if (op === '!') {
    if (args.length !== 1) errors.push({ pointer: at, reason: '! takes one condition' });
    const item = parseScope(args[0], errors, `${at}/0`);
    return item && { kind: 'not', item };
  }
  if ((comparisons as readonly string[]).includes(op) || op === 'in') {
    if (args.length !== 2) {
      errors.push({ pointer: at, reason: `${op} takes two arguments: a field and a value` });
      return undefined;
    }
    const field = fieldOf(args[0]);
    if (!field || !isField(field)) {
      errors.push({
        pointer: `${at}/0`,
        reason: `must be {"var": <field>} with a field among ${Object.keys(scopeFields).join(', ')}`,
      });
      return undefined;
    }
    const type = scopeFields[field];
    const value = valueOf(args[1], op === 'in', type, `${at}/1`, errors);
    if (!value) return undefined;
    if (op === 'in' && type === 'number')
      errors.push({ pointer: at, reason: `in tests text membership; compare the number ${field} with <, <=, >, >=` });
    if (op !== '==' && op !== '!=' && op !== 'in' && type !== 'number')
      errors.push({ pointer: at, reason: `${op} compares numbers; ${field} is text (use == or in)` });
    return op === 'in' ? { kind: 'in', field, value } : { kind: 'cmp', op: op as Comparison, field, type, value };
  }
  errors.push({ pointer: at, reason: `${op} is not allowed in a data scope (and, or, !, ==, !=, <, <=, >, >=, in)` });
  return undefined;
}

function fieldOf(x: unknown): string | undefined {
  return isObj(x) && typeof x.var === 'string' && Object.keys(x).length === 1 ? x.var : undefined;
}

function valueOf(
  x: unknown,
  list: boolean,
  type: ScopeFieldType,
  pointer: string,
  errors: FieldError[],
): ScopeValue | undefined {
  const v = fieldOf(x);
  if (v !== undefined) {
    if (type === 'number') {
      errors.push({ pointer, reason: 'a number field compares with a number literal' });
      return undefined;
    }
    if (/^\$user\.[A-Za-z][A-Za-z0-9_]{0,63}$/.test(v)) return { user: v.slice(6) };
    errors.push({ pointer, reason: 'a value may be a literal or {"var": "$user.<attribute>"}' });
    return undefined;
  }
  const scalarOk = (s: unknown) =>
    type === 'number' ? typeof s === 'number' && Number.isFinite(s) : typeof s === 'string';
  if (list) {
    if (Array.isArray(x) && x.length <= 1000 && x.every(scalarOk)) return { literal: x as (string | number)[] };
    errors.push({
      pointer,
      reason: `in needs an array of ${type === 'number' ? 'numbers' : 'strings'} or a $user value`,
    });
    return undefined;
  }
  if (x === null || scalarOk(x)) return { literal: x as string | number | null };
  errors.push({ pointer, reason: `must be a ${type === 'number' ? 'number' : 'string'}, null or a $user value` });
  return undefined;
}

export function validateScope(rule: ScopeRule): FieldError[] {
  const bounds = jsonInputProblem(rule);
  if (bounds) return [bounds];
  const errors: FieldError[] = [];
  parseScope(rule, errors);
  return errors;
}

/**
 * The row scope the store applies for an actor's data scope (undefined = all rows). Scopes are validated
 * when a role is saved, so an invalid one here is a bug, not bad input.
 */
export function rowScopeOf(actor: { dataScope?: unknown; user?: Record<string, unknown> }): RowScope | undefined {
  if (actor.dataScope === undefined || actor.dataScope === null) return undefined;
  const errors: FieldError[] = [];
  const node = parseScope(actor.dataScope, errors);
  if (!node || errors.length)
    throw new Error(`invalid data scope: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`);
  return { node, user: actor.user ?? {} };
}

/** A report's customer filters (region, sales owner): they narrow the actor's data scope, never widen it. */
export interface CustomerFilter {
  region?: string;
  salesOwner?: string;
}

export function narrowScope(scope: RowScope | undefined, f: CustomerFilter): RowScope | undefined {
  const equals = (field: 'customer.region' | 'customer.salesOwner', value: string): ScopeNode => ({
    kind: 'cmp',
    op: '==',
    field,
    type: 'text',
    value: { literal: value },
  });
  const items = [
    ...(f.region !== undefined ? [equals('customer.region', f.region)] : []),
    ...(f.salesOwner !== undefined ? [equals('customer.salesOwner', f.salesOwner)] : []),
  ];
  if (!items.length) return scope;
  return { node: { kind: 'and', items: scope ? [scope.node, ...items] : items }, user: scope?.user ?? {} };
}
