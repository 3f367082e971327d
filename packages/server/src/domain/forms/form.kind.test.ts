import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../definitions/index.ts';
import { formKind, formMetaSchema, type FormDocument } from './index.ts';

const demo = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../examples/demo-tenant/forms/${name}.form.json`, import.meta.url), 'utf8'),
  ) as FormDocument;

const errorsOf = (doc: unknown) => checkDefinition(formKind as never, doc);

describe('the form kind', () => {
  it('schemas/form.schema.json (what the designer loads) is the meta-schema the server checks with', () => {
    const file = JSON.parse(readFileSync(new URL('../../../schemas/form.schema.json', import.meta.url), 'utf8'));
    // out of date? write JSON.stringify(formMetaSchema, null, 2) to the file
    expect(file).toEqual(formMetaSchema);
  });

  it('accepts the demo forms', () => {
    for (const name of ['bad-debt-write-off', 'small-balance-write-off', 'debt-transfer'])
      expect(errorsOf(demo(name)), name).toEqual([]);
  });

  it('refuses with a pointer: unknown action, missing action fields, hidden required field, bad JSON-Logic', () => {
    const base = demo('bad-debt-write-off');
    expect(errorsOf({ ...base, action: 'pay-everyone' })[0]).toMatchObject({ pointer: '/action' });
    const { reason: _reason, ...props } = base.schema.properties as Record<string, unknown>;
    void _reason;
    expect(
      errorsOf({ ...base, schema: { ...base.schema, properties: props, required: ['receivableIds', 'amount'] } }),
    ).toContainEqual({
      pointer: '/schema/properties',
      reason: 'has no field reason, which the bad-debt-write-off action reads',
    });
    expect(errorsOf({ ...base, schema: { ...base.schema, required: ['receivableIds', 'amount'] } })).toContainEqual({
      pointer: '/schema/required',
      reason: 'must list reason: the bad-debt-write-off action needs it',
    });
    expect(
      errorsOf({
        ...base,
        schema: {
          ...base.schema,
          properties: { ...base.schema.properties, amount: { type: 'number' } },
        },
      }),
    ).toContainEqual(expect.objectContaining({ pointer: '/schema/properties/amount/type' }));
    expect(
      errorsOf({ ...base, conditions: { amount: { show: { '==': [{ var: 'form.reason' }, 'other'] } } } }),
    ).toContainEqual(expect.objectContaining({ pointer: '/conditions/amount/show' }));
    expect(errorsOf({ ...base, conditions: { nope: { require: true } } })).toContainEqual(
      expect.objectContaining({ pointer: '/conditions/nope' }),
    );
    const unknownVar = errorsOf({
      ...base,
      conditions: { explanation: { require: { '==': [{ var: 'form.reasn' }, 'other'] } } },
    });
    expect(unknownVar[0]?.pointer).toMatch(/^\/conditions\/explanation\/require/);
    expect(errorsOf({ ...base, prefill: { amount: { var: 'subject.openAmont' } } })[0]?.pointer).toMatch(
      /^\/prefill\/amount/,
    );
    expect(errorsOf({ ...base, prefill: { amount: { frobnicate: [] } } })[0]?.pointer).toMatch(/^\/prefill\/amount/);
    expect(
      errorsOf({ ...base, schema: { ...base.schema, required: ['receivableIds', 'amount', 'reason', 'ghost'] } }),
    ).toContainEqual({ pointer: '/schema/required/3', reason: 'names ghost, which is not among the properties' });
    expect(
      errorsOf({
        ...base,
        schema: { ...base.schema, properties: { ...base.schema.properties, bad: { type: 'strng' } } },
      }),
    ).toContainEqual(expect.objectContaining({ pointer: '/schema' }));
  });

  it('a debt transfer form must require evidence; labels are declared once', () => {
    const t = demo('debt-transfer');
    expect(errorsOf({ ...t, attachments: [{ label: 'transfer-agreement' }] })).toContainEqual({
      pointer: '/attachments',
      reason: 'the debt-transfer action needs evidence: declare an attachment with "required": true',
    });
    expect(
      errorsOf({ ...t, attachments: [...t.attachments!, { label: 'merger-notice' }] }).map((e) => e.pointer),
    ).toContain('/attachments/2/label');
  });
});
