import * as docs from '../../store/repos/documents.ts';
import { getOpenItems } from '../../store/repos/open-items.ts';
import { findCustomer, type RowScope } from '../../store/repos/customers.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { dec } from '../money/index.ts';

/**
 * The receivable a promise or dispute is about: a document in the actor's data scope (404 otherwise, as if
 * it did not exist) whose debit open item still has something open, with its customer.
 */
export async function openReceivable(db: Executor, tenantId: string, id: string, scope: RowScope | undefined) {
  const d = await docs.getDocument(db, tenantId, id);
  const missing = () => new HexiaoError('not_found', `receivable ${id} does not exist`);
  if (!d || !d.customerId) throw missing();
  if (scope && !(await findCustomer(db, tenantId, d.customerId, false, scope))) throw missing();
  const item = (await getOpenItems(db, tenantId, [id])).get(id);
  if (!item || item.side !== 'debit' || !dec(item.openAmount).gt(0))
    throw new HexiaoError('conflict', `receivable ${d.number ?? id} has nothing open`, {
      errors: [{ pointer: '/path/id', reason: 'the receivable is settled, or is not a debit item' }],
    });
  return { document: d, customerId: d.customerId, item };
}
