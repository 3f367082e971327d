import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { builtInRoles } from '../../packages/server/src/domain/identity/permissions.ts';
import { builtInScopes } from '../../packages/server/src/domain/identity/roles.ts';

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of Object.keys(builtInRoles)) tokens[role] = await t.userToken([role]);
}, 60_000);

describe('permission matrix, generated from the route list × the built-in roles', () => {
  it('every route refuses a role without its permission (403 naming it) and lets a role with it through', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const table of t.tables)
      for (const spec of table.specs) {
        if (spec.access === 'public' || spec.access === 'authenticated') continue;
        const ids: string[] = [];
        const path = `/api/v1${spec.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
          ids.push(name === 'version' ? String(900_000 + ids.length) : randomUUID());
          return ids.at(-1)!;
        })}`;
        const refusal = `this action needs the permission ${spec.access}`;
        for (const [role, perms] of Object.entries(builtInRoles)) {
          // a route that cannot filter by customer refuses a role with a data scope, whatever it holds
          const allowed = perms.includes(spec.access) && !(spec.dataScope === 'unscoped-only' && role in builtInScopes);
          const r = await t.call(spec.method.toUpperCase(), path, spec.body ? {} : undefined, {
            authorization: `Bearer ${tokens[role]}`,
          });
          checked++;
          const problem = (r.body ?? {}) as { detail?: string; errors?: unknown[] };
          const detail = problem.detail ?? '';
          // refused by the permission check: 403 naming the permission. Let through: what only the route can answer
          // — a success, its body or query validation (which runs after the check, naming fields), "not found"
          // naming the id from the path, or its own refusal (a data scope that does not reach)
          const scoped = spec.dataScope === 'unscoped-only' && role in builtInScopes;
          // a scoped role holding the permission meets the route's own scope refusal instead
          const scopeRefusal = scoped && perms.includes(spec.access);
          const refused = r.status === 403 && (scopeRefusal ? detail.includes('data scope') : detail === refusal);
          const reached =
            r.status < 300 ||
            (r.status === 403 && !refused && detail !== '') ||
            (r.status === 422 && (problem.errors?.length ?? 0) > 0) ||
            (r.status === 404 && ids.some((id) => detail.includes(id)));
          if (allowed ? !reached : !refused)
            wrong.push(`${role} ${spec.method} ${spec.path} (${spec.access}) → ${r.status} ${detail}`);
        }
      }
    expect(checked).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  }, 300_000);

  it('every route declares an access and every declared permission exists', () => {
    const all = new Set(Object.values(builtInRoles).flat());
    for (const table of t.tables)
      for (const spec of table.specs) {
        expect(spec.access, `${spec.method} ${spec.path}`).toBeTruthy();
        if (spec.access !== 'public' && spec.access !== 'authenticated')
          expect(all.has(spec.access), `${spec.method} ${spec.path}: ${spec.access}`).toBe(true);
      }
  });
});
