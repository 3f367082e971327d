export * from './use-cases.ts';
export {
  defineDefinitionKind,
  checkDefinition,
  DefinitionKinds,
  type AnyDefinitionKind,
  type DefinitionKind,
  type PublishCheck,
  type PublishEnv,
} from './kinds.ts';
export { contentHash } from './content-hash.ts';
export { diffDocuments, type DiffEntry } from './diff.ts';
export { versionRef, type DefinitionVersion } from './documents.ts';
import type { AnyDefinitionKind } from './kinds.ts';
import { objectTypeKind } from './object-type.kind.ts';

export { objectTypeKind, type ObjectTypeDocument } from './object-type.kind.ts';
export { checkCustomFields, type ObjectTypeRef } from './custom-fields.ts';

/** The definition kinds this context declares (gathered at start-up by startup/definition-kinds.ts). */
export const definitionKinds: readonly AnyDefinitionKind[] = [objectTypeKind];
