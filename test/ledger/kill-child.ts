// Posts and settles in a loop against DATABASE_URL until killed: the kill test SIGKILLs it mid-posting.
import { createDb } from '../../packages/server/src/store/db.ts';
import { findTenantById } from '../../packages/server/src/store/repos/tenants.ts';
import { systemActor } from '../../packages/server/src/domain/context.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';

const database = await createDb({ url: process.env.DATABASE_URL!, max: 2 });
const tenant = (await findTenantById(database.db, process.env.KILL_TENANT!))!;
const ctx = { tenant, actor: systemActor('kill-test') };
const deps = { db: database.db, auditKey: Buffer.from(process.env.KILL_AUDIT_KEY!) };
const customerId = process.env.KILL_CUSTOMER!;
for (let i = 0; ; i++) {
  const inv = await postDocument(deps, ctx, {
    type: 'invoice',
    customerId,
    currency: 'CNY',
    amount: '113.00',
    taxAmount: '13.00',
    documentDate: '2026-11-02',
  });
  const rct = await postDocument(deps, ctx, {
    type: 'receipt',
    customerId,
    currency: 'CNY',
    amount: '50.00',
    documentDate: '2026-11-03',
  });
  await allocate(deps, ctx, {
    postingDate: '2026-11-03',
    lines: [{ debitDocumentId: inv.document.id, creditDocumentId: rct.document.id, amount: '50.00' }],
  });
  if (i === 0) process.stdout.write('posting\n');
}
