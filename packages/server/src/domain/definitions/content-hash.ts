import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/index.ts';

/** sha-256 of the canonical JSON: the same document always hashes the same, whatever its key order. */
export const contentHash = (document: unknown) => createHash('sha256').update(canonicalJson(document)).digest('hex');
