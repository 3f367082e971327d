import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldsToSchema, fieldTypes, schemaToFields, suggestName, type FieldSpec } from './fields.ts';

describe('object type fields ⇄ JSON Schema', () => {
  it('writes money as a decimal string, enums, dates, required and no unknown fields', () => {
    const fields: FieldSpec[] = [
      { name: 'creditLimit', type: 'money', required: true, title: 'Credit limit' },
      { name: 'tier', type: 'enum', required: false, enumValues: ['gold', 'silver'] },
      { name: 'since', type: 'date', required: false },
      { name: 'note', type: 'text', required: false, maxLength: 200 },
    ];
    expect(fieldsToSchema(fields)).toEqual({
      type: 'object',
      properties: {
        creditLimit: { type: 'string', format: 'decimal', title: 'Credit limit' },
        tier: { type: 'string', enum: ['gold', 'silver'] },
        since: { type: 'string', format: 'date' },
        note: { type: 'string', maxLength: 200 },
      },
      required: ['creditLimit'],
      additionalProperties: false,
    });
  });

  it('reads back what it writes (any field list)', () => {
    const field = fc.record(
      {
        name: fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,10}$/),
        type: fc.constantFrom(...fieldTypes),
        required: fc.boolean(),
        title: fc.string({ minLength: 1, maxLength: 8 }),
      },
      { requiredKeys: ['name', 'type', 'required'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(field, { selector: (f) => f.name, maxLength: 6 }), (list) => {
        const fields = list.map((f) => (f.type === 'enum' ? { ...f, enumValues: ['a', 'b'] } : f));
        expect(schemaToFields(fieldsToSchema(fields))).toEqual(fields);
      }),
    );
  });

  it('keeps a property it cannot show as raw JSON, unchanged', () => {
    const odd = { type: 'array', items: { type: 'string' } };
    const fields = schemaToFields({ type: 'object', properties: { tags: odd } });
    expect(fields[0]).toMatchObject({ name: 'tags', raw: odd });
    expect(fieldsToSchema(fields).properties.tags).toEqual(odd);
  });

  it('suggests a valid, unused field name from a label', () => {
    expect(suggestName('Credit limit', [])).toBe('creditLimit');
    expect(suggestName('Credit limit', ['creditLimit'])).toBe('creditLimit2');
    expect(suggestName('信用额度', [])).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/);
  });
});
