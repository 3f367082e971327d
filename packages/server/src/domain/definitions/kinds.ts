import { check } from '../../schema/ajv.ts';
import { jsonInputProblem } from '../../schema/json-bounds.ts';
import type { Executor } from '../deps.ts';
import type { FieldError } from '../errors.ts';

/** What a kind's publish check reads: the tenant's data as it stands (bound documents, today's people). */
export interface PublishEnv {
  db: Executor;
  tenantId: string;
  /** The tenant's time zone (its "today" for dated data such as delegations). */
  timeZone: string;
}

export interface PublishCheck {
  errors: FieldError[];
  /** Findings that do not refuse publishing (e.g. a role nobody holds today). */
  warnings: FieldError[];
}

export const definitionKindBrand = Symbol.for('hexiao:definition-kind');

export interface DefinitionKindSpec<Doc = unknown> {
  kind: string;
  title: string;
  /** JSON Schema every document of this kind must satisfy (checked with ajv, errors as JSON pointers). */
  metaSchema: object;
  /** Checks beyond the meta-schema (e.g. a field schema that itself compiles); pointers into the document. */
  validate?(document: Doc): FieldError[];
  /**
   * Checks against the tenant's data, run when a version is published (after the document checks pass):
   * errors refuse it, warnings are returned with the published version. Pointers into the document.
   */
  publishCheck?(document: Doc, env: PublishEnv): Promise<PublishCheck>;
}

export type DefinitionKind<Doc = unknown> = Readonly<DefinitionKindSpec<Doc>> & {
  readonly [definitionKindBrand]: true;
};

/** A kind of any document type, as a list of kinds holds it. */
export type AnyDefinitionKind = DefinitionKind<never>;

export function defineDefinitionKind<Doc>(spec: DefinitionKindSpec<Doc>): DefinitionKind<Doc> {
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(spec.kind))
    throw new TypeError(`definition kind "${spec.kind}" must be kebab-case`);
  return Object.freeze({ ...spec, [definitionKindBrand]: true as const });
}

/** Meta-schema first, then the kind's own checks; every error has a JSON pointer into the document. */
export function checkDefinition(kind: AnyDefinitionKind, document: unknown): FieldError[] {
  // however a document arrives (API, CLI, import), it is bounded before any recursive check reads it
  const bounds = jsonInputProblem(document);
  if (bounds) return [bounds];
  const errors = check(kind.metaSchema, document);
  // the meta-schema has passed, so the document has the shape the kind's own checks read
  return errors.length ? errors : ((kind as DefinitionKind<unknown>).validate?.(document) ?? []);
}

/**
 * The definition kinds a server knows, built once at start-up from the contexts that declare them (see
 * `startup/definition-kinds.ts`) and passed to use-cases as `deps.kinds`. Frozen once built; a
 * duplicate kind is refused.
 */
export class DefinitionKinds {
  private readonly byKind = new Map<string, AnyDefinitionKind>();

  constructor(kinds: Iterable<AnyDefinitionKind>) {
    for (const k of kinds) {
      if (this.byKind.has(k.kind)) throw new Error(`definition kind ${k.kind} is declared twice`);
      this.byKind.set(k.kind, k);
    }
    Object.freeze(this);
  }

  get(kind: string): AnyDefinitionKind | undefined {
    return this.byKind.get(kind);
  }

  list(): AnyDefinitionKind[] {
    return [...this.byKind.values()];
  }
}
