import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';
import { issueCredential, parseCredential, secretMatches } from './secrets.ts';

describe('passwords', () => {
  it('hashes with scrypt and a random salt, and verifies', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
  it('refuses short passwords', async () => {
    await expect(hashPassword('short')).rejects.toThrow(/8 characters/);
  });
});

describe('credentials', () => {
  it('stores only a hash and parses what it issued', () => {
    const tenant = '01a2135c-b77c-73cb-b10d-268ac5d19127';
    const c = issueCredential('hxt', tenant);
    expect(c.value.startsWith(`hxt_${tenant}.${c.id}.`)).toBe(true);
    expect(c.value).not.toContain(c.secretHash);
    const parsed = parseCredential(c.value, 'hxt')!;
    expect(parsed.id).toBe(c.id);
    expect(parsed.tenantId).toBe(tenant);
    expect(secretMatches(parsed.secret, c.secretHash)).toBe(true);
    expect(secretMatches(parsed.secret.replace(/.$/, 'x'), c.secretHash)).toBe(false);
    expect(parseCredential(c.value, 'hxs')).toBeUndefined();
    expect(parseCredential('hxt_garbage', 'hxt')).toBeUndefined();
  });
});
