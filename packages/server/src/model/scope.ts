/**
 * A data scope parsed into a tree (domain/identity/data-scope.ts parses and validates it); the store
 * translates the tree into a parameterised SQL condition (store/scope-sql.ts).
 */
export type ScopeField =
  | 'customer.id'
  | 'customer.code'
  | 'customer.region'
  | 'customer.salesOwner'
  | 'customer.parentId'
  | 'customer.status'
  | 'customer.currency'
  | 'customer.taxId'
  | 'customer.paymentTermsDays'
  | 'customer.creditLimit';

export type ScopeFieldType = 'text' | 'number';

export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type ScopeValue = { literal: string | number | boolean | null | (string | number)[] } | { user: string };

export type ScopeNode =
  | { kind: 'and' | 'or'; items: ScopeNode[] }
  | { kind: 'not'; item: ScopeNode }
  | { kind: 'cmp'; op: Comparison; field: ScopeField; type: ScopeFieldType; value: ScopeValue }
  | { kind: 'in'; field: ScopeField; value: ScopeValue };

/** An actor's data scope as the store applies it: the parsed rule and the `$user` facts it reads. */
export interface RowScope {
  node: ScopeNode;
  user: Record<string, unknown>;
}
