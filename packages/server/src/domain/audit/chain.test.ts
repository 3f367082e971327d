import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { ChainVerifier, chainEntries, entryHash, genesisHash, signHead } from './chain.ts';

const optional = fc.option(fc.string(), { nil: undefined });

describe('audit chain hashing', () => {
  it('hashes exactly the canonical JSON of the recorded fields', () => {
    fc.assert(
      fc.property(
        fc.record({
          action: fc.string(),
          actorId: optional,
          userAgent: optional,
          after: fc.option(fc.jsonValue(), { nil: undefined }),
          recordCount: fc.option(fc.nat(), { nil: undefined }),
          seq: fc.nat(),
        }),
        (e) => {
          const entry = {
            ...e,
            tenantId: 't',
            id: 'i',
            at: '2026-11-25T00:00:00.000Z',
            actorType: 'user' as const,
            prevHash: 'p',
          };
          const body = canonicalJson({
            tenantId: 't',
            seq: e.seq,
            id: 'i',
            at: entry.at,
            actorType: 'user',
            actorId: e.actorId ?? null,
            actorName: null,
            action: e.action,
            entityType: null,
            entityId: null,
            before: null,
            after: e.after ?? null,
            definitions: null,
            batchSha256: null,
            recordCount: e.recordCount ?? null,
            ip: null,
            userAgent: e.userAgent ?? null,
            requestId: null,
          });
          expect(entryHash(entry)).toBe(createHash('sha256').update('p').update('\n').update(body).digest('hex'));
        },
      ),
    );
  });

  it('verifies a chain built in memory and finds the first edited entry', () => {
    const key = Buffer.from('k');
    const at = '2026-11-25T00:00:00.000Z';
    const entries = chainEntries(
      { lastSeq: 0, lastHash: genesisHash('t') },
      't',
      Array.from({ length: 5 }, (_, i) => ({
        actorType: 'system' as const,
        action: 'a',
        after: { i },
        id: `id${i}`,
        at,
      })),
    );
    const head = { tenantId: 't', lastSeq: 5, lastHash: entries[4]!.hash, entryCount: 5 };
    const ok = new ChainVerifier('t');
    entries.forEach((e) => ok.push(e));
    expect(ok.finish({ ...head, signature: signHead(key, head) }, key).ok).toBe(true);
    const bad = new ChainVerifier('t');
    entries.map((e, i) => (i === 2 ? { ...e, after: { i: 99 } } : e)).forEach((e) => bad.push(e));
    expect(bad.finish({ ...head, signature: signHead(key, head) }, key).firstBroken?.seq).toBe(3);
  });
});
