import type { JsonSchema } from '../../api/types.ts';

export const fieldTypes = ['text', 'integer', 'number', 'money', 'date', 'boolean', 'enum', 'email'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** One custom field as the visual editor shows it; the JSON Schema is generated from these. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  title?: string;
  description?: string;
  enumValues?: string[];
  maxLength?: number;
  /** A property the visual editor cannot represent: kept as written, edited in the JSON view. */
  raw?: JsonSchema;
}

export interface FieldsSchema {
  type: 'object';
  properties: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
}

function propertyOf(f: FieldSpec): JsonSchema {
  if (f.raw) return f.raw;
  const common = { ...(f.title ? { title: f.title } : {}), ...(f.description ? { description: f.description } : {}) };
  switch (f.type) {
    case 'text':
      return { type: 'string', ...common, ...(f.maxLength ? { maxLength: f.maxLength } : {}) };
    case 'email':
      return { type: 'string', format: 'email', ...common };
    case 'integer':
      return { type: 'integer', ...common };
    case 'number':
      return { type: 'number', ...common };
    case 'money':
      // money is an exact decimal string, never a JSON number (decimal.js and numeric on the server)
      return { type: 'string', format: 'decimal', ...common };
    case 'date':
      return { type: 'string', format: 'date', ...common };
    case 'boolean':
      return { type: 'boolean', ...common };
    case 'enum':
      return { type: 'string', enum: [...(f.enumValues ?? [])], ...common };
  }
}

/** The object type's `fields` JSON Schema from the visual field list (order kept, unknown fields refused). */
export function fieldsToSchema(fields: readonly FieldSpec[]): FieldsSchema {
  const required = fields.filter((f) => f.required).map((f) => f.name);
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.name, propertyOf(f)])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

const known = new Set(['type', 'format', 'title', 'description', 'enum', 'maxLength']);

/** The visual field list of a `fields` schema; what it cannot show is kept raw. */
export function schemaToFields(schema: Partial<FieldsSchema> | undefined): FieldSpec[] {
  const required = new Set(schema?.required ?? []);
  return Object.entries(schema?.properties ?? {}).map(([name, p]) => {
    const base = {
      name,
      required: required.has(name),
      ...(typeof p.title === 'string' ? { title: p.title } : {}),
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
    };
    const type = typeOf(p);
    if (!type || Object.keys(p).some((k) => !known.has(k))) return { ...base, type: type ?? 'text', raw: p };
    return {
      ...base,
      type,
      ...(type === 'enum' ? { enumValues: (p.enum ?? []).map(String) } : {}),
      ...(typeof p.maxLength === 'number' ? { maxLength: p.maxLength } : {}),
    };
  });
}

function typeOf(p: JsonSchema): FieldType | undefined {
  if (p.enum && p.type === 'string') return 'enum';
  if (p.type === 'string')
    return p.format === 'decimal'
      ? 'money'
      : p.format === 'date'
        ? 'date'
        : p.format === 'email'
          ? 'email'
          : p.format
            ? undefined
            : 'text';
  if (p.type === 'integer' || p.type === 'number' || p.type === 'boolean') return p.type;
  return undefined;
}

/** A field name the server accepts (`^[a-zA-Z][a-zA-Z0-9_]{0,63}$`), derived from a label when possible. */
export function suggestName(label: string, taken: readonly string[]): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let base = words.map((w, i) => (i ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase())).join('');
  if (!/^[a-zA-Z]/.test(base)) base = `field${base}`;
  base = base.slice(0, 60);
  let name = base;
  for (let i = 2; taken.includes(name); i++) name = `${base}${i}`;
  return name;
}
