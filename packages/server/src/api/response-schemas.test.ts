import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { v1Tables } from './app.ts';
import { createAjv } from '../schema/ajv.ts';

/**
 * Routes that answer JSON without a response schema, declared or derived from the handler's answer type (none
 * today). A route whose answer the type checker cannot see would be named here until it declares its schema.
 */
const undeclared = new Set<string>([]);

const routes = v1Tables().flatMap((t) => t.specs);
const answersJson = (s: (typeof routes)[number]) =>
  s.response?.status !== 204 && (s.response?.contentType ?? 'application/json') === 'application/json';

describe('response schemas', () => {
  it('every JSON route has one (OpenAPI documents it, API tests check answers against it)', () => {
    const missing = routes
      .filter((s) => answersJson(s) && !s.response?.schema)
      .map((s) => `${s.method.toUpperCase()} ${s.path}`);
    expect(missing.filter((r) => !undeclared.has(r))).toEqual([]);
    expect([...undeclared].filter((r) => !missing.includes(r))).toEqual([]);
  });

  it('the derived schemas are those of the code as it is (scripts/response-schemas.mjs --check)', () => {
    const script = fileURLToPath(new URL('../../../../scripts/response-schemas.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 120_000);

  it("the designer's answer types are those of the schemas as they are (scripts/designer-types.mjs --check)", () => {
    const script = fileURLToPath(new URL('../../../../scripts/designer-types.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});

describe('derived response schemas', () => {
  it('each compiles under strict JSON Schema (no unknown keyword or format)', () => {
    const bad: string[] = [];
    for (const s of routes)
      if (s.response?.schema)
        try {
          createAjv({ strict: true }).compile(s.response.schema);
        } catch (e) {
          bad.push(`${s.method.toUpperCase()} ${s.path}: ${(e as Error).message.slice(0, 200)}`);
        }
    expect(bad).toEqual([]);
  });
});
