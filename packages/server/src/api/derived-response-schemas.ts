import { readFileSync } from 'node:fs';
import type { JSONSchema } from 'json-schema-to-ts';

type Schema = Exclude<JSONSchema, boolean>;

/**
 * Response schemas derived from the TypeScript types the handlers answer (scripts/response-schemas.mjs writes
 * the file; a test fails when it is out of date), keyed `METHOD /path`; a path built from a template in a loop
 * is keyed by its template.
 */
const derived = JSON.parse(
  readFileSync(new URL('./response-schemas.generated.json', import.meta.url), 'utf8'),
) as Record<string, Schema>;

const templates = Object.keys(derived)
  .filter((k) => k.includes('${'))
  .map((k) => ({
    key: k,
    pattern: new RegExp(`^${k.replace(/[.*+?^()|[\]\\]/g, '\\$&').replace(/\$\{[^}]+\}/g, '[^/]+')}$`),
  }));

export function derivedResponseSchema(method: string, path: string): Schema | undefined {
  const key = `${method.toUpperCase()} ${path}`;
  return derived[key] ?? derived[templates.find((t) => t.pattern.test(key))?.key ?? ''];
}
