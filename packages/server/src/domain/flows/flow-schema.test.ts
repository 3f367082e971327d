import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowMetaSchema } from './flow-schema.ts';

describe('the flow meta-schema', () => {
  it('schemas/flow.schema.json (what the designer loads) is the meta-schema the server checks with', () => {
    const file = JSON.parse(readFileSync(new URL('../../../schemas/flow.schema.json', import.meta.url), 'utf8'));
    // out of date? write JSON.stringify(flowMetaSchema, null, 2) to the file
    expect(file).toEqual(flowMetaSchema);
  });
});
