import type { FieldError } from '../errors.ts';

export const definitionKindBrand = Symbol.for('hexiao:definition-kind');

export interface DefinitionKindSpec<Doc = unknown> {
  kind: string;
  title: string;
  /** JSON Schema every document of this kind must satisfy (checked with ajv, errors as JSON pointers). */
  metaSchema: object;
  /** Checks beyond the meta-schema (e.g. a field schema that itself compiles); pointers into the document. */
  validate?(document: Doc): FieldError[];
}

export type DefinitionKind<Doc = unknown> = Readonly<DefinitionKindSpec<Doc>> & {
  readonly [definitionKindBrand]: true;
};

export function defineDefinitionKind<Doc>(spec: DefinitionKindSpec<Doc>): DefinitionKind<Doc> {
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(spec.kind))
    throw new TypeError(`definition kind "${spec.kind}" must be kebab-case`);
  return Object.freeze({ ...spec, [definitionKindBrand]: true as const });
}

/** The registry of definition kinds, owned by the definitions context; later capabilities register theirs. */
export class DefinitionKinds {
  private readonly byKind = new Map<string, DefinitionKind<never>>();

  register(kind: DefinitionKind<never>): this {
    if (this.byKind.has(kind.kind)) throw new Error(`definition kind ${kind.kind} is already registered`);
    this.byKind.set(kind.kind, kind);
    return this;
  }

  get(kind: string): DefinitionKind<unknown> | undefined {
    return this.byKind.get(kind) as DefinitionKind<unknown> | undefined;
  }

  list(): DefinitionKind<unknown>[] {
    return [...this.byKind.values()] as DefinitionKind<unknown>[];
  }
}
