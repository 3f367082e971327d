import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createApp } from '../../packages/server/src/api/app.ts';
import { designerSite } from '../../packages/server/src/api/designer-site.ts';
import { loadConfig } from '../../packages/server/src/config/config.ts';
import { createLogger } from '../../packages/server/src/logger.ts';
import { createTenant, createUser } from '../../packages/server/src/domain/identity/index.ts';
import type { Actor, TenantCtx } from '../../packages/server/src/domain/context.ts';
import { testDatabase } from '../support/test-db.ts';
import { testAuditKey, testKinds } from '../support/factories.ts';
import { loadPlugins } from '../../packages/server/src/plugins/loader.ts';
import { chromiumPath } from '../support/skip.ts';

export const password = 'browser-test-1';

/** Builds the designer when stale (the same check `pnpm start` runs). */
export function ensureDesignerBuilt(): void {
  const r = spawnSync(process.execPath, ['packages/designer/scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the designer build failed');
}

export interface Stack {
  url: string;
  tenant: TenantCtx;
  database: Awaited<ReturnType<typeof testDatabase>>;
  users: Record<'analyst' | 'clerk' | 'admin', string>;
  close(): Promise<void>;
}

/** The real server (API + built designer) on a free port over the test database, with a fresh tenant and users. */
export async function startStack(o: { timeZone?: string; importWaitMs?: number } = {}): Promise<Stack> {
  const database = await testDatabase();
  const slug = `e2e-${randomBytes(4).toString('hex')}`;
  const config = loadConfig(
    {},
    {
      auditKey: testAuditKey,
      dataDir: '/nonexistent',
      secureCookies: false,
      defaultTenant: slug,
      ...(o.importWaitMs !== undefined ? { importWaitMs: o.importWaitMs } : {}),
    },
  );
  const deps = { db: database.db, auditKey: testAuditKey, kinds: testKinds };
  const tenant = await createTenant(deps, {
    slug,
    name: '华东精密制造 (e2e)',
    baseCurrency: 'CNY',
    ...(o.timeZone ? { timeZone: o.timeZone } : {}),
  });
  const system: Actor = { type: 'system', id: 'e2e', name: 'system:e2e', roles: ['admin'] };
  const users = { analyst: `analyst@${slug}.test`, clerk: `clerk@${slug}.test`, admin: `admin@${slug}.test` };
  for (const [role, email] of Object.entries(users))
    await createUser(deps, { tenant, actor: system }, { email, name: role, roles: [role], password });
  const { app } = createApp(
    { database, config, logger: createLogger('silent'), kinds: testKinds, plugins: await loadPlugins() },
    { staticSite: designerSite() },
  );
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tenant,
    database,
    users,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

export const outDir =
  process.env.E2E_OUT ?? join('test-results', 'browser', process.env.DATABASE_URL ? 'postgresql' : 'pglite');

/** A browser context per user; every console error and page error is collected (the test fails on any). */
export async function newPage(
  browser: Browser,
  problems: string[],
  lang: 'en' | 'zh' = 'en',
): Promise<{ context: BrowserContext; page: Page }> {
  // the browser's language decides the screens' first language (as for a new user)
  const context = await browser.newContext({
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    // warnings count too: React and antd report misuse as console warnings
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text().slice(0, 400)}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // which request failed, beside the console's bare "Failed to load resource"
  page.on('response', (r) => {
    if (r.status() < 400 || r.request().resourceType() !== 'fetch') return;
    const entry = `response ${r.status()}: ${r.request().method()} ${new URL(r.url()).pathname}`;
    const at = problems.push(entry) - 1;
    // the problem document and what was sent say why, when the failure shows up in a CI log only
    void r
      .text()
      .then(
        (body) =>
          (problems[at] = `${entry} ${body.slice(0, 400)} (sent ${(r.request().postData() ?? '').slice(0, 300)})`),
      )
      .catch(() => {});
  });
  page.setDefaultTimeout(20_000);
  return { context, page };
}

let shotNo = 0;
/** Saves a numbered full-page screenshot of the step into the (gitignored) test output. */
export async function shot(page: Page, spec: string, name: string): Promise<void> {
  const dir = join(outDir, spec);
  mkdirSync(dir, { recursive: true });
  shotNo++;
  await page.screenshot({
    path: join(dir, `${String(shotNo).padStart(2, '0')}-${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}

/** Logs out through the shell and waits for the login form (the session is gone by then). */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Log out|退出登录/ }).click();
  await page.getByLabel(/E-mail|邮箱/).waitFor();
}

export async function login(page: Page, url: string, email: string, pw = password): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel(/E-mail|邮箱/).fill(email);
  await page.getByLabel(/^(Password|密码)$/).fill(pw);
  await page.getByRole('button', { name: /Log in|登录/ }).click();
  await page.getByTestId('whoami').waitFor();
}

/** Picks an option of an antd Select by its visible text. */
export async function choose(page: Page, testIdOrSelect: string | Locator, option: string | RegExp): Promise<void> {
  const select = typeof testIdOrSelect === 'string' ? page.getByTestId(testIdOrSelect) : testIdOrSelect;
  const open = page.locator('.ant-select-dropdown:visible');
  // a click landing while the list re-renders (its options refetched, on a loaded machine) is lost: the list stays
  // open; choose again until it closes
  for (let attempt = 1; ; attempt++) {
    if (!(await open.count())) await select.click();
    await open.locator('.ant-select-item-option', { hasText: option }).first().click();
    try {
      await open.first().waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

type Api = Awaited<ReturnType<typeof openApi>>;
const sessions = new Map<string, Promise<Api>>();

/**
 * The API as one user, with the session cookie and CSRF token a browser would hold: for seeding and checking.
 * One session per user and server (logins are rate-limited per address, as they should be).
 */
export function apiAs(url: string, email: string, pw = password): Promise<Api> {
  const key = `${url} ${email}`;
  let s = sessions.get(key);
  if (!s) sessions.set(key, (s = openApi(url, email, pw)));
  return s;
}

async function openApi(url: string, email: string, pw: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: pw }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken, 'idempotency-key': randomUUID() }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown) => call<T>('POST', path, body),
  };
}
