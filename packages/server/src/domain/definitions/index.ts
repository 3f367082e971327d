export * from './use-cases.ts';
export { defineDefinitionKind, DefinitionKinds, type DefinitionKind } from './kinds.ts';
export { definitionKinds, createDefinitionKinds } from './registry.ts';
export { contentHash } from './content-hash.ts';
export { diffDocuments, type DiffEntry } from './diff.ts';
export { versionRef, type DefinitionVersion } from './documents.ts';
export type { ObjectTypeDocument } from './object-type.kind.ts';
export type { AccountMappingDocument } from './account-mapping.kind.ts';
export { checkCustomFields, type ObjectTypeRef } from './custom-fields.ts';
