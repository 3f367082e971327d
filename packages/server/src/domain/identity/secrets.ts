import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Credentials shown once: `<prefix>_<id>.<secret>`. The id finds the row; only sha-256(secret) is stored.
 * Session cookies use prefix `hxs`, API tokens `hxt`.
 */
export interface IssuedCredential {
  id: string;
  secretHash: string;
  value: string;
}

export function issueCredential(prefix: 'hxs' | 'hxt'): IssuedCredential {
  const id = uuidv7();
  const secret = randomBytes(32).toString('base64url');
  return { id, secretHash: sha256(secret), value: `${prefix}_${id}.${secret}` };
}

export function parseCredential(value: string, prefix: 'hxs' | 'hxt'): { id: string; secret: string } | undefined {
  const m = new RegExp(`^${prefix}_([0-9a-f-]{36})\\.([A-Za-z0-9_-]{43})$`).exec(value);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
export const newId = () => uuidv7();
