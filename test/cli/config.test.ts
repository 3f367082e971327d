import { describe, expect, it } from 'vitest';
import { hexiao } from './run-cli.ts';

// each case starts a CLI process (a few seconds each on a busy machine)
describe('configuration at start-up', { timeout: 120_000 }, () => {
  it('on PostgreSQL without an audit key the CLI refuses in one line saying how to make one', () => {
    const r = hexiao(['migrate'], {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      HEXIAO_AUDIT_KEY: undefined,
      HEXIAO_AUDIT_KEY_FILE: undefined,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/HEXIAO_AUDIT_KEY: is required with DATABASE_URL/);
    expect(r.stderr).toMatch(/hexiao audit key > audit\.key/);
  });

  it('a non-numeric HEXIAO_MAX_UPLOAD stops the CLI naming the variable', () => {
    const r = hexiao(['migrate'], { DATABASE_URL: undefined, HEXIAO_MAX_UPLOAD: 'lots' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/HEXIAO_MAX_UPLOAD: must be a whole number/);
  });

  it('`hexiao audit key` prints a fresh 32-byte key as hex', () => {
    const a = hexiao(['audit', 'key']);
    const b = hexiao(['audit', 'key', '--json']);
    expect(a.status).toBe(0);
    expect(a.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(b.stdout).key).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(b.stdout).key).not.toBe(a.stdout.trim());
  });
});
