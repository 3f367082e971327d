import { checkTenantSchema } from '../../schema/tenant-schemas.ts';
import { jsonInputProblem } from '../../schema/json-bounds.ts';
import type { Executor } from '../../store/db.ts';
import { findCurrentDefinition } from '../../store/repos/definitions.ts';
import { HexiaoError } from '../errors.ts';
import type { ObjectTypeDocument } from './object-type.kind.ts';

/** The closed schema of each object-type document read, so a batch builds and hashes it once. */
const schemas = new WeakMap<object, object>();

export interface ObjectTypeRef {
  key: string;
  version: number;
}

/**
 * Validates an object's custom fields against the current published object type (the one named, or
 * the one keyed like the object, e.g. `customer`). Returns the version used, to store beside the data.
 * Unknown fields are refused unless the type's schema says `additionalProperties: true`.
 */
export async function checkCustomFields(
  db: Executor,
  tenantId: string,
  appliesTo: ObjectTypeDocument['appliesTo'],
  objectType: string | undefined,
  custom: Record<string, unknown> | undefined,
  record: string,
  /** A batch passes a loader that reads each object type once; one posting reads it itself. */
  load: (key: string) => ReturnType<typeof findCurrentDefinition> = (key) =>
    findCurrentDefinition(db, tenantId, 'object-type', key),
): Promise<ObjectTypeRef | null> {
  const bounds = jsonInputProblem(custom ?? {}, '/custom');
  if (bounds)
    throw new HexiaoError('invalid_data', `${record}: ${bounds.pointer} ${bounds.reason}`, {
      errors: [bounds],
      record,
    });
  const key = objectType ?? appliesTo;
  const def = await load(key);
  if (!def) {
    if (objectType)
      throw new HexiaoError('invalid_data', `${record}: object type ${objectType} is not published`, {
        pointer: '/objectType',
        record,
      });
    if (custom && Object.keys(custom).length)
      throw new HexiaoError('invalid_data', `${record}: custom fields need a published object type for ${appliesTo}`, {
        pointer: '/custom',
        record,
      });
    return null;
  }
  const doc = def.document as ObjectTypeDocument;
  if (doc.appliesTo !== appliesTo)
    throw new HexiaoError(
      'invalid_data',
      `${record}: object type ${key} applies to ${doc.appliesTo}, not ${appliesTo}`,
      { pointer: '/objectType', record },
    );
  let schema = schemas.get(doc);
  if (!schema) schemas.set(doc, (schema = { additionalProperties: false, ...doc.fields }));
  const errors = checkTenantSchema(schema, custom ?? {}, '/custom');
  if (errors.length)
    throw new HexiaoError('invalid_data', `${record}: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`, {
      errors,
      record,
    });
  return { key, version: def.version };
}
