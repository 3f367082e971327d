import { format, Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';
import {
  ROOT_SCHEMA_PREFIX,
  toErrorSchema,
  withIdRefPrefix,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

// The server's formats, checked the same way (money is a decimal string, never a float).
format.decimal = (s) => /^-?(0|[1-9]\d{0,21})(\.\d{1,12})?$/.test(s);
format.currency = (s) => /^[A-Z]{3}$/.test(s);

export type Lang = 'en' | 'zh';

const words: Record<Lang, Record<string, (v: unknown) => string>> = {
  en: {
    required: () => 'is required',
    type: (v) => `must be ${Array.isArray(v) ? v.join(' or ') : String(v)}`,
    format: (v) => `must be a valid ${String(v)}`,
    enum: (v) => `must be one of ${(v as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`,
    const: (v) => `must be ${JSON.stringify(v)}`,
    minLength: (v) => `must have at least ${String(v)} characters`,
    maxLength: (v) => `must have at most ${String(v)} characters`,
    pattern: (v) => `must match the pattern ${String(v)}`,
    minimum: (v) => `must be ≥ ${String(v)}`,
    maximum: (v) => `must be ≤ ${String(v)}`,
    exclusiveMinimum: (v) => `must be > ${String(v)}`,
    exclusiveMaximum: (v) => `must be < ${String(v)}`,
    minItems: (v) => `must have at least ${String(v)} items`,
    maxItems: (v) => `must have at most ${String(v)} items`,
    uniqueItems: () => 'must not contain duplicates',
    multipleOf: (v) => `must be a multiple of ${String(v)}`,
    additionalProperties: () => 'is not a known field',
    anyOf: () => 'must match one of the allowed shapes',
    oneOf: () => 'must match exactly one of the allowed shapes',
  },
  zh: {
    required: () => '为必填项',
    type: (v) => `应当是 ${Array.isArray(v) ? v.join(' 或 ') : String(v)} 类型`,
    format: (v) => `应当是有效的 ${String(v)} 格式`,
    enum: (v) => `应当是以下值之一：${(v as unknown[]).map((x) => JSON.stringify(x)).join('、')}`,
    const: (v) => `应当等于 ${JSON.stringify(v)}`,
    minLength: (v) => `不应少于 ${String(v)} 个字符`,
    maxLength: (v) => `不应多于 ${String(v)} 个字符`,
    pattern: (v) => `应当匹配模式 ${String(v)}`,
    minimum: (v) => `应当 ≥ ${String(v)}`,
    maximum: (v) => `应当 ≤ ${String(v)}`,
    exclusiveMinimum: (v) => `应当 > ${String(v)}`,
    exclusiveMaximum: (v) => `应当 < ${String(v)}`,
    minItems: (v) => `不应少于 ${String(v)} 项`,
    maxItems: (v) => `不应多于 ${String(v)} 项`,
    uniqueItems: () => '不应包含重复项',
    multipleOf: (v) => `应当是 ${String(v)} 的整数倍`,
    additionalProperties: () => '不是已知字段',
    anyOf: () => '应当符合允许的格式之一',
    oneOf: () => '应当恰好符合一种允许的格式',
  },
};

// Keywords that only report that something below them failed: the failure itself is reported too.
const containers = new Set([
  'properties',
  'items',
  'prefixItems',
  'allOf',
  '$ref',
  'additionalItems',
  'unevaluatedProperties',
  'dependentSchemas',
  'if',
  'then',
  'else',
  'not',
  'contains',
  'propertyNames',
  'patternProperties',
  '$dynamicRef',
]);

const unescape = (t: string) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~');

function at(schema: unknown, pointer: string): unknown {
  let cur = schema;
  for (const t of pointer.replace(/^#\/?/, '').split('/').filter(Boolean).map(unescape)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, t)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}

/** cfworker output units as RJSF errors, with messages in the UI language (parameters read from the schema). */
export function toRjsfErrors(units: readonly OutputUnit[], schema: unknown, lang: Lang): RJSFValidationError[] {
  const out: RJSFValidationError[] = [];
  for (const u of units) {
    if (containers.has(u.keyword)) continue;
    if (/\/(anyOf|oneOf)\/\d+\//.test(u.keywordLocation)) continue; // an alternative's own failures: the anyOf error says it
    let property = u.instanceLocation
      .replace(/^#/, '')
      .split('/')
      .filter(Boolean)
      .map(unescape)
      .map((t) => `.${t}`)
      .join('');
    if (u.keyword === 'required' || u.keyword === 'additionalProperties') {
      const name = /"([^"]+)"/.exec(u.error)?.[1];
      if (name) property += `.${name}`;
    }
    const value = at(schema, u.keywordLocation);
    const say = words[lang][u.keyword];
    const message =
      say && (value !== undefined || u.keyword === 'required' || u.keyword === 'additionalProperties')
        ? say(value)
        : u.error;
    out.push({
      name: u.keyword,
      property,
      message,
      stack: `${property} ${message}`.trim(),
      schemaPath: u.keywordLocation,
    });
  }
  return out;
}

/**
 * An RJSF validator that interprets JSON Schema (@cfworker/json-schema) instead of compiling it: ajv
 * compiles with `new Function`, which the server's Content-Security-Policy (no 'unsafe-eval') refuses.
 */
export class InterpretingValidator implements ValidatorType<unknown, RJSFSchema> {
  private rootSchema: RJSFSchema | undefined;
  constructor(private readonly lang: Lang) {}

  private validator(schema: RJSFSchema, rootSchema?: RJSFSchema) {
    const v = new Validator((rootSchema ? withIdRefPrefix(schema) : schema) as Schema, '2020-12', false);
    if (rootSchema) v.addSchema(rootSchema as Schema, ROOT_SCHEMA_PREFIX);
    return v;
  }

  rawValidation<Result = OutputUnit>(schema: RJSFSchema, formData?: unknown) {
    try {
      const r = this.validator(schema, this.rootSchema).validate(formData ?? {});
      return { errors: r.valid ? undefined : (r.errors as Result[]) };
    } catch (e) {
      return { validationError: e as Error };
    }
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    _customValidate?: unknown,
    transformErrors?: (errors: RJSFValidationError[]) => RJSFValidationError[],
  ): ValidationData<unknown> {
    let errors: RJSFValidationError[];
    try {
      const r = this.validator(schema).validate(formData ?? {});
      errors = r.valid ? [] : toRjsfErrors(r.errors, schema, this.lang);
    } catch (e) {
      errors = [{ message: (e as Error).message, stack: (e as Error).message }];
    }
    if (transformErrors) errors = transformErrors(errors);
    return { errors, errorSchema: toErrorSchema(errors) };
  }

  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      return this.validator(schema, rootSchema).validate(formData ?? {}).valid;
    } catch {
      return false;
    }
  }

  reset() {
    this.rootSchema = undefined;
  }
}
