import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ledgerSetup } from './setup.ts';
import { runSequence, sequenceArb, type Driver } from './commands.ts';
import { MemoryLedger } from './memory-ledger.ts';
import {
  checkBooks,
  postDocument,
  reverseDocument,
  type LedgerDeps,
  type PostDocumentInput,
} from '../../packages/server/src/domain/ledger/index.ts';
import { allocate, reverseSettlement } from '../../packages/server/src/domain/settlement/index.ts';
import { setPeriodStatus } from '../../packages/server/src/domain/periods/index.ts';
import { verifyAudit } from '../../packages/server/src/domain/audit/index.ts';
import { runIdempotent } from '../../packages/server/src/domain/idempotency/index.ts';
import { allOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';
import { FaultError } from './commands.ts';

const routes = {
  post: 'POST /receivables',
  alloc: 'POST /settlements',
  'rev-doc': 'POST /documents/:id/reversal',
  'rev-st': 'POST /settlements/:id/reversal',
  close: '',
} as const;

async function dbDriver(s: Awaited<ReturnType<typeof ledgerSetup>>): Promise<Driver> {
  return {
    async run(op, input, call) {
      if (op === 'close') {
        await setPeriodStatus(s.deps, s.ctx, '2026-10', 'closed').catch((e: { type?: string }) => {
          if (e.type !== 'conflict') throw e;
        });
        return { id: '2026-10', body: null };
      }
      let n = 0;
      const result = await runIdempotent(
        s.database.db,
        { tenantId: s.tenant.id, route: routes[op], principal: 'system:test', key: call.key, request: input },
        async (db) => {
          const deps: LedgerDeps = {
            db,
            auditKey: s.deps.auditKey,
            fault: (step) => {
              if (call.faultAt !== null && n++ === call.faultAt) throw new FaultError(step);
            },
          };
          const body =
            op === 'post'
              ? await postDocument(deps, s.ctx, input as PostDocumentInput)
              : op === 'alloc'
                ? await allocate(deps, s.ctx, input as never)
                : op === 'rev-doc'
                  ? await reverseDocument(deps, s.ctx, input as never)
                  : await reverseSettlement(deps, s.ctx, input as never);
          return { status: 201, body };
        },
      );
      const b = result.body as { document?: { id: string }; settlement?: { id: string }; reversal?: { id: string } };
      return { id: b.document?.id ?? b.reversal?.id ?? b.settlement!.id, body: result.body };
    },
    async openAmounts() {
      return new Map(
        (await allOpenItems(s.database.db, s.tenant.id)).map((o) => [o.documentId, dec(o.openAmount).toFixed()]),
      );
    },
  };
}

describe('ledger through the database: the model generator, lockstep with the model', () => {
  it('agrees with the model and keeps every invariant (30 sequences with faults and replays)', async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb(8), async (cmds) => {
        const s = await ledgerSetup(2);
        const model = new MemoryLedger(s.tenant, new Set(['m1', 'm2']));
        await runSequence(cmds, model, { m: ['m1', 'm2'], d: s.customers }, await dbDriver(s));
        const books = await checkBooks(s.database.db, s.tenant.id);
        expect(books.violations).toEqual([]);
        expect(books.documents).toBe(model.documents.size);
        expect(books.vouchers).toBe(model.vouchers.length);
        expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
