import type { OpDescriptor } from '../engine/types.ts';

const docText = (op: OpDescriptor): string => {
  const ex = op.doc.example;
  const data = ex.data === undefined ? '' : `\n\ndata: \`${JSON.stringify(ex.data)}\``;
  const notes = op.doc.notes ? `\n\n${op.doc.notes}` : '';
  return `${op.doc.summary}${notes}\n\nExample: \`${JSON.stringify(ex.rule)}\`${data}\n\n→ \`${JSON.stringify(ex.result)}\``;
};

function exampleArgs(op: OpDescriptor): unknown[] {
  const rule = op.doc.example.rule;
  return typeof rule === 'object' && rule !== null && Object.hasOwn(rule, op.name)
    ? [(rule as Record<string, unknown>)[op.name]]
    : [];
}

function argsSchema(op: OpDescriptor): Record<string, unknown> {
  const { min, max } = op.arity;
  const list: Record<string, unknown> = { type: 'array', items: { $ref: '#/$defs/rule' }, minItems: min };
  if (max !== undefined) list.maxItems = max;
  // A single argument may be written without the array: {"var": "x"}.
  return min <= 1 && (max === undefined || max >= 1) ? { anyOf: [list, { $ref: '#/$defs/rule' }] } : list;
}

/**
 * JSON Schema (2020-12) of rule documents, generated from an op registry: one property per
 * operation with its arity, a description (Markdown with the example) for hover docs, and a
 * default snippet for completion. Feed it to Monaco's JSON language service.
 */
export function buildRuleDocumentSchema(ops: readonly OpDescriptor[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const op of [...ops].sort((a, b) => a.name.localeCompare(b.name))) {
    properties[op.name] = {
      ...argsSchema(op),
      title: op.name,
      description: op.doc.summary,
      markdownDescription: docText(op),
      examples: exampleArgs(op),
      'x-hexiao-family': op.family,
      'x-hexiao-signature': op.signature,
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://hexiao.dev/schemas/rule-document.json',
    title: 'hexiao rule document (JsonLogic superset)',
    $ref: '#/$defs/rule',
    $defs: {
      rule: {
        anyOf: [
          { type: ['string', 'number', 'boolean', 'null'] },
          { type: 'array', items: { $ref: '#/$defs/rule' } },
          { $ref: '#/$defs/operation' },
          {
            description: 'Literal object (not exactly one key): returned as data.',
            type: 'object',
            not: { minProperties: 1, maxProperties: 1 },
          },
        ],
      },
      operation: {
        description: 'An operation: an object with exactly one key, the operation name.',
        type: 'object',
        minProperties: 1,
        maxProperties: 1,
        properties,
        additionalProperties: false,
      },
    },
  };
}
