import { randomBytes, timingSafeEqual } from 'node:crypto';
import { newId, sha256 } from '../ids.ts';

export { newId, sha256 };

/**
 * Credentials shown once: `<prefix>_<tenant id>.<id>.<secret>`. The tenant id scopes the lookup (row-level
 * security needs the tenant before the first query), the id finds the row, and only sha-256(secret) is
 * stored. Session cookies use prefix `hxs`, API tokens `hxt`.
 */
export interface IssuedCredential {
  id: string;
  secretHash: string;
  value: string;
}

export function issueCredential(prefix: 'hxs' | 'hxt', tenantId: string): IssuedCredential {
  const id = newId();
  const secret = randomBytes(32).toString('base64url');
  return { id, secretHash: sha256(secret), value: `${prefix}_${tenantId}.${id}.${secret}` };
}

const uuidRe = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

export function parseCredential(
  value: string,
  prefix: 'hxs' | 'hxt',
): { tenantId: string; id: string; secret: string } | undefined {
  const m = new RegExp(`^${prefix}_(${uuidRe})\\.(${uuidRe})\\.([A-Za-z0-9_-]{43})$`).exec(value);
  return m ? { tenantId: m[1]!, id: m[2]!, secret: m[3]! } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
