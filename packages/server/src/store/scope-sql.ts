import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { RowScope, ScopeField, ScopeNode, ScopeValue } from '../model/scope.ts';

export type ScopeColumns = Partial<Record<ScopeField, SQLWrapper>>;

/**
 * Translates a data scope into a parameterised SQL condition with JSON-Logic's semantics: every leaf
 * is NULL-free (COALESCE … false) so NOT and OR behave as in JavaScript, `!=` is IS DISTINCT FROM, and
 * numeric comparisons treat a missing value as 0, as JSON-Logic's coercion does.
 */
export function scopeToSql(scope: RowScope, columns: ScopeColumns): SQL {
  return translate(scope.node, columns, scope.user);
}

function translate(n: ScopeNode, columns: ScopeColumns, user: Record<string, unknown>): SQL {
  switch (n.kind) {
    case 'and':
    case 'or': {
      if (!n.items.length) return n.kind === 'and' ? sql`true` : sql`false`;
      return sql`(${sql.join(
        n.items.map((i) => translate(i, columns, user)),
        sql.raw(n.kind === 'and' ? ' AND ' : ' OR '),
      )})`;
    }
    case 'not':
      return sql`(NOT ${translate(n.item, columns, user)})`;
    case 'in': {
      const col = column(columns, n.field);
      const v = resolve(n.value, user);
      // JSON-Logic `in`: strict membership in an array, or substring of a string
      // as json-logic-js: an empty (falsy) haystack holds nothing; '' is in every other string
      if (v === '') return sql`false`;
      if (typeof v === 'string') return sql`COALESCE(strpos(${v}::text, ${col}::text) > 0 OR ${col}::text = '', false)`;
      const items = (Array.isArray(v) ? v : []).filter((x): x is string => typeof x === 'string');
      if (!items.length) return sql`false`;
      return sql`COALESCE(${col}::text IN (${sql.join(
        items.map((x) => sql`${x}::text`),
        sql`, `,
      )}), false)`;
    }
    case 'cmp': {
      const col = column(columns, n.field);
      const raw = resolve(n.value, user);
      // JavaScript's == compares a string with an array through the array's join(',')
      const v = Array.isArray(raw) ? raw.join(',') : raw;
      const numeric = n.type === 'number';
      if (n.op === '==' || n.op === '!=') {
        const eq =
          v === null || v === undefined
            ? sql`(${col} IS NULL)`
            : numeric
              ? typeof v === 'number'
                ? sql`COALESCE(${col}::numeric = ${v}::numeric, false)`
                : sql`false`
              : typeof v === 'string'
                ? sql`COALESCE(${col}::text = ${v}::text, false)`
                : sql`false`;
        return n.op === '==' ? eq : sql`(NOT ${eq})`;
      }
      const num =
        v === null
          ? 0
          : typeof v === 'number'
            ? v
            : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
              ? Number(v)
              : undefined;
      if (num === undefined) return sql`false`;
      const op = sql.raw(n.op);
      return sql`(COALESCE(${col}::numeric, 0) ${op} ${num}::numeric)`;
    }
  }
}

function column(columns: ScopeColumns, field: ScopeField): SQLWrapper {
  const c = columns[field];
  if (!c) throw new Error(`the data scope names ${field}, which this list cannot filter on`);
  return c;
}

function resolve(v: ScopeValue, user: Record<string, unknown>): unknown {
  return 'user' in v ? (Object.hasOwn(user, v.user) ? user[v.user] : undefined) : v.literal;
}
