import type { ValueType } from '../engine/types.ts';

/** The subset of JSON Schema the type checker and `prepare` read. */
export interface DataSchema {
  readonly type?: string | readonly string[];
  readonly format?: string;
  readonly properties?: Readonly<Record<string, DataSchema>>;
  readonly additionalProperties?: boolean | DataSchema;
  readonly items?: DataSchema;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, DataSchema>>;
  readonly definitions?: Readonly<Record<string, DataSchema>>;
  readonly anyOf?: readonly DataSchema[];
  readonly oneOf?: readonly DataSchema[];
  readonly [key: string]: unknown;
}

/** Follow a local `$ref` (`#/$defs/x`, `#/definitions/x`); at most 32 hops. */
export function deref(root: DataSchema, s: DataSchema | undefined): DataSchema | undefined {
  let cur = s;
  for (let i = 0; cur !== undefined && typeof cur.$ref === 'string' && i < 32; i++) {
    const m = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(cur.$ref);
    if (!m) return undefined;
    const table = m[1] === '$defs' ? root.$defs : root.definitions;
    const name = m[2]!.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
  }
  return cur;
}

function types(s: DataSchema): string[] {
  return typeof s.type === 'string' ? [s.type] : Array.isArray(s.type) ? [...s.type] : [];
}

/** The value type a schema describes: `format: "decimal"` marks money, `format: "date"` dates. */
export function schemaType(root: DataSchema, s0: DataSchema | undefined): ValueType {
  const s = deref(root, s0);
  if (s === undefined) return 'any';
  if (s.format === 'decimal') return 'decimal';
  if (s.format === 'date') return 'date';
  const t = types(s).filter((x) => x !== 'null');
  if (t.length !== 1) return t.length === 0 && types(s).includes('null') ? 'null' : 'any';
  switch (t[0]) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
    default:
      return 'any';
  }
}

export type Lookup = { found: true; schema: DataSchema | undefined } | { found: false; at: string };

/** Resolve a dotted path. `schema: undefined` in a found result means "exists, shape unknown". */
export function schemaAt(root: DataSchema, start: DataSchema | undefined, parts: readonly string[]): Lookup {
  let cur = deref(root, start);
  for (const part of parts) {
    if (cur === undefined) return { found: true, schema: undefined };
    if (cur.anyOf !== undefined || cur.oneOf !== undefined) return { found: true, schema: undefined };
    const t = types(cur);
    if (t.includes('array') || cur.items !== undefined) {
      if (part === 'length') return { found: true, schema: { type: 'integer' } };
      if (/^\d+$/.test(part)) {
        cur = deref(root, cur.items);
        continue;
      }
    }
    if (t.includes('string') && part === 'length') return { found: true, schema: { type: 'integer' } };
    const props = cur.properties;
    if (props !== undefined && Object.hasOwn(props, part)) {
      cur = deref(root, props[part]);
      continue;
    }
    const extra = cur.additionalProperties;
    if (typeof extra === 'object') {
      cur = deref(root, extra);
      continue;
    }
    if (props === undefined && extra === undefined && !t.includes('object') && t.length === 0)
      return { found: true, schema: undefined };
    return { found: false, at: part };
  }
  return { found: true, schema: cur };
}
