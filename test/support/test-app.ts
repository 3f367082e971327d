import { createLogger } from '../../packages/server/src/logger.ts';
import { randomBytes } from 'node:crypto';
import { createApp, type CreateAppOptions } from '../../packages/server/src/api/app.ts';
import { loadConfig, type ServerConfig } from '../../packages/server/src/config/config.ts';
import { createTenant, createUser, createToken } from '../../packages/server/src/domain/identity/index.ts';
import type { TenantCtx, Actor } from '../../packages/server/src/domain/context.ts';
import type { DefinitionsDeps } from '../../packages/server/src/domain/definitions/index.ts';
import { testDatabase } from './test-db.ts';
import type { Database } from '../../packages/server/src/store/db.ts';
import type { RateCounters } from '../../packages/server/src/domain/throttle/index.ts';
import { testAuditKey, testKinds } from './factories.ts';
import { loadPlugins, type LoadedPlugins } from '../../packages/server/src/plugins/loader.ts';
import type { Connector } from '../../packages/plugins/src/sdk/index.ts';

const builtInPlugins = loadPlugins();

function withConnectors(loaded: LoadedPlugins, extra: Connector<unknown>[] = []): LoadedPlugins {
  if (!extra.length) return loaded;
  const connectors = new Map(loaded.connectors);
  const origins = new Map(loaded.origins);
  for (const c of extra) {
    connectors.set(c.id, c);
    origins.set(c.id, 'test');
  }
  return { ...loaded, connectors, origins };
}

export interface TestApp {
  app: ReturnType<typeof createApp>['app'];
  tables: ReturnType<typeof createApp>['tables'];
  tenant: TenantCtx;
  deps: DefinitionsDeps;
  /** An admin API token of the fresh tenant. */
  token: string;
  /** app.request with the admin token and JSON handling; a POST gets a fresh Idempotency-Key unless `headers` names one. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** Another user of the same tenant with the given roles, returning its token. */
  userToken(roles: string[], attributes?: Record<string, unknown>, email?: string): Promise<string>;
}

/** A Hono app over the test database with a fresh tenant and an admin token; requests go through app.request (no network). */
export async function createTestApp(
  options: CreateAppOptions & {
    config?: Partial<ServerConfig>;
    /** Connectors loaded beside the built-ins (e.g. a deliberately broken one). */
    connectors?: Connector<unknown>[];
    /** Rate counters (default: in memory, as one process keeps them). */
    counters?: RateCounters;
    /** Another database than the file's shared one (e.g. one that logs its statements). */
    database?: Database;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await testDatabase());
  const config = loadConfig(
    {},
    { auditKey: testAuditKey, dataDir: '/nonexistent', secureCookies: false, defaultTenant: 'demo', ...options.config },
  );
  const { app, tables } = createApp(
    {
      database,
      config,
      logger: createLogger('silent'),
      kinds: testKinds,
      plugins: withConnectors(await builtInPlugins, options.connectors),
      ...(options.counters ? { counters: options.counters } : {}),
    },
    // every API test checks the answers of the routes it calls against their declared response schemas
    { checkResponses: true, ...options },
  );
  const deps: DefinitionsDeps = { db: database.db, auditKey: testAuditKey, kinds: testKinds };
  const tenant = await createTenant(deps, {
    slug: `t-${randomBytes(6).toString('hex')}`,
    name: 'Test tenant',
    baseCurrency: 'CNY',
  });
  const userToken = async (roles: string[], attributes?: Record<string, unknown>, given?: string) => {
    const email = given ?? `${roles.join('-') || 'none'}-${randomBytes(4).toString('hex')}@example.test`;
    const system: Actor = { type: 'system', id: 'test', name: 'system:test', roles: ['admin'] };
    const user = await createUser(
      deps,
      { tenant, actor: system },
      { email, name: email, roles, password: 'password-123', attributes },
    );
    const t = await createToken(
      deps,
      { tenant, actor: { type: 'user', id: user.id, userId: user.id, name: email, roles } },
      { name: 'test' },
    );
    return t.token;
  };
  const token = await userToken(['admin']);
  const call: TestApp['call'] = async (method, path, body, headers = {}) => {
    // a POST carries a fresh Idempotency-Key unless the test names its own (money POSTs refuse one without)
    const named = Object.keys(headers).some((h) => h.toLowerCase() === 'idempotency-key');
    const res = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method.toUpperCase() === 'POST' && !named ? { 'idempotency-key': randomBytes(12).toString('hex') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return { app, tables, tenant, deps, token, call, userToken };
}
