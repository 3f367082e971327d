import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, defaults, loadConfig } from './config.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'hexiao-config-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const pg = 'postgres://app@127.0.0.1:5432/hexiao';
const key = 'f'.repeat(64);

/** The ConfigError loadConfig throws for this environment. */
function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ HEXIAO_DATA_DIR: tempDir(), ...env });
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('the audit key', () => {
  it('on PostgreSQL comes from HEXIAO_AUDIT_KEY, and without it the server refuses to start saying how to make one', () => {
    const e = refusal({ DATABASE_URL: pg });
    expect(e.variable).toBe('HEXIAO_AUDIT_KEY');
    expect(e.message).toMatch(/required with DATABASE_URL/);
    expect(e.message).toMatch(/hexiao audit key/);
    expect(e.message).toMatch(/openssl rand -hex 32/);
    const dataDir = tempDir();
    const config = loadConfig({ DATABASE_URL: pg, HEXIAO_AUDIT_KEY: key, HEXIAO_DATA_DIR: dataDir });
    expect(config.auditKey.toString()).toBe(key);
    expect(() => statSync(join(dataDir, 'secrets'))).toThrow(); // nothing written into a data folder
  });

  it('on PostgreSQL may come from the file HEXIAO_AUDIT_KEY_FILE names (trimmed), not from both', () => {
    const file = join(tempDir(), 'audit.key');
    writeFileSync(file, `${key}\n`);
    expect(loadConfig({ DATABASE_URL: pg, HEXIAO_AUDIT_KEY_FILE: file }).auditKey.toString()).toBe(key);
    expect(refusal({ DATABASE_URL: pg, HEXIAO_AUDIT_KEY_FILE: join(tempDir(), 'missing') }).variable).toBe(
      'HEXIAO_AUDIT_KEY_FILE',
    );
    expect(refusal({ DATABASE_URL: pg, HEXIAO_AUDIT_KEY: key, HEXIAO_AUDIT_KEY_FILE: file }).message).toMatch(
      /not both/,
    );
  });

  it('refuses a short key', () => {
    expect(refusal({ DATABASE_URL: pg, HEXIAO_AUDIT_KEY: 'secret' }).message).toMatch(/at least 32/);
  });

  it('for an embedded data folder is generated once into the folder (0600) and kept', () => {
    const dataDir = tempDir();
    const first = loadConfig({ HEXIAO_DATA_DIR: dataDir }).auditKey.toString();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dataDir, 'secrets', 'audit.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(loadConfig({ HEXIAO_DATA_DIR: dataDir }).auditKey.toString()).toBe(first);
  });
});

describe('every value is validated and named', () => {
  it.each([
    ['HEXIAO_MAX_UPLOAD', 'abc'],
    ['HEXIAO_MAX_UPLOAD', '10MB'],
    ['HEXIAO_MAX_UPLOAD', '-5'],
    ['HEXIAO_MAX_UPLOAD', '0'],
    ['HEXIAO_MAX_BODY', '1.5'],
    ['HEXIAO_MAX_EXPANDED', 'lots'],
    ['HEXIAO_MAX_ATTACHMENT', '20M'],
    ['HEXIAO_ATTACHMENT_TYPES', 'pdf'],
    ['HEXIAO_ATTACHMENT_TYPES', ' , '],
    ['HEXIAO_SESSION_TTL', 'NaN'],
    ['PORT', '70000'],
    ['HEXIAO_PORT', 'http'],
    ['HEXIAO_SECURE_COOKIES', 'yes'],
    ['LOG_LEVEL', 'loud'],
    ['HEXIAO_TENANT', 'Not A Slug'],
    ['HEXIAO_BASE_CURRENCY', 'euro'],
    ['HEXIAO_BASE_CURRENCY', 'XYZ'],
    ['HEXIAO_BASE_CURRENCY', 'XAU'],
    ['HEXIAO_IMPORT_BATCH', '10'],
    ['HEXIAO_IMPORT_BATCH', '1e4'],
    ['DATABASE_URL', 'mysql://x@y/z'],
    ['DATABASE_OWNER_URL', 'not a url'],
  ])('%s=%s is an error naming the variable', (variable, value) => {
    const e = refusal({ [variable]: value });
    expect(e.variable).toBe(variable);
    expect(e.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('reads well-formed values', () => {
    const c = loadConfig({
      HEXIAO_DATA_DIR: tempDir(),
      HEXIAO_MAX_UPLOAD: '1000',
      HEXIAO_MAX_BODY: '2048',
      PORT: '8080',
      HEXIAO_SECURE_COOKIES: 'false',
      LOG_LEVEL: 'debug',
      HEXIAO_BASE_CURRENCY: 'EUR',
      HEXIAO_PLUGINS: 'a, b,,',
      HEXIAO_MAX_ATTACHMENT: '5000',
      HEXIAO_ATTACHMENT_TYPES: 'application/pdf, Image/PNG',
      HEXIAO_IMPORT_BATCH: '500',
    });
    expect(c).toMatchObject({
      maxUploadBytes: 1000,
      maxBodyBytes: 2048,
      port: 8080,
      secureCookies: false,
      logLevel: 'debug',
      baseCurrency: 'EUR',
      pluginPackages: ['a', 'b'],
      maxAttachmentBytes: 5000,
      attachmentTypes: ['application/pdf', 'image/png'],
      importBatchLines: 500,
    });
  });
});

describe('one default per cap', () => {
  it('the expansion cap follows the upload cap unless set', () => {
    const dataDir = tempDir();
    const plain = loadConfig({ HEXIAO_DATA_DIR: dataDir });
    expect(plain.maxUploadBytes).toBe(defaults.maxUploadBytes);
    expect(plain.maxExpandedBytes).toBe(defaults.expansionFactor * defaults.maxUploadBytes);
    expect(loadConfig({ HEXIAO_DATA_DIR: dataDir, HEXIAO_MAX_UPLOAD: '1000' }).maxExpandedBytes).toBe(10_000);
    expect(loadConfig({ HEXIAO_DATA_DIR: dataDir }, { maxUploadBytes: 500 }).maxExpandedBytes).toBe(5000);
    expect(loadConfig({ HEXIAO_DATA_DIR: dataDir, HEXIAO_MAX_EXPANDED: '7' }).maxExpandedBytes).toBe(7);
  });
});
